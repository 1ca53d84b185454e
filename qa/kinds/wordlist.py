"""Kind `word-list`: Arabic tokens that are not words, checked against a real word list and morphology.

A token is first looked up in wordfreq's list as it is spelled (hamza kept); a token the list does
not vouch for goes to the morphological analyser (qa/morph.py), so regular derivations the web
rarely writes («الإقراضية») are words. What neither knows is either a name or a non-word, and a
name is presumed only with evidence: it recurs in the article, it is quoted, it follows a title or
a given name, it stands beside another name, it has a Latin twin in parentheses, or it looks like a
transliteration (long vowels throughout, a foreign ending, letters such as پ چ گ). A token whose
letters rearrange into a frequent word, used once, is a shuffle, whatever it looks like.

Every question is asked once per distinct word of the document (memoised in doc.cache and across
documents); positions are looked up only for the words flagged.

Modes:
  nonword   a non-word, with or without the article (the article also takes a word out of the names:
            names rarely take it). `definite` is the older name of this mode.
  glued     an unknown token that is two known words run together ("الجولةالأولى").
  cluster   a sentence where several unknown tokens gather: a garbled clause.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from ..arabic import fold, strip_marks
from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "mode": "nonword (or its older name definite), glued or cluster",
    "min_length": "shortest token considered, in letters (default 5, at least 4)",
    "min_unknown": "cluster: unknown tokens a sentence needs (default 3)",
    "min_ratio": "cluster: share of the sentence's Arabic tokens that are unknown (default 0.2)",
    "evidence_file": "YAML of short words, place nouns, titles and given names (default lexicons/word-evidence.yaml)",
}

# ة and ى end words; ىء is the older spelling of a final hamza on ya (مبادىء), not a word break.
_IMPOSSIBLE = regex.compile(r"[ةى](?=[\p{L}--ء])", regex.V1)
_DEFINITE = regex.compile(r"^(?:[وف]?(?:ب?ال|لل))(?=[\p{L}]{3})")
_PROCLITICS = regex.compile(r"^(?:[وف]?(?:[بك]?ال|لل|[بل])?)")
_FOREIGN_LETTERS = regex.compile(r"[پچگڤژڨ]")
# Endings Arabic words seldom have and transliterated names often do (Costas, Maduro, Kowalski).
_FOREIGN_ENDINGS = ("وس", "يس", "اس", "سكي", "يتش", "فيتش", "ينو", "يني", "يللي", "يرو", "و")
_LONG_VOWELS = frozenset("اآوىي")
_LATIN = regex.compile(r"\p{Latin}")
_OPENING = "«“\"'("
_CLOSING = "»”\"')"


@dataclass
class Evidence:
    short_words: frozenset
    place_nouns: frozenset
    titles: frozenset
    given_names: frozenset


@dataclass
class State:
    mode: str
    min_length: int
    min_unknown: int
    min_ratio: float
    evidence: Evidence


def _load_evidence(path: Path) -> Evidence:
    from ..packs import load_yaml_file

    data = load_yaml_file(path)
    lists = {}
    for key in ("short_words", "place_nouns", "titles", "given_names"):
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ParamError("evidence_file", f"{path.name}: '{key}' is a list of words")
        lists[key] = value
    return Evidence(
        frozenset(lists["short_words"]),
        frozenset(fold(w) for w in lists["place_nouns"]),
        frozenset(fold(w) for w in lists["titles"]),
        frozenset(fold(w) for w in lists["given_names"]),
    )


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("mode",))
    mode = expect_choice(params, "mode", ("nonword", "definite", "glued", "cluster"))
    min_length = expect(params, "min_length", int, 5)
    if min_length < 4:
        raise ParamError("min_length", "min_length is at least 4: shorter tokens are mostly particles")
    path = env.pack_dir / expect(params, "evidence_file", str, "lexicons/word-evidence.yaml")
    if not path.exists():
        from ..packs import builtin_rules_dir

        path = builtin_rules_dir() / "lexicons" / "word-evidence.yaml"
    return State("nonword" if mode == "definite" else mode, min_length, expect(params, "min_unknown", int, 3),
                 float(expect(params, "min_ratio", (int, float), 0.2)), _load_evidence(path))


_DEFAULT_EVIDENCE: Evidence | None = None


def _default_evidence() -> Evidence:
    global _DEFAULT_EVIDENCE
    if _DEFAULT_EVIDENCE is None:
        from ..packs import builtin_rules_dir

        _DEFAULT_EVIDENCE = _load_evidence(builtin_rules_dir() / "lexicons" / "word-evidence.yaml")
    return _DEFAULT_EVIDENCE


# --- Per-word questions (memoised across documents) ---------------------------------------------

_GLUED_MEMO: dict = {}


def split_glued(token: str, short_words: frozenset | None = None) -> tuple[str, str] | None:
    """Two known words that make up an unknown token, longest left part first."""
    from ..wordlist import is_common

    short = short_words if short_words is not None else _default_evidence().short_words
    key = (token, short)
    if key in _GLUED_MEMO:
        return _GLUED_MEMO[key]
    found = None
    for cut in range(len(token) - 2, 1, -1):
        left, right = token[:cut], token[cut:]
        if not all(len(part) >= 3 or part in short for part in (left, right)):
            continue
        if _plausible_seam(left, right, short) and is_common(left) and is_common(right):
            found = left, right
            break
    if len(_GLUED_MEMO) > 100_000:
        _GLUED_MEMO.clear()
    _GLUED_MEMO[key] = found
    return found


def _plausible_seam(left: str, right: str, short: frozenset) -> bool:
    """Is there a sign of a word boundary at the cut, beyond both halves being words? ة and ى only
    end words, a word rarely has the article or a hamza-alef in its middle, and two halves of four
    letters or more are unlikely to be one word by chance."""
    return (left[-1] in "ةى" or right.startswith(("ال", "أ", "إ", "آ"))
            or (len(left) >= 4 and len(right) >= 4) or (left in short or right in short))


def _strong_seam(left: str, right: str, short: frozenset) -> bool:
    """A split worth reporting: one half is core vocabulary and the boundary is marked (ة/ى before it,
    the article or a particle at it, or two halves of four letters or more), or both halves are core. Name fragments (ميكي|تاني, أو|برو)
    are rarely core words, and rarely split at the article."""
    from ..wordlist import is_core

    left_core, right_core = is_core(left), is_core(right)
    if left_core and right_core:
        return True
    marked = (left[-1] in "ةى" or right.startswith("ال") or left in short or right in short
              or (len(left) >= 4 and len(right) >= 4))
    return marked and (left_core or right_core)


def _both_core(parts) -> bool:
    from ..wordlist import is_core

    return is_core(parts[0]) and is_core(parts[1])


def looks_transliterated(word: str) -> bool:
    """Does the word (proclitics stripped) look like a foreign name written in Arabic letters?"""
    stem = word[_PROCLITICS.match(word).end():] or word
    if len(stem) < 3:
        stem = word
    if _FOREIGN_LETTERS.search(stem) or stem.endswith(_FOREIGN_ENDINGS) and not stem.endswith("وا"):
        return True
    vowels = sum(1 for ch in stem if ch in _LONG_VOWELS)
    return vowels * 2 >= len(stem)


# --- Per-document analysis -----------------------------------------------------------------------

@dataclass
class _Analysis:
    tokens: list  # Arabic tokens of four letters or more, in order: (letters, bare, token)
    status: dict  # bare -> word-list status
    verdict: dict  # bare -> analyser verdict (only for words the list does not vouch for)
    counts: Counter  # folded bare -> occurrences in the document
    index: dict  # token start -> position in doc.tokens


def _analysis(doc) -> _Analysis:
    cached = doc.cache.get("word-list:analysis")
    if cached is not None:
        return cached
    from ..morph import analyse, list_status

    tokens = [(len(bare), bare, t) for t in doc.tokens if t.script == "ar" and len(t.text) >= 4
              for bare in (strip_marks(t.text),)]
    distinct = {bare for _, bare, _ in tokens}
    status = {bare: list_status(bare) for bare in distinct}
    doubtful = [bare for bare, s in status.items() if s != "common"]
    verdict = analyse(doubtful) if doubtful else {}
    counts = Counter(fold(bare) for _, bare, _ in tokens)
    index = {t.start: i for i, t in enumerate(doc.tokens)}
    result = _Analysis(tokens, status, verdict, counts, index)
    doc.cache["word-list:analysis"] = result
    return result


def _unknown(a: _Analysis, bare: str) -> bool:
    """Known to neither the list nor the analyser (or the list only, folded, and not the analyser)."""
    from ..morph import PROPER, WORD

    return a.status[bare] in ("", "folded") and a.verdict.get(bare) not in (WORD, PROPER)


def _is_name_token(a: _Analysis, doc, index: int, evidence: Evidence) -> bool:
    """A neighbouring token that is a name: a title or given name, a proper noun to the analyser,
    or itself a word neither the list nor the analyser knows (the other half of a foreign name)."""
    from ..morph import PROPER

    if index < 0 or index >= len(doc.tokens):
        return False
    token = doc.tokens[index]
    if token.script != "ar":
        return False
    bare = strip_marks(token.text)
    folded = fold(bare).removeprefix("و")
    if folded in evidence.titles or folded in evidence.given_names:
        return True
    if bare in a.verdict:
        return a.verdict[bare] == PROPER or (len(bare) >= 4 and _unknown(a, bare) and not _DEFINITE.match(bare))
    return False


def _marked_as_name(doc, a: _Analysis, token, bare: str) -> bool:
    """The writer's own marks of a name: it recurs, it is quoted, or a Latin twin follows it."""
    if a.counts[fold(bare)] >= 2:
        return True
    text = doc.text
    before, after = text[token.start - 1 : token.start], text[token.end : token.end + 1]
    if (before and before in _OPENING) or (after and after in _CLOSING):
        return True
    # A Latin twin: "(Dongala)" just after it.
    after = text[token.end : token.end + 60]
    open_at = after.find("(")
    return open_at != -1 and "\n" not in after[:open_at] and bool(_LATIN.match(after, open_at + 1))


