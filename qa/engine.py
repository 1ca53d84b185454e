"""The engine: run the selected rules over documents and turn their hits into Findings.

    bytes -> Document -> (shared tokens, views, sentences) -> each rule's kind -> Hits -> Findings
"""

from __future__ import annotations

import os
import string
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import Config
from .document import Document, InputError, decode
from .findings import Finding
from .packs import PackError, Rule, load_packs

TEXT_SUFFIXES = (".txt", ".md")


class OverBudget(Exception):
    pass


class UsageError(Exception):
    """A bad request from the user (unknown rule id, bad option value). Exit code 2."""


class _Placeholders(dict):
    def __missing__(self, key):
        return "{" + key + "}"


_FORMATTER = string.Formatter()


def format_message(template: str, args: dict) -> str:
    try:
        return _FORMATTER.vformat(template, (), _Placeholders(args))
    except (ValueError, IndexError, AttributeError):
        return template


@dataclass
class Corpus:
    """Corpus-mode state, explicit and mergeable: for each rule whose kind collects, in how many
    documents each key (a line fingerprint, say) occurred. Pass 1 builds it; pass 2 reads it.
    Memory grows with the number of distinct keys, not with the text."""

    documents: int = 0
    counts: dict = field(default_factory=dict)  # rule id -> {key: documents}
    # Indexes kinds derive from the counts in pass 2, once per run (not merged, not shipped).
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


@dataclass
class Context:
    """What a kind may know besides the document: the run's configuration and shared state."""

    config: Config
    corpus: Corpus | None = None
    state_owner: dict = field(default_factory=dict)  # id(rule state) -> rule id

    @property
    def corpus_documents(self) -> int:
        return self.corpus.documents if self.corpus else 0

    def corpus_counts(self, state):
        """The corpus counts of the rule owning this state, or None outside corpus mode."""
        if self.corpus is None:
            return None
        return self.corpus.counts.get(self.state_owner.get(id(state)), {})


def _matches(rule: Rule, ids) -> bool:
    return rule.id in ids or rule.pack in ids


