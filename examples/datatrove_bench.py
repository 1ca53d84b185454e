"""Measure tadqiq's datatrove steps.

    python examples/datatrove_bench.py ../shared/corpora/ant-news-2018/ [--millions 4]

1. Converts a folder of .txt articles into JSONL shards, then times TadqiqAnnotator (all packs)
   in a LocalPipelineExecutor with 1 worker and with 2 workers (8 tasks each): documents/s.
2. Writes synthetic signature files holding N million line occurrences and measures the merge
   stage's peak memory (tracemalloc, which sees numpy's buffers) per million occurrences.
"""

import argparse
import json
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader

from qa.integrations.datatrove import (
    SIGNATURE_SUFFIX,
    BoilerplateMerge,
    TadqiqAnnotator,
)


def to_jsonl(source: Path, target: Path, shards: int = 8) -> int:
    files = sorted(source.rglob("*.txt"))
    target.mkdir(parents=True, exist_ok=True)
    handles = [open(target / f"shard-{k}.jsonl", "w", encoding="utf-8") for k in range(shards)]
    for n, path in enumerate(files):
        record = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        handles[n % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
    for handle in handles:
        handle.close()
    return len(files)


def annotate(shards: Path, workers: int, work: Path) -> float:
    logs = work / f"logs-{workers}"
    start = time.perf_counter()
    LocalPipelineExecutor([JsonlReader(str(shards)), TadqiqAnnotator()], tasks=8, workers=workers,
                          logging_dir=str(logs)).run()
    return time.perf_counter() - start


def merge_memory(millions: float, work: Path) -> tuple[int, int]:
    """Peak bytes of merging one bucket of `millions` million occurrences, and how many."""
    rng = np.random.default_rng(0)
    occurrences = int(millions * 1_000_000)
    # A realistic mix: most lines unique, some repeated across many documents.
    distinct = rng.integers(0, 2**63, size=occurrences // 2, dtype=np.uint64)
    hashes = np.concatenate([distinct, rng.choice(distinct[:1000], size=occurrences - len(distinct))])
    folder = work / "signatures" / "0000"
    folder.mkdir(parents=True)
    for k, part in enumerate(np.array_split(hashes, 4)):
        (folder / f"{k:05d}{SIGNATURE_SUFFIX}").write_bytes(np.sort(part).astype("<u8").tobytes())
    del hashes, distinct
    step = BoilerplateMerge(str(work / "signatures"), str(work / "lines"), min_documents=3, buckets=1)
    tracemalloc.start()
    kept = step.merge_bucket(0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(kept) <= 1000
    return peak, occurrences


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--millions", type=float, default=4.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tadqiq-datatrove-"))
    try:
        documents = to_jsonl(args.corpus, work / "jsonl")
        annotate(work / "jsonl", 1, work / "warm")  # builds the word-list cache if it is missing
        for workers in (1, 2):
            seconds = annotate(work / "jsonl", workers, work)
            print(f"annotator, all packs, {workers} worker(s): {documents} documents in {seconds:.1f} s = "
                  f"{documents / seconds:.1f} documents/s")
        peak, occurrences = merge_memory(args.millions, work)
        print(f"merge stage: {occurrences:,} occurrences, peak {peak / 2**20:.1f} MiB = "
              f"{peak / occurrences:.1f} bytes per occurrence ({peak / 2**20 / (occurrences / 1e6):.1f} MiB per million)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