def _name_evidence(doc, a: _Analysis, token, bare: str, evidence: Evidence, definite: bool) -> bool:
    """Evidence that an unknown token is a name rather than garble: the writer's marks, or its place
    after a title or a given name, or beside another name."""
    if _marked_as_name(doc, a, token, bare):
        return True
    i = a.index[token.start]
    previous = fold(strip_marks(doc.tokens[i - 1].text)).removeprefix("و") if i > 0 else ""
    if previous in evidence.titles or previous in evidence.given_names:
        return True
    if not definite and (_is_name_token(a, doc, i - 1, evidence) or _is_name_token(a, doc, i + 1, evidence)):
        return True
    return False


def _family_name(doc, a: _Analysis, token, bare: str) -> bool:
    """An Arabic family name is often a nisba with the article (صقر الغوطاني, عبدالله الشندقي).
    It follows a given name, which has no article; an adjective follows a noun that has one."""
    if not bare.endswith("ي"):
        return False
    index = a.index[token.start]
    if index == 0:
        return False
    previous = doc.tokens[index - 1]
    between = doc.text[previous.end : token.start]
    return previous.script == "ar" and between.strip() == "" and not strip_marks(previous.text).startswith(("ال", "وال", "بال", "لل"))


def _after_place_noun(doc, a: _Analysis, token, evidence: Evidence) -> bool:
    index = a.index[token.start]
    return index > 0 and fold(strip_marks(doc.tokens[index - 1].text)).removeprefix("و").removeprefix("ب") in evidence.place_nouns