class Engine:
    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        packs = load_packs(self.config.rules_dirs)
        self.packs = packs
        all_rules = [rule for pack in packs for rule in pack.rules]
        self.all_rules = all_rules
        known = {r.id for r in all_rules} | {r.pack for r in all_rules}
        for override in self.config.overrides:
            for ids in (override.select, override.ignore, [rule for rule, _ in override.severity]):
                unknown = [i for i in ids if i not in known]
                if unknown:
                    raise UsageError(f"{self.config.source}: overrides: unknown rule or pack id {unknown[0]!r}")
        self.rules = self.choose_rules(self.config.select, self.config.ignore)
        self.severity = dict(self.config.severity)
        if self.config.house_style:
            self._use_house_style(self.config.house_style)
        self.context = Context(self.config, state_owner={id(r.state): r.id for r in self.rules})

    def choose_rules(self, select=(), ignore=()) -> list:
        """The rules that --select/--ignore leave on. A rule that is off by default runs only when
        select names it by its own id. Unknown ids are a usage error, not a silent no-op."""
        known = {r.id for r in self.all_rules} | {r.pack for r in self.all_rules}
        for option, ids in (("--select", select), ("--ignore", ignore)):
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise UsageError(f"{option}: unknown rule or pack id {unknown[0]!r} (see 'qa rules')")
        rules = [r for r in self.all_rules if (r.enabled and (not select or _matches(r, select))) or r.id in select]
        return [r for r in rules if not _matches(r, ignore)]

    def _use_house_style(self, path: str) -> None:
        """A newsroom's own house-style table replaces the consistency pack's."""
        from .kinds import CompileEnv, ParamError

        for rule in self.all_rules:
            if "house_style" in rule.params:
                try:
                    rule.state = rule.kind_module.compile({**rule.params, "house_style": path}, CompileEnv(Path(rule.source).parent, rule.id))
                except ParamError as exc:
                    raise PackError(exc.path or path, exc.line, f"house-style: {exc}") from None

    def rules_for(self, path: str) -> tuple[list, dict]:
        """The rules and severities that apply to one path, after per-path overrides."""
        overrides = [o for o in self.config.overrides if o.applies_to(path)]
        if not overrides:
            return self.rules, self.severity
        rules, severity = list(self.rules), dict(self.severity)
        for o in overrides:
            if o.select:
                rules = [r for r in self.all_rules if (r.enabled or r.id in o.select) and _matches(r, o.select)]
            rules = [r for r in rules if not _matches(r, o.ignore)]
            severity.update(dict(o.severity))
        return rules, severity

    @property
    def collecting_rules(self) -> list:
        return [r for r in self.rules if hasattr(r.kind_module, "collect")]

    def use_corpus(self, corpus: Corpus | None) -> None:
        self.context.corpus = corpus

    def check_document(self, doc: Document, rules=None, deadline: float | None = None) -> list[Finding]:
        """All findings of the rules on one document. With a deadline (a time.monotonic() value),
        rules not yet started when it passes are skipped and OverBudget is raised: a service must
        not let one request hold a worker for ever."""
        from .suppress import fingerprint, regions

        severity = self.severity
        if rules is None:
            rules, severity = self.rules_for(doc.path)
        findings = []
        for offset, part in doc.chunks():
            found = self._run_rules(part, rules, severity, deadline)
            if part is not doc:
                self._shift_into(doc, found, offset)
                doc.errors.extend(e for e in part.errors if e not in doc.errors)
            findings.extend(found)
        silenced = regions(doc)
        if silenced:
            findings = [f for f in findings if not any(region.covers(f) for region in silenced)]
        for f in findings:
            f.fingerprint = fingerprint(doc, f.rule, f.start, f.end)
        findings.sort(key=Finding.sort_key)
        return findings

    @staticmethod
    def _shift_into(doc: Document, findings: list[Finding], offset: int) -> None:
        """Findings of one chunk of a dump (see Document.chunks), placed in the whole file. Article-
        level rules (one spelling per name, repeated lines) have seen the chunk as their article."""
        for f in findings:
            f.start += offset
            f.end += offset
            f.line, f.column = doc.line_col(f.start)
            f.end_line, f.end_column = doc.line_col(f.end)

    def _run_rules(self, doc: Document, rules, severity, deadline) -> list[Finding]:
        findings, seen = [], set()
        for rule in rules:
            if deadline is not None and time.monotonic() > deadline:
                raise OverBudget(f"time budget exceeded before rule {rule.id}")
            try:
                for hit in rule.check(doc, self.context):
                    key = (rule.id, hit.start, hit.end)
                    if key in seen:
                        continue
                    seen.add(key)
                    findings.append(self._finding(doc, rule, hit, severity))
            except TimeoutError:
                # A runaway user pattern must not hang the run: report it and go on.
                doc.errors.append(f"rule {rule.id} timed out on this file and was skipped")
            except Exception as exc:  # a bug in one rule must not cost the other rules or files
                doc.errors.append(f"internal error in rule {rule.id}: {type(exc).__name__}: {exc} (please report it)")
        return findings

    def _finding(self, doc: Document, rule: Rule, hit, severity: dict) -> Finding:
        line, column = doc.line_col(hit.start)
        end_line, end_column = doc.line_col(hit.end)
        excerpt = _excerpt(doc.text, hit.start, hit.end)
        args = {"match": excerpt, **hit.args}
        return Finding(
            path=doc.path,
            start=hit.start,
            end=hit.end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=rule.id,
            pack=rule.pack,
            severity=severity.get(rule.id, hit.severity or rule.severity),
            message=format_message(hit.message or rule.message_ar, args),
            message_en=format_message(hit.message_en or rule.message_en, args),
            excerpt=excerpt,
            fix=hit.replacement,
            fix_safe=rule.fix_safe,
        )


# A whole-line finding on a line of megabytes (a scraped dump with no breaks) would otherwise carry
# the line itself, once per finding, into every report; the offsets still give the full span.
EXCERPT_MAX = 1000
_EXCERPT_TAIL = 120


def _excerpt(text: str, start: int, end: int) -> str:
    if end - start <= EXCERPT_MAX:
        return text[start:end]
    head = EXCERPT_MAX - _EXCERPT_TAIL - 3
    return f"{text[start : start + head]} … {text[end - _EXCERPT_TAIL : end]}"


@lru_cache(maxsize=8)
def get_engine(config: Config) -> Engine:
    return Engine(config)


def make_document(text: str, path: str, config: Config, date=None, encoding: str = "utf-8") -> Document:
    """A Document with its article date resolved: flag, path (if asked), front matter, dateline, or today."""
    from .dating import article_date

    when, source = article_date(text, date or config.date, path=path if config.date_from_path else None)
    return Document(text, path=path, date=when, date_source=source, encoding=encoding)


def check_text(text: str, *, date=None, config: Config | None = None, path: str = "-") -> list[Finding]:
    """Check one text and return its findings, sorted by position."""
    config = config or Config()
    return get_engine(config).check_document(make_document(text, path, config, date))


# --- Files -------------------------------------------------------------------------------------

@dataclass
class FileError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def expand_paths(paths) -> tuple[list[str], list[FileError]]:
    """Files to check, in order: files as given, directories walked for *.txt and *.md (sorted),
    '-' for stdin. Missing paths become errors and the rest still run."""
    out, errors = [], []
    for given in paths:
        if given == "-":
            out.append(given)
            continue
        path = Path(given)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if f.endswith(TEXT_SUFFIXES))
            out.extend(sorted(found))
        elif path.exists():
            out.append(given)
        else:
            errors.append(FileError(given, "no such file or directory"))
    return out, errors


