"""Corpus passes: pass 1 counts what recurs across the files (line fingerprints, name spellings);
pass 2 (the ordinary check) reads those counts through each rule's context."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..document import Document, InputError
from .walk import read_document


@dataclass
class Corpus:
    """Corpus-mode state, explicit and mergeable: for each rule whose kind collects, in how many
    documents each key (a line fingerprint, say) occurred. Pass 1 builds it; pass 2 reads it.
    Memory grows with the number of distinct keys, not with the text."""

    documents: int = 0
    counts: dict = field(default_factory=dict)  # rule id -> {key: documents}
    # Indexes kinds derive from the counts in pass 2, once per run, keyed by rule id (not merged,
    # not shipped).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def add(self, rules, doc: Document) -> None:
        self.documents += 1
        for rule in rules:
            collect = getattr(rule.kind_module, "collect", None)
            if collect is None:
                continue
            table = self.counts.setdefault(rule.id, {})
            for key in collect(doc, rule.state):
                table[key] = table.get(key, 0) + 1

    def merge(self, other: Corpus) -> None:
        self.documents += other.documents
        for rule_id, table in other.counts.items():
            mine = self.counts.setdefault(rule_id, {})
            for key, n in table.items():
                mine[key] = mine.get(key, 0) + n


def wants_corpus(paths, config: Config) -> bool:
    """Corpus mode: asked for with --corpus, or implied by a directory among the paths."""
    if config.corpus is not None:
        return config.corpus
    return any(p != "-" and Path(p).is_dir() for p in paths)


def corpus_of(engine, files, config: Config, progress=None) -> Corpus:
    """Pass 1 over some files, in this process."""
    from ..progress import PASS_1

    corpus = Corpus()
    rules = engine.collecting_rules
    for done, path in enumerate(files, 1):
        try:
            corpus.add(rules, read_document(path, config))
        except InputError:
            pass  # pass 2 reports it
        if progress:
            progress(done, len(files), PASS_1)
    return corpus


def build_corpus(engine, files, config: Config, jobs: int = 1, progress=None) -> Corpus:
    """Pass 1: stream every readable file once and count what the collecting rules collect. With
    several jobs each worker counts a share of the files and the counts are merged."""
    from ..progress import PASS_1

    files = [f for f in files if f != "-"]
    if progress:
        progress(0, len(files), PASS_1)
    if jobs > 1 and len(files) > jobs:
        from .parallel import parallel_corpus

        return parallel_corpus(files, config, jobs, progress)
    return corpus_of(engine, files, config, progress)