def _nonwords(doc, state: State):
    from ..morph import PROPER, WORD, anagram_of_core

    a = _analysis(doc)
    evidence = state.evidence
    short = evidence.short_words
    for letters, bare, token in a.tokens:
        if letters < state.min_length:
            continue
        status, verdict = a.status[bare], a.verdict.get(bare)
        if status == "common" or verdict == PROPER:
            continue
        once = a.counts[fold(bare)] == 1
        if verdict == WORD:
            # The analyser accepts many a root that Arabic never filled (القثة); a word the list has
            # never seen, used once, whose letters are a core word's, is a shuffle all the same.
            if status == "" and once and letters >= 6 and anagram_of_core(bare) and not (looks_transliterated(bare) and not _DEFINITE.match(bare)) \
                    and not _name_evidence(doc, a, token, bare, evidence, bool(_DEFINITE.match(bare))):
                yield token
            continue
        if _IMPOSSIBLE.search(bare):
            # ة and ى only end words: this is no name, whether it has the article or not.
            if not split_glued(bare, short):
                yield token
            continue
        definite = bool(_DEFINITE.match(bare))
        if status == "exact":
            # The list's rare tail holds some junk, but far more real words the analyser lacks
            # (الأنشط, الأورطي): a form the web has used is given the benefit of the doubt.
            continue
        if once and anagram_of_core(bare):
            # A shuffle of a core word, unless it looks like a name or is marked or placed as one
            # (with the article, a name's look is no excuse: names rarely take it).
            if not (looks_transliterated(bare) and not definite) and not _name_evidence(doc, a, token, bare, evidence, definite):
                yield token
            continue
        if not definite or not once or split_glued(bare, short):
            # Without the article an unknown word is presumed a name; glued words have their own rule.
            continue
        if looks_transliterated(bare) or _name_evidence(doc, a, token, bare, evidence, True):
            continue
        if _family_name(doc, a, token, bare) or _after_place_noun(doc, a, token, evidence):
            continue
        yield token


