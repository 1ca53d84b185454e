"""Kind `lexicon`: a list of words or phrases, each with its preferred form.

All entries compile into one Aho-Corasick automaton, so matching is one pass over the document
whatever the size of the list; only the places where a term occurs are then looked at in Python,
to check the word boundaries and the proclitics (و ف ب ك ل ال) and enclitics allowed around it.
Matching happens on a normalised view (hamza, alef and ya forms, diacritics and tatweel as the
rule chooses).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import ahocorasick

from ..arabic import DIACRITICS, FOLD_TABLE, PROCLITICS, STRIP_TABLE, TATWEEL
from ..findings import SEVERITIES
from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "entries": "inline list of entries: {match, fix?, suggest?, note?, message_ar?, message_en?, examples?}",
    "lexicon": "path of a YAML file (relative to the pack) holding the entries",
    "normalize": "strip (marks and tatweel only; hamza must match exactly) or fold (default)",
    "clitics": "proclitics allowed before a term: a list such as [و, ال, وال], 'any' or 'none' (default)",
    "suffixes": "enclitics allowed after a term, e.g. [ه, ها, هم] (default none)",
    "exceptions": "whole words that are never reported even if a reading of them matches",
    "ignorecase": "match Latin entries without regard to case",
}

_TABLES = {"strip": STRIP_TABLE, "fold": FOLD_TABLE}
_MARKS = frozenset(DIACRITICS + TATWEEL)


@dataclass
class Entry:
    terms: list[str]
    fix: str | None
    suggest: str | None
    note: str | None
    message_ar: str | None
    message_en: str | None
    line: int | None
    severity: str | None = None
    examples: dict | None = None


@dataclass
class State:
    automaton: object
    by_term: dict
    normalize: str
    exceptions: frozenset
    entries: list
    clitics: frozenset
    suffixes: frozenset
    ignorecase: bool
    # The longest proclitic and suffix: a walk to the word's edge stops once it is past them.
    longest_clitic: int
    longest_suffix: int


def _load_entries(params: dict, env) -> tuple[list, str, object]:
    if ("entries" in params) == ("lexicon" in params):
        raise ParamError(None, "give exactly one of 'entries' and 'lexicon'")
    if "entries" in params:
        return expect(params, "entries", list), "entries", None
    # The pack loader owns YAML parsing and its errors; it hands its reader in through env.
    path = env.pack_dir / expect(params, "lexicon", str)
    data = env.load_yaml(path)
    entries = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ParamError("lexicon", "a lexicon file holds a list of entries (or a mapping with 'entries')")
    return entries, "lexicon", path


def parse_entries(raw: list, key: str, table: dict) -> list[Entry]:
    entries = []
    for item in raw:
        line = getattr(item, "line", None)
        if isinstance(item, str):
            item = {"match": item}
        if not isinstance(item, dict) or "match" not in item:
            raise ParamError(key, "each entry needs 'match'", line)
        unknown = set(item) - {"match", "fix", "suggest", "note", "message_ar", "message_en", "examples", "severity"}
        if unknown:
            raise ParamError(key, f"unknown entry key(s): {', '.join(sorted(unknown))}", line)
        terms = item["match"] if isinstance(item["match"], list) else [item["match"]]
        if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ParamError(key, "'match' must be a non-empty string or list of strings", line)
        terms = [" ".join(t.translate(table).split()) for t in terms]
        severity = item.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise ParamError(key, f"entry severity must be error, warning or info, got {severity!r}", line)
        examples = item.get("examples")
        if examples is not None and (not isinstance(examples, dict) or set(examples) - {"fire", "pass"}):
            raise ParamError(key, "entry examples take 'fire' and 'pass' lists", line)
        entries.append(Entry(terms, item.get("fix"), item.get("suggest"), item.get("note"),
                             item.get("message_ar"), item.get("message_en"), line, severity, examples))
    return entries


def compile(params: dict, env) -> State:
    check_params(params, PARAMS)
    raw, key, path = _load_entries(params, env)
    normalize = expect_choice(params, "normalize", tuple(_TABLES), "fold")
    try:
        entries = parse_entries(raw, key, _TABLES[normalize])
    except ParamError as exc:
        exc.path = path
        raise
    if not entries:
        raise ParamError(key, "the lexicon is empty")
    by_term = {}
    ignorecase = bool(params.get("ignorecase"))
    for entry in entries:
        for term in entry.terms:
            by_term[term] = entry
    clitics = params.get("clitics", "none")
    if clitics == "any":
        clitics = list(PROCLITICS)  # the proclitic grammar of qa.arabic
    elif clitics == "none":
        clitics = []
    elif not isinstance(clitics, list) or not all(isinstance(c, str) and c for c in clitics):
        raise ParamError("clitics", "clitics is a list of strings, 'any' or 'none'")
    suffixes = expect(params, "suffixes", list, [])
    automaton = ahocorasick.Automaton()
    for term in by_term:
        key = term.lower() if ignorecase else term
        automaton.add_word(key, (term, len(key)))
    automaton.make_automaton()
    exceptions = frozenset(e.translate(_TABLES[normalize]) for e in expect(params, "exceptions", list, []))
    clitics, suffixes = frozenset(clitics) | {""}, frozenset(suffixes) | {""}
    return State(automaton, by_term, normalize, exceptions, entries, clitics, suffixes, ignorecase,
                 max(map(len, clitics)), max(map(len, suffixes)))


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"


def _lowered(text: str) -> str:
    """Lower case with one character per character, so offsets survive (İ lowers to two)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(
        low if len(low := ch.lower()) == 1 else ch for ch in text)


