"""Runs over many files: the two corpus passes, serial or in worker processes.

Workers are forked where the platform allows, so they inherit the compiled packs; the initializer
sets each one up either way. Results come back in file order, so output is identical to a serial run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..config import Config
from ..document import Document, InputError
from ..findings import Finding
from .core import get_engine
from .corpus import Corpus, build_corpus, corpus_of, wants_corpus
from .walk import FileError, expand_paths, read_document


@dataclass
class RunResult:
    findings: list[Finding]
    errors: list[FileError]
    documents: list[Document]
    # Printed as warnings; they do not change the exit code (see FileError.warning).
    warnings: list[FileError] = field(default_factory=list)


_WORKER: dict = {}


def _init_worker(config: Config, corpus: Corpus | None, kept: dict | None = None) -> None:
    engine = get_engine(config)
    engine.use_corpus(corpus)
    _WORKER.update(config=config, engine=engine, kept=kept or {})


def _corpus_chunk(job) -> tuple:
    files, keep, want_stats = job
    kept = {} if keep else None
    return corpus_of(_WORKER["engine"], files, _WORKER["config"], kept, want_stats, keep_text=False), kept


def _check_one(job):
    path, want_text, want_stats = job
    engine, config = _WORKER["engine"], _WORKER["config"]
    kept = _WORKER["kept"].pop(path, None)  # checked in corpus pass 1 but for the rules that read counts
    if kept is not None:
        doc = kept.doc
        if doc is None:
            try:
                doc = read_document(path, config)
            except InputError as exc:
                return path, None, [], [FileError(path, str(exc))]
        rules, severity = engine.rules_for(path)
        deferred = [r for r in rules if r.id in kept.deferred]
        found = engine.in_run_order(doc, rules, kept.findings + engine.raw_findings(doc, deferred, severity,
                                                                                      prepared=kept.prepared))
        findings = engine.finish(doc, found, rules)
        doc.errors[:0] = kept.errors
        doc.stats = kept.stats
    else:
        try:
            doc = read_document(path, config)
        except InputError as exc:
            return path, None, [], [FileError(path, str(exc))]
        findings = engine.check_document(doc)
    if want_stats and doc.stats is None:
        from ..stats import document_stats

        doc.stats = document_stats(doc)
    problems = [FileError(path, message) for message in doc.errors]
    problems.extend(FileError(path, message, warning=True, where=where)
                    for where, message in (w.split(": ", 1) for w in doc.warnings))
    if not want_text:
        doc = Document("", path=doc.path, date=doc.date, date_source=doc.date_source, encoding=doc.encoding,
                       stats=doc.stats)
    else:
        doc.cache = {"digest": doc.cache.get("digest")}  # analyses are rebuilt on demand, not shipped
    return path, doc, findings, problems


def _pool(jobs: int, config: Config, corpus: Corpus | None, kept: dict | None = None):
    import multiprocessing
    from multiprocessing.pool import Pool

    class QuietPool(Pool):
        """A Pool whose worker-minding thread wakes only when a worker exits or the pool changes
        state. The standard one also wakes on every result waiting in the queue and spins until
        the result thread has read it: on two cores that spin took ~0.5 s of CPU from the workers
        over 2,000 articles. Without maxtasksperchild (not used here) the results are no reason
        to look at the workers."""

        def _get_sentinels(self):
            return [self._change_notifier._reader]

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return QuietPool(jobs, initializer=_init_worker, initargs=(config, corpus, kept),
                     context=multiprocessing.get_context(method))


def parallel_corpus(files, config: Config, jobs: int, kept: dict | None = None, want_stats: bool = False,
                    progress=None) -> Corpus:
    """Pass 1 in worker processes: each counts a share of the files (the counts are merged) and,
    with `kept`, sends back the findings of the rules that do not read the counts."""
    size = -(-len(files) // (jobs * 4))
    chunks = [(files[i : i + size], kept is not None, want_stats) for i in range(0, len(files), size)]
    corpus = Corpus()
    done = 0
    with _pool(jobs, config, None) as pool:
        for (chunk, _, _), (part, found) in zip(chunks, pool.imap(_corpus_chunk, chunks)):
            corpus.merge(part)
            done += len(chunk)
            if progress:
                progress(done, len(files), PASS_1)
            if kept is not None:
                for path, item in found.items():
                    kept.setdefault(path, item)
    return corpus


def default_jobs(files: list) -> int:
    """Many files: one worker per core. A few: one process, which starts faster."""
    return max(1, os.cpu_count() or 1) if len(files) >= 50 else 1


def iter_checked(paths, config: Config, jobs: int | None = None, progress=None, want_text: bool = True,
                 want_stats: bool = False):
    """Stream (path, Document or None, findings, errors) for each file, in order. In corpus mode a
    first pass over all files learns what recurs across them. jobs > 1 checks files in parallel
    worker processes; the order and content of the results do not change."""
    engine = get_engine(config)
    files, errors = expand_paths(paths)
    for error in errors:
        yield error.path, None, [], [error]
    if jobs is None:
        jobs = default_jobs(files)
    if "-" in files:
        jobs = 1
    corpus, kept = None, {}
    if wants_corpus(paths, config) and engine.collecting_rules and "-" not in files:
        corpus = build_corpus(engine, files, config, jobs, kept, want_stats, progress)
    known = None
    if config.baseline:
        from ..baseline import load_baseline

        known = load_baseline(config.baseline)
    work = [(path, want_text, want_stats) for path in files]
    if jobs > 1:
        pool = _pool(jobs, config, corpus, kept)
        results = pool.imap(_check_one, work, chunksize=4)
    else:
        pool = None
        _init_worker(config, corpus, kept)
        results = map(_check_one, work)
    from ..progress import PASS_2, SINGLE

    stage = PASS_2 if corpus is not None else SINGLE
    if progress:
        progress(0, len(work), stage)
    try:
        for done, (path, doc, findings, problems) in enumerate(results, 1):
            if progress:
                progress(done, len(work), stage)
            if known is not None:
                findings = known.new_findings(findings)
            yield path, doc, findings, problems
    finally:
        if pool is not None:
            pool.terminate()
        engine.use_corpus(None)
        kept.clear()


def check_paths(paths: Iterable[str | os.PathLike[str]], *, config: Config | None = None,
                keep_text: bool = False) -> RunResult:
    """Check files and directories. Unreadable files become errors; the others are checked.
    Documents keep their text only with keep_text, so a large corpus is not held in memory."""
    config = config or Config()
    result = RunResult([], [], [])
    for _, doc, found, problems in iter_checked([os.fspath(p) for p in paths], config, want_text=keep_text):
        for problem in problems:
            (result.warnings if problem.warning else result.errors).append(problem)
        if doc is None:
            continue
        result.findings.extend(found)
        result.documents.append(doc)
    return result