def check(doc, state: State, ctx):
    if state.mode == "glued":
        a = _analysis(doc)
        short = state.evidence.short_words
        for letters, bare, token in a.tokens:
            if letters < state.min_length or a.status[bare] != "" or not _unknown(a, bare) or token.text != bare:
                continue
            parts = split_glued(bare, short)
            if not parts or not _strong_seam(*parts, short) or _marked_as_name(doc, a, token, bare):
                continue
            # A name-looking token is a name unless the split ends in a real word that explains its
            # look: the article at the seam (جوبزالمخترع) or a core word of four letters (هارونرئيس).
            left, right = parts
            from ..wordlist import is_core

            if looks_transliterated(bare) and not (len(right) >= 4 and (right.startswith("ال") or is_core(right))):
                continue
            yield Hit(token.start, token.end, f"{parts[0]} {parts[1]}", {"left": parts[0], "right": parts[1]})
    elif state.mode == "nonword":
        for token in _nonwords(doc, state):
            yield Hit(token.start, token.end)
    else:
        a = _analysis(doc)
        from ..morph import anagram_of_core

        # Unknown to both, or unknown to the list and a core word's letters shuffled (the analyser
        # accepts many unfilled roots).
        unknown = [t for letters, bare, t in a.tokens if letters >= state.min_length and (
            _unknown(a, bare) or (a.status[bare] == "" and a.counts[fold(bare)] == 1 and anagram_of_core(bare)))]
        if not unknown:
            return
        ordered = iter(unknown)
        pending = next(ordered, None)
        for start, end in doc.sentences:
            inside = []
            while pending is not None and pending.start < end:
                if pending.start >= start:
                    inside.append(pending)
                pending = next(ordered, None)
            if len(inside) < state.min_unknown:
                continue
            arabic = sum(1 for t in doc.tokens if t.script == "ar" and start <= t.start < end)
            if len(inside) / max(arabic, 1) >= state.min_ratio:
                yield Hit(start, end, None, {"unknown": "، ".join(t.text for t in inside), "count": len(inside)})
