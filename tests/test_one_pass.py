"""Corpus mode reads each file once: pass 1 also runs every rule that does not read corpus counts,
and pass 2 runs only those that do, on the text pass 1 kept (within a memory bound), with the same
findings as reading and checking every file again."""

from test_corpus_mode import write_corpus

from qa.config import Config
from qa.engine import check_paths, corpus, parallel
from qa.kinds import get_kind


def test_corpus_mode_reads_each_file_once_with_the_same_findings(tmp_path, monkeypatch):
    write_corpus(tmp_path)
    config = Config(select=("boilerplate", "consistency"))
    reads = []
    original = corpus.read_document

    def counting(path, cfg):
        reads.append(path)
        return original(path, cfg)

    monkeypatch.setattr(corpus, "read_document", counting)
    monkeypatch.setattr(parallel, "read_document", counting)
    pattern = get_kind("pattern")
    runs = []
    original_check = pattern.check

    def counting_check(doc, state, ctx):
        runs.append(ctx.rule_id)
        return original_check(doc, state, ctx)

    monkeypatch.setattr(pattern, "check", counting_check)
    once = check_paths([str(tmp_path)], config=config)
    assert len(reads) == len(set(reads)) == 20
    assert runs and len(runs) == 20 * len(set(runs))  # each pattern rule once per file
    monkeypatch.setattr(pattern, "check", original_check)
    monkeypatch.setattr(corpus, "KEEP_CHARS", 0)  # nothing kept: pass 2 reads every file again
    reads.clear()
    twice = check_paths([str(tmp_path)], config=config)
    assert len(reads) == 40
    assert [f.to_dict() for f in once.findings] == [f.to_dict() for f in twice.findings]
    assert once.findings


def test_parallel_corpus_mode_matches_serial(tmp_path):
    from qa.engine import iter_checked

    write_corpus(tmp_path)
    config = Config(select=("boilerplate", "consistency", "typography"))

    def findings(jobs):
        return [f.to_dict() for _, _, found, _ in iter_checked([str(tmp_path)], config, jobs=jobs) for f in found]

    serial = findings(1)
    assert serial and findings(2) == serial
