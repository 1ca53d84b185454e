"""Clean and annotate an Arabic JSONL corpus with tadqiq inside datatrove.

    pip install 'tadqiq[datatrove]'
    python examples/datatrove_pipeline.py INPUT_DIR OUTPUT_DIR [--tasks 4] [--workers 2] [--min-documents 3]

INPUT_DIR holds JSONL files (optionally .gz) with "id" and "text" fields. Three jobs run in order,
each resuming after a failure (datatrove skips completed tasks):

  1. signatures  each task hashes the lines of its share of the documents
  2. merge       each task counts, per hash bucket, how many documents hold each line; it keeps
                 the lines seen in at least --min-documents documents (site furniture)
  3. clean       each task re-reads its documents, removes furniture found by the single-article
                 rules and the lines kept by stage 2, annotates what is left, and writes JSONL

OUTPUT_DIR/clean/ gets the cleaned, annotated documents (doc.metadata["tadqiq"] has the counts),
OUTPUT_DIR/logs/ datatrove's logs and stats.json per stage.
"""

import argparse

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from qa.integrations.datatrove import (
    BoilerplateMerge,
    BoilerplateSignatures,
    BoilerplateStripper,
    TadqiqAnnotator,
    TadqiqCleaner,
)


def build(input_dir: str, output_dir: str, tasks: int, workers: int, min_documents: int, buckets: int = 16):
    signatures, lines, logs = f"{output_dir}/signatures", f"{output_dir}/lines", f"{output_dir}/logs"
    stage1 = LocalPipelineExecutor(
        pipeline=[JsonlReader(input_dir), BoilerplateSignatures(signatures, buckets=buckets)],
        tasks=tasks, workers=workers, logging_dir=f"{logs}/signatures",
    )
    stage2 = LocalPipelineExecutor(
        pipeline=[BoilerplateMerge(signatures, lines, min_documents=min_documents, buckets=buckets)],
        tasks=min(tasks, buckets), workers=workers, logging_dir=f"{logs}/merge", depends=stage1,
    )
    stage3 = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(input_dir),
            TadqiqCleaner(),
            BoilerplateStripper(lines),
            TadqiqAnnotator(select=["mt-debris", "typography", "factual-drift"]),
            JsonlWriter(f"{output_dir}/clean"),
        ],
        tasks=tasks, workers=workers, logging_dir=f"{logs}/clean", depends=stage2,
    )
    return stage3


# The guard matters: datatrove starts its workers with "forkserver", which imports this file in
# each worker; without the guard every worker would launch the whole job again.
if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input_dir")
    parser.add_argument("output_dir")
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--min-documents", type=int, default=3)
    args = parser.parse_args()
    build(args.input_dir, args.output_dir, args.tasks, args.workers, args.min_documents).run()
