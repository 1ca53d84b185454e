"""The core of the engine: run the selected rules over one document and turn their hits into
Findings.

    Document -> (shared tokens, views, sentences) -> each rule's kind -> Hits -> Findings
"""

from __future__ import annotations

import datetime as _dt
import time
from functools import lru_cache

from ..config import Config
from .. import document as _document
from ..document import Document
from ..findings import Finding
from ..packs import Rule, load_packs
from . import selection
from .corpus import Corpus
from .selection import UsageError
from .walk import make_document


class OverBudget(Exception):
    pass


class CorpusPending(Exception):
    """A rule asked for corpus counts while pass 1 is still counting: the engine runs that rule
    again in pass 2. Every other rule's findings do not depend on the corpus, so pass 1 keeps them."""


class _Placeholders(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def format_message(template: str, args: dict) -> str:
    if "{" not in template and "}" not in template:
        return template
    try:
        return template.format_map(_Placeholders(args))  # in C: string.Formatter parses in Python
    except (ValueError, IndexError, AttributeError):
        return template


class Context:
    """What a kind may know besides the document: the run's configuration and corpus-mode state.
    The engine hands each rule its own RuleContext, so a kind finds its rule's corpus counts by
    the rule's id, not by the identity of its state."""

    def __init__(self, config: Config, corpus: Corpus | None = None):
        self.config = config
        self.corpus = corpus
        self.deadline: float | None = None  # the running check's own deadline (a service request's)
        # True while corpus pass 1 runs the rules: asking for corpus state then raises CorpusPending.
        self.pending = False
        self._rules: dict = {}
        # flags(text) -> bool: does a word-level rule report this text on its own? (Engine.word_flagged)
        self.flags = None

    @property
    def corpus_documents(self) -> int:
        return self.corpus.documents if self.corpus else 0

    def for_rule(self, rule_id: str) -> RuleContext:
        ctx = self._rules.get(rule_id)
        if ctx is None:
            ctx = self._rules[rule_id] = RuleContext(self, rule_id)
        return ctx


class RuleContext:
    """One rule's view of the run: `config`, `corpus`, `corpus_documents`, `corpus_counts()`."""

    __slots__ = ("_run", "rule_id")

    def __init__(self, run: Context, rule_id: str):
        self._run, self.rule_id = run, rule_id

    @property
    def config(self) -> Config:
        return self._run.config

    @property
    def corpus(self) -> Corpus | None:
        if self._run.pending:
            raise CorpusPending(self.rule_id)
        return self._run.corpus

    @property
    def corpus_documents(self) -> int:
        if self._run.pending:
            raise CorpusPending(self.rule_id)
        return self._run.corpus_documents

    def flags(self, text: str) -> bool:
        """Does a pattern or lexicon rule of the run (warning or above) report `text` standing alone?"""
        flags = self._run.flags
        return bool(flags and flags(text))

    @property
    def deadline(self) -> float | None:
        """When the check running now must end (time.monotonic()), or None; the kinds' regex
        budgets never run past it (qa.kinds._util.rule_deadline)."""
        return self._run.deadline

    def corpus_counts(self, state=None):
        """This rule's corpus counts, or None outside corpus mode. (`state` is accepted and
        unused: kinds written against the older signature keep working.)"""
        if self._run.pending:
            raise CorpusPending(self.rule_id)
        corpus = self._run.corpus
        if corpus is None:
            return None
        return corpus.counts.get(self.rule_id, {})

    def outside_corpus(self) -> RuleContext:
        """This context as outside corpus mode (no counts, no corpus): a kind's pass_one runs the
        part of its check that the counts do not change with it."""
        return _OutsideCorpus(self._run, self.rule_id)


class _OutsideCorpus(RuleContext):
    __slots__ = ()
    corpus = None
    corpus_documents = 0

    def corpus_counts(self, state=None):
        return None


class Engine:
    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.packs = load_packs(self.config.rules_dirs)
        self.all_rules = [rule for pack in self.packs for rule in pack.rules]
        self.known_ids = selection.known_ids(self.all_rules)
        # Ids the configuration file named are checked first, so a typo there is reported as the file's.
        self.config.check_ids(self.known_ids)
        self.rules = self.choose_rules(self.config.select, self.config.ignore)
        self.severity = dict(self.config.severity)
        if self.config.house_style:
            selection.use_house_style(self.all_rules, self.config.house_style)
        self.context = Context(self.config)
        self.context.flags = self.word_flagged
        self._word_rules = [r for r in self.all_rules if r.enabled and r.kind in ("pattern", "lexicon") and r.severity != "info"]
        self._word_verdicts: dict = {}

    def word_flagged(self, text: str) -> bool:
        """Does a pattern or lexicon rule at warning or above report `text` standing alone? A kind asks
        before it suggests a spelling, so that one rule never proposes what another calls wrong.
        Asked for a few words per article; memoised, and bounded like the other caches."""
        verdict = self._word_verdicts.get(text)
        if verdict is None:
            doc = Document(text, path="-")
            verdict = any(next(iter(r.kind_module.check(doc, r.state, self.context.for_rule(r.id))), None) is not None
                          for r in self._word_rules)
            if len(self._word_verdicts) > 100_000:
                self._word_verdicts.clear()
            self._word_verdicts[text] = verdict
        return verdict

    def choose_rules(self, select=(), ignore=()) -> list:
        return selection.choose_rules(self.all_rules, select, ignore)

    def rules_for(self, path: str) -> tuple[list, dict]:
        """The rules and severities that apply to one path, after per-path overrides."""
        return selection.rules_for_path(path, self.config, self.all_rules, self.rules, self.severity)

    @property
    def collecting_rules(self) -> list:
        return [r for r in self.rules if hasattr(r.kind_module, "collect")]

    def use_corpus(self, corpus: Corpus | None) -> None:
        self.context.corpus = corpus

    def check_document(self, doc: Document, rules=None, deadline: float | None = None) -> list[Finding]:
        """All findings of the rules on one document. With a deadline (a time.monotonic() value),
        rules not yet started when it passes are skipped and OverBudget is raised: a service must
        not let one request hold a worker for ever."""
        severity = self.severity
        if rules is None:
            rules, severity = self.rules_for(doc.path)
        return self.finish(doc, self.raw_findings(doc, rules, severity, deadline), rules)

    def raw_findings(self, doc: Document, rules, severity, deadline=None, deferred: set | None = None,
                     prepared: dict | None = None) -> list[Finding]:
        """The rules' findings on one document, before suppression markers, merging and fingerprints
        (see finish). With `deferred` (corpus pass 1), a rule that asks for corpus counts is left
        out and its id added to the set, to run in pass 2; if its kind splits its check (pass_one,
        pass_two), what pass_one keeps of the document goes into `prepared` (rule id -> it), and
        pass 2, given `prepared`, finishes the rule from that instead of checking it afresh."""
        findings = []
        self.context.deadline = deadline
        try:
            for offset, part in doc.chunks():
                # A dump checked in chunks runs its deferred rules afresh in pass 2.
                found = self._run_rules(part, rules, severity, deadline, deferred, prepared if part is doc else None)
                if part is not doc:
                    self._shift_into(doc, found, offset)
                    doc.errors.extend(e for e in part.errors if e not in doc.errors)
                findings.extend(found)
        finally:
            self.context.deadline = None
        return findings

    @staticmethod
    def in_run_order(doc: Document, rules, findings: list[Finding]) -> list[Finding]:
        """Raw findings gathered in two runs (corpus pass 1 and pass 2) in the order one run would
        have made them: chunk by chunk, rule by rule (finish's merging of same-cause findings keeps
        the first it met). Within a rule the hits keep their order."""
        rank = {rule.id: i for i, rule in enumerate(rules)}
        size = _document.CHUNK_SIZE  # read at run time: tests shrink it
        if len(doc.text) <= size:
            return sorted(findings, key=lambda f: rank.get(f.rule, len(rank)))
        from bisect import bisect_right

        starts = [start for start, _ in _document.chunk_spans(doc.text, size)]
        return sorted(findings, key=lambda f: (bisect_right(starts, f.start) - 1, rank.get(f.rule, len(rank))))

    def finish(self, doc: Document, findings: list[Finding], rules) -> list[Finding]:
        """Findings as reported, from the raw findings of `rules` (all that ran on the document):
        without those a suppression marker silences, one per problem, fingerprinted, in order."""
        from .. import suppress
        from ..samecause import one_per_problem

        findings, stale = suppress.apply(doc, findings, self.known_ids, lambda: selection.known_ids(rules))
        doc.warnings = stale
        findings = one_per_problem(findings, doc.text)
        for f in findings:
            f.fingerprint = suppress.fingerprint(doc, f.rule, f.start, f.end)
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

    def _run_rules(self, doc: Document, rules, severity, deadline, deferred: set | None = None,
                   prepared: dict | None = None) -> list[Finding]:
        findings, seen = [], set()
        for rule in rules:
            if deadline is not None and time.monotonic() > deadline:
                raise OverBudget(f"time budget exceeded before rule {rule.id}")
            mark = len(findings)
            kind, ctx = rule.kind_module, self.context.for_rule(rule.id)
            try:
                if deferred is None and prepared and rule.id in prepared:
                    hits = kind.pass_two(doc, rule.state, ctx, prepared[rule.id])
                else:
                    hits = kind.check(doc, rule.state, ctx)
                for hit in hits:
                    key = (rule.id, hit.start, hit.end)
                    if key in seen:
                        continue
                    seen.add(key)
                    findings.append(self._finding(doc, rule, hit, severity))
            except CorpusPending:
                del findings[mark:]  # this rule runs again in pass 2, with the counts
                if deferred is None:
                    raise
                deferred.add(rule.id)
                if prepared is not None and hasattr(kind, "pass_one"):
                    # What pass 2 needs of this document, taken while its analyses are at hand.
                    try:
                        prepared[rule.id] = kind.pass_one(doc, rule.state, ctx)
                    except Exception:  # noqa: BLE001  (CorpusPending, a timeout, a bug: pass 2 runs
                        pass           # the rule whole, and reports what goes wrong there)
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


def check_text(text: str, *, date: _dt.date | str | None = None, config: Config | None = None,
               path: str = "-") -> list[Finding]:
    """Check one text and return its findings, sorted by position. date is the article's
    publication date, a datetime.date or an ISO string ("2025-03-01"); anything else raises
    ValueError. Without it the date comes from config, then the text, then today."""
    from ..config import as_date

    config = config or Config()
    return get_engine(config).check_document(make_document(text, path, config, as_date(date)))


__all__ = ["Context", "Engine", "OverBudget", "RuleContext", "UsageError", "check_text", "format_message", "get_engine"]