def matches(text: str, state: State):
    """(word start, term start, term end, word end, term) for each match, left to right and not
    overlapping. Where readings compete at one word start, the longest proclitic wins, then the
    longest term, as a regex alternation tried longest-first would choose."""
    candidates = []
    haystack = _lowered(text) if state.ignorecase else text
    size = len(text)
    for last, (term, length) in state.automaton.iter(haystack):
        term_end = last + 1
        term_start = term_end - length
        # Most hits lie inside a longer word: give up as soon as the prefix or the suffix is longer
        # than any allowed, instead of walking to the word's edge. The suffix side first: most
        # rules allow none, and then one character settles it.
        word_end, furthest = term_end, term_end + state.longest_suffix
        while word_end < size and _is_word_char(text[word_end]):
            word_end += 1
            if word_end > furthest:
                break
        if text[term_end:word_end] not in state.suffixes:
            continue
        word_start, furthest = term_start, term_start - state.longest_clitic
        while word_start > 0 and _is_word_char(text[word_start - 1]):
            word_start -= 1
            if word_start < furthest:
                break
        if text[word_start:term_start] not in state.clitics:
            continue
        candidates.append((word_start, word_start - term_start, term_start - term_end, term_start, term_end,
                           word_end, term))
    candidates.sort()
    consumed = 0
    for word_start, _, _, term_start, term_end, word_end, term in candidates:
        if word_start >= consumed:
            consumed = word_end
            yield word_start, term_start, term_end, word_end, term


def check(doc, state: State, ctx):
    view = doc.view(state.normalize)
    for word_start, term_start, term_end, word_end, term in matches(view.text, state):
        if state.exceptions and view.text[word_start:word_end] in state.exceptions:
            continue
        entry = state.by_term[term]
        start, end = view.span(term_start, term_end)
        suggestion = entry.fix or entry.suggest or ""
        args = {"suggestion": suggestion, "note": entry.note or ""}
        fix = _carry_marks(doc.text[start:end], term, entry.fix) if entry.fix else None
        yield Hit(start, end, fix, args, entry.message_ar, entry.message_en, entry.severity)


def examples(state: State) -> list:
    out = []
    for entry in state.entries:
        if entry.examples:
            items = {k: [e if isinstance(e, dict) else {"text": e} for e in entry.examples.get(k) or []]
                     for k in ("fire", "pass")}
            out.append((entry.terms[0], items))
    return out


def _carry_marks(original: str, term: str, fix: str) -> str:
    """Apply a letter-for-letter fix without dropping the writer's diacritics (أيضاً keeps its
    tanwin). A fix of another length replaces the span outright."""
    if len(fix) != len(term) or " " in term:
        return fix
    out, i = [], 0
    for ch in original:
        if ch in _MARKS:
            out.append(ch)
        else:
            out.append(fix[i] if i < len(fix) else ch)
            i += 1
    return "".join(out) if i == len(fix) else fix
