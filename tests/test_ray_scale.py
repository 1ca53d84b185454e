"""At scale a signatures task holds at most max_in_memory hashes: past that it writes a sorted
run and starts again, and the job's output is the same as with everything in one run."""

import pytest

pytest.importorskip("datatrove", reason="the 'datatrove' extra is not installed")
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from test_ray import make_crawl, read_output, write_shards

from qa.integrations.datatrove import BoilerplateMerge, BoilerplateSignatures, BoilerplateStripper


def job(base, shards, max_in_memory):
    signatures, lines = base / "signatures", base / "lines"
    for pipeline in ([JsonlReader(str(shards)), BoilerplateSignatures(str(signatures), buckets=4, max_in_memory=max_in_memory)],
                     [BoilerplateMerge(str(signatures), str(lines), min_documents=5, buckets=4)],
                     [JsonlReader(str(shards)), BoilerplateStripper(str(lines)), JsonlWriter(str(base / "clean"))]):
        LocalPipelineExecutor(pipeline, tasks=2, workers=1, logging_dir=str(base / "logs" / str(len(pipeline)))).run()
    return base


def test_signature_runs_give_the_output_of_one_run(tmp_path):
    shards = tmp_path / "crawl"
    write_shards(shards, make_crawl(articles_per_site=30, listings_per_site=3), shards=2)
    whole = job(tmp_path / "whole", shards, 1 << 20)
    runs = job(tmp_path / "runs", shards, 200)
    assert len(list((runs / "signatures" / "0000").glob("00000-*.tq_sig"))) >= 3
    assert len(list((whole / "signatures" / "0000").glob("00000-*.tq_sig"))) == 1
    assert (runs / "lines" / "0000.tq_lines").read_bytes() == (whole / "lines" / "0000.tq_lines").read_bytes()
    assert read_output(runs / "clean") == read_output(whole / "clean") != {}
