"""Corpus passes: pass 1 counts what recurs across the files (line fingerprints, name spellings);
pass 2 (the ordinary check) reads those counts through each rule's context."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..document import Document, InputError
from ..progress import PASS_1
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


# Text kept from pass 1 for pass 2, in code points: about 40 MB of str, a corpus of some 10,000
# articles. Past it, pass 2 reads the remaining files again and checks them whole.
KEEP_CHARS = 20_000_000


@dataclass
class KeptDocument:
    """What pass 1 keeps of a file for pass 2: the decoded, dated text (not its analyses, which
    outweigh it), the findings of every rule that does not read corpus counts (they cannot change
    in pass 2), and the rules that do, which pass 2 runs with the finished counts."""

    doc: Document | None  # None when pass 1 ran in a worker: pass 2 reads the file again
    findings: list
    deferred: list  # rule ids
    errors: list
    stats: object = None
    # Rule id -> what the kind's pass_one kept of the document for its pass_two (a deferred rule
    # whose kind splits its check): pass 2 then neither tokenises nor analyses the text again.
    prepared: dict = field(default_factory=dict)


def _first_pass(engine, doc: Document, want_stats: bool, keep_text: bool = True) -> KeptDocument:
    from .core import CorpusPending  # noqa: F401  (raised by RuleContext while counts are pending)

    rules, severity = engine.rules_for(doc.path)
    deferred: set = set()
    prepared: dict = {}
    engine.context.pending = True
    try:
        found = engine.raw_findings(doc, rules, severity, deferred=deferred, prepared=prepared)
    finally:
        engine.context.pending = False
    stats = None
    if want_stats:
        from ..stats import document_stats

        stats = document_stats(doc)
    light = Document(doc.text, path=doc.path, date=doc.date, date_source=doc.date_source, encoding=doc.encoding,
                     stats=stats, cache={"digest": doc.cache.get("digest")}) if keep_text else None
    return KeptDocument(light, found, [r.id for r in rules if r.id in deferred], list(doc.errors), stats, prepared)


def corpus_of(engine, files, config: Config, kept: dict | None = None, want_stats: bool = False,
              keep_text: bool = True, progress=None) -> Corpus:
    """Pass 1 over some files, in this process. With `kept`, each file read is also checked by
    every rule that does not need the counts, while its analyses are at hand, and kept there
    (path -> KeptDocument) until KEEP_CHARS: pass 2 then neither reads, decodes nor dates it again,
    and runs only the rules that read the counts."""
    corpus = Corpus()
    rules = engine.collecting_rules
    room = KEEP_CHARS
    for done, path in enumerate(files, 1):
        if progress:
            progress(done - 1, len(files), PASS_1)
        try:
            doc = read_document(path, config)
        except InputError:
            continue  # pass 2 reports it
        corpus.add(rules, doc)
        if kept is not None and (len(doc.text) <= room or not keep_text) and path not in kept:
            room -= len(doc.text) if keep_text else 0
            kept[path] = _first_pass(engine, doc, want_stats, keep_text)
    if progress:
        progress(len(files), len(files), PASS_1)
    return corpus


def build_corpus(engine, files, config: Config, jobs: int = 1, kept: dict | None = None,
                 want_stats: bool = False, progress=None) -> Corpus:
    """Pass 1: stream every readable file once and count what the collecting rules collect. With
    several jobs each worker counts a share of the files and the counts are merged; the workers'
    findings come back, but not the texts: shipping them would cost more than reading them again."""
    files = [f for f in files if f != "-"]
    if progress:
        progress(0, len(files), PASS_1)
    if jobs > 1 and len(files) > jobs:
        from .parallel import parallel_corpus

        return parallel_corpus(files, config, jobs, kept, want_stats, progress)
    return corpus_of(engine, files, config, kept, want_stats, progress=progress)