def read_document(path: str, config: Config) -> Document:
    import hashlib

    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    text, encoding = decode(data, config.encoding)
    doc = make_document(text, path, config, encoding=encoding)
    # What was read, so a fix can refuse to overwrite a file that changed meanwhile.
    doc.cache["digest"] = hashlib.sha256(data).hexdigest()
    return doc


@dataclass
class RunResult:
    findings: list[Finding]
    errors: list[FileError]
    documents: list[Document]


def wants_corpus(paths, config: Config) -> bool:
    """Corpus mode: asked for with --corpus, or implied by a directory among the paths."""
    if config.corpus is not None:
        return config.corpus
    return any(p != "-" and Path(p).is_dir() for p in paths)


def build_corpus(engine: Engine, files, config: Config, jobs: int = 1) -> Corpus:
    """Pass 1: stream every readable file once and count what the collecting rules collect. With
    several jobs each worker counts a share of the files and the counts are merged."""
    files = [f for f in files if f != "-"]
    if jobs > 1 and len(files) > jobs:
        size = -(-len(files) // (jobs * 4))
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
        corpus = Corpus()
        with _pool(jobs, config, None) as pool:
            for part in pool.imap(_corpus_chunk, chunks):
                corpus.merge(part)
        return corpus
    return _corpus_of(engine, files, config)


def _corpus_of(engine: Engine, files, config: Config) -> Corpus:
    corpus = Corpus()
    rules = engine.collecting_rules
    for path in files:
        try:
            doc = read_document(path, config)
        except InputError:
            continue  # pass 2 reports it
        corpus.add(rules, doc)
    return corpus


# --- Parallel runs ----------------------------------------------------------------------------------
# Workers are forked where the platform allows, so they inherit the compiled packs; the initializer
# sets each one up either way. Results come back in file order, so output is identical to a serial run.

_WORKER: dict = {}


def _init_worker(config: Config, corpus: Corpus | None) -> None:
    engine = get_engine(config)
    engine.use_corpus(corpus)
    _WORKER.update(config=config, engine=engine)


def _corpus_chunk(files) -> Corpus:
    return _corpus_of(_WORKER["engine"], files, _WORKER["config"])


def _check_one(job):
    path, want_text, want_stats = job
    engine, config = _WORKER["engine"], _WORKER["config"]
    try:
        doc = read_document(path, config)
    except InputError as exc:
        return path, None, [], [FileError(path, str(exc))]
    findings = engine.check_document(doc)
    if want_stats:
        from .stats import document_stats

        doc.stats = document_stats(doc)
    problems = [FileError(path, message) for message in doc.errors]
    if not want_text:
        doc = Document("", path=doc.path, date=doc.date, date_source=doc.date_source, encoding=doc.encoding,
                       stats=doc.stats)
    else:
        doc.cache = {"digest": doc.cache.get("digest")}  # analyses are rebuilt on demand, not shipped
    return path, doc, findings, problems


def _pool(jobs: int, config: Config, corpus: Corpus | None):
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method).Pool(jobs, initializer=_init_worker, initargs=(config, corpus))


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
    corpus = None
    if wants_corpus(paths, config) and engine.collecting_rules and "-" not in files:
        corpus = build_corpus(engine, files, config, jobs)
    known = None
    if config.baseline:
        from .baseline import load_baseline

        known = load_baseline(config.baseline)
    work = [(path, want_text, want_stats) for path in files]
    if jobs > 1:
        pool = _pool(jobs, config, corpus)
        results = pool.imap(_check_one, work, chunksize=4)
    else:
        pool = None
        _init_worker(config, corpus)
        results = map(_check_one, work)
    try:
        for done, (path, doc, findings, problems) in enumerate(results, 1):
            if progress:
                progress(done, len(work))
            if known is not None:
                findings = known.new_findings(findings)
            yield path, doc, findings, problems
    finally:
        if pool is not None:
            pool.terminate()
        engine.use_corpus(None)


def check_paths(paths, *, config: Config | None = None, keep_text: bool = False) -> RunResult:
    """Check files and directories. Unreadable files become errors; the others are checked.
    Documents keep their text only with keep_text, so a large corpus is not held in memory."""
    config = config or Config()
    findings, errors, documents = [], [], []
    for _, doc, found, problems in iter_checked(paths, config, want_text=keep_text):
        errors.extend(problems)
        if doc is None:
            continue
        findings.extend(found)
        documents.append(doc)
    return RunResult(findings, errors, documents)


__all__ = ["Corpus", "Engine", "FileError", "PackError", "RunResult", "UsageError", "check_paths", "check_text"]
