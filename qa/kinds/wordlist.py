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
from typing import NamedTuple

import regex

from ..rxcache import compile as rx

from ..arabic import AR_WORD, AR_WORD_CHAR, WordMemo, fold, strip_marks
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
# Nor does any word or name have two alefs in a row, or an alef after a hamza on alef (كوناا, أاءنب).
_IMPOSSIBLE = rx(r"[ةى](?=[\p{L}--ء])|اا|[أإ]ا", regex.V1)
_DEFINITE = rx(r"^(?:[وف]?(?:ب?ال|لل))(?=[\p{L}]{3})")
_PROCLITICS = rx(r"^(?:[وف]?(?:[بك]?ال|لل|[بل])?)")
_FOREIGN_LETTERS = rx(r"[پچگڤژڨ]")
# Endings Arabic words seldom have and transliterated names often do (Costas, Maduro, Kowalski).
_FOREIGN_ENDINGS = ("وس", "يس", "اس", "سكي", "يتش", "فيتش", "ينو", "يني", "يللي", "يرو", "و")
_LONG_VOWELS = frozenset("اآوىي")
_LATIN = rx(r"\p{Latin}")
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


def _load_evidence(path: Path, load_yaml) -> Evidence:
    data = load_yaml(path)
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


_DEFAULT_EVIDENCE = "lexicons/word-evidence.yaml"


def default_evidence(env) -> Evidence:
    """The built-in evidence lists, for a kind that splits glued words without a file of its own."""
    return _load_evidence(env.builtin_dir / _DEFAULT_EVIDENCE, env.load_yaml)


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("mode",))
    mode = expect_choice(params, "mode", ("nonword", "definite", "glued", "cluster"))
    min_length = expect(params, "min_length", int, 5)
    if min_length < 4:
        raise ParamError("min_length", "min_length is at least 4: shorter tokens are mostly particles")
    path = env.pack_dir / expect(params, "evidence_file", str, _DEFAULT_EVIDENCE)
    if not path.exists():
        path = env.builtin_dir / _DEFAULT_EVIDENCE
    return State("nonword" if mode == "definite" else mode, min_length, expect(params, "min_unknown", int, 3),
                 float(expect(params, "min_ratio", (int, float), 0.2)), _load_evidence(path, env.load_yaml))


# --- Per-word questions (memoised across documents) ---------------------------------------------

_GLUED_MEMO: dict = {}


def split_glued(token: str, short: frozenset) -> tuple[str, str] | None:
    """Two known words that make up an unknown token, longest left part first. `short` is the
    evidence's short words (see default_evidence)."""
    from ..wordlist import is_common

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
    marked = (left[-1] in "ةى" or (right.startswith("ال") and len(right) >= 4) or left in short or right in short
              or (len(left) >= 4 and len(right) >= 4))
    return marked and (left_core or right_core)


def _dialect_future(bare: str) -> bool:
    """Egyptian and Levantine future: ه or ح before an imperfect verb (هيفوز، هنشوف، حيسأل). The
    rest is then a word as the list or the analyser knows it; it is dialect, not glued or garbled."""
    if len(bare) < 4 or bare[0] not in "هح" or bare[1] not in "يتنأا":
        return False
    from ..morph import WORD, analyse, list_status

    rest = bare[1:].replace("ا", "أ", 1) if bare[1] == "ا" else bare[1:]
    return list_status(rest) in ("common", "exact") or analyse([rest]).get(rest) == WORD


def _both_core(parts) -> bool:
    from ..wordlist import is_core

    return is_core(parts[0]) and is_core(parts[1])


def looks_transliterated(word: str) -> bool:
    """Does the word (proclitics stripped) look like a foreign name written in Arabic letters?"""
    stem = word[_PROCLITICS.match(word).end():] or word
    if len(stem) < 3:
        stem = word
    if _FOREIGN_LETTERS.search(stem):
        return True
    if len(stem) >= 5 and stem.endswith(_FOREIGN_ENDINGS) and not stem.endswith("وا"):
        return True
    # Long vowels on every other letter (ماشابا, ميكيتاني); five-letter Arabic words often have two.
    vowels = sum(1 for ch in stem if ch in _LONG_VOWELS)
    return len(stem) >= 6 and vowels * 2 >= len(stem)


# --- Per-document analysis -----------------------------------------------------------------------

class _Span(NamedTuple):
    """One occurrence of a flagged word (shaped like a Token where the helpers read one)."""
    text: str
    start: int
    end: int


@dataclass
class _Analysis:
    words: dict  # surface form of four letters or more -> its form without marks, in first-seen order
    status: dict  # bare -> word-list status
    verdict: dict  # bare -> analyser verdict (only for words the list does not vouch for)
    counts: Counter  # folded bare -> occurrences in the document
    corpus: frozenset = frozenset()  # folded bares that other documents of the corpus use too
    unknown: frozenset = frozenset()  # bares known to neither the list nor the analyser (see _unknown)


def _analysis(doc) -> _Analysis:
    """Every per-word answer, asked once per distinct word of the document (and memoised across
    documents in qa.morph); shared by all the rules of this kind."""
    cached = doc.cache.get("word-list:analysis")
    if cached is not None:
        return cached
    from ..morph import PROPER, WORD, analyse, list_status

    occurrences = doc.arabic_words
    words = {w: strip_marks(w) for w in occurrences if len(w) >= 4}
    status = {bare: list_status(bare) for bare in set(words.values())}
    # Only words the list does not hold as written go to the analyser: a rare form the list holds is
    # given the benefit of the doubt anyway, and each analysis costs about 2.5 ms the first time.
    doubtful = [bare for bare, s in status.items() if s in ("", "folded")]
    verdict = analyse(doubtful) if doubtful else {}
    counts = Counter()
    key = _folded_bare.__getitem__
    for word, count in occurrences.items():
        counts[key(word)] += count
    result = _Analysis(words, status, verdict, counts, unknown=frozenset(
        bare for bare in doubtful if verdict.get(bare) not in (WORD, PROPER)))
    doc.cache["word-list:analysis"] = result
    return result


# fold(strip_marks(word)), once per distinct word of the run.
_folded_bare = WordMemo(lambda word: fold(strip_marks(word)))


def _spans(doc, word: str) -> list[_Span]:
    return [_Span(word, start, end) for start, end in doc.word_spans(word)]


_PREVIOUS_WORD = rx(r"(" + AR_WORD_CHAR + r"+)([^\p{L}\p{N}\n]*)$", regex.V1)
# No ^: match(text, pos) anchors at pos already, and ^ would only ever match at the text's start.
_NEXT_WORD = rx(r"([^\p{L}\p{N}\n]*)(" + AR_WORD_CHAR + r"+)", regex.V1)


def _previous(doc, span) -> tuple[str, str]:
    """The Arabic word before a span on its line, and what stands between them ("" if none)."""
    m = _PREVIOUS_WORD.search(doc.text, max(0, span.start - 60), span.start)
    return (m.group(1), m.group(2)) if m else ("", "")


def _next(doc, span) -> str:
    m = _NEXT_WORD.match(doc.text, span.end, min(len(doc.text), span.end + 60))
    return m.group(2) if m else ""


def _unknown(a: _Analysis, bare: str) -> bool:
    """Known to neither the list nor the analyser (or the list only, folded, and not the analyser)."""
    return bare in a.unknown


def _is_name_word(a: _Analysis, word: str, evidence: Evidence) -> bool:
    """A neighbouring word that is a name: a title or given name, a proper noun to the analyser, or
    itself a word neither the list nor the analyser knows (the other half of a foreign name)."""
    from ..morph import PROPER

    if not word:
        return False
    bare = strip_marks(word)
    folded = fold(bare).removeprefix("و")
    if folded in evidence.titles or folded in evidence.given_names:
        return True
    if bare in a.verdict:
        return a.verdict[bare] == PROPER or (len(bare) >= 4 and _unknown(a, bare) and not _DEFINITE.match(bare))
    return False


def _marked_as_name(doc, a: _Analysis, token, bare: str) -> bool:
    """The writer's own marks of a name: it recurs (in the article or across the corpus), it is
    quoted, or a Latin twin follows it."""
    if a.counts[fold(bare)] >= 2 or fold(bare) in a.corpus:
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
    if definite:
        # After a title a word with the article is its adjective (الرئيس التركي), not a name.
        return False
    previous, _ = _previous(doc, token)
    return _is_name_word(a, previous, evidence) or _is_name_word(a, _next(doc, token), evidence)


def _after_title_or_given_name(doc, token, evidence: Evidence) -> bool:
    previous, _ = _previous(doc, token)
    folded = fold(strip_marks(previous)).removeprefix("و")
    return folded in evidence.titles or folded in evidence.given_names


def _family_name(doc, token, bare: str) -> bool:
    """An Arabic family name is often a nisba with the article (صقر الغوطاني, عبدالله الشندقي).
    It follows a given name, which has no article; an adjective follows a noun that has one."""
    if not bare.endswith("ي"):
        return False
    previous, between = _previous(doc, token)
    return bool(previous) and between.strip() == "" and not strip_marks(previous).startswith(("ال", "وال", "بال", "لل"))


def _after_place_noun(doc, token, evidence: Evidence) -> bool:
    previous, _ = _previous(doc, token)
    folded = fold(strip_marks(previous)).removeprefix("و")
    # بلدة begins with ب: try the word as it is before reading a ب as the preposition (ببلدة).
    return bool(previous) and (folded in evidence.place_nouns or folded.removeprefix("ب") in evidence.place_nouns)


def _nonwords(doc, state: State):
    """The non-words of the document: each distinct word is judged once; only the words that could
    be non-words have their positions looked up, to read the evidence around each occurrence."""
    from ..morph import PROPER, WORD, anagram_of_core

    a = _analysis(doc)
    evidence = state.evidence
    short = evidence.short_words
    for word, bare in a.words.items():
        if len(bare) < state.min_length:
            continue
        status, verdict = a.status[bare], a.verdict.get(bare)
        if status == "common" or verdict == PROPER:
            continue
        once = a.counts[fold(bare)] == 1
        definite = bool(_DEFINITE.match(bare))
        if verdict == WORD:
            # The analyser accepts many a root that Arabic never filled (القثة); a word the list has
            # never seen, used once, whose letters are a core word's, is a shuffle all the same.
            if status == "" and once and len(bare) >= 5 and anagram_of_core(bare) and not (looks_transliterated(bare) and not definite):
                yield from (t for t in _spans(doc, word) if not _name_evidence(doc, a, t, bare, evidence, definite))
            continue
        if _dialect_future(bare):
            continue
        if _IMPOSSIBLE.search(bare):
            # ة and ى only end words: this is no name, whether it has the article or not.
            if not split_glued(bare, short):
                yield from _spans(doc, word)
            continue
        if status == "exact":
            # The list's rare tail holds some junk, but far more real words the analyser lacks
            # (الأنشط, الأورطي): a form the web has used is given the benefit of the doubt.
            continue
        if once and anagram_of_core(bare):
            # A shuffle of a core word, unless it looks like a name or is marked or placed as one
            # (with the article, a name's look is no excuse: names rarely take it).
            if not (looks_transliterated(bare) and not definite):
                yield from (t for t in _spans(doc, word) if not _name_evidence(doc, a, t, bare, evidence, definite))
            continue
        if not definite or not once or split_glued(bare, short) or looks_transliterated(bare):
            # Without the article an unknown word is presumed a name; glued words have their own rule.
            continue
        for token in _spans(doc, word):
            if not (_name_evidence(doc, a, token, bare, evidence, True) or _family_name(doc, token, bare)
                    or _after_place_noun(doc, token, evidence)):
                yield token


def _glued(doc, state: State):
    from ..wordlist import is_core

    a = _analysis(doc)
    short = state.evidence.short_words
    for word, bare in a.words.items():
        if len(bare) < state.min_length or word != bare or a.status[bare] != "" or not _unknown(a, bare):
            continue
        parts = split_glued(bare, short)
        if not parts or not _strong_seam(*parts, short) or (not parts[1].startswith("ال") and _dialect_future(bare)):
            continue
        # A name-looking token is a name unless the split ends in a real word that explains its
        # look: the article at the seam (جوبزالمخترع) or a core word of four letters (هارونرئيس).
        right = parts[1]
        if looks_transliterated(bare) and not (len(right) >= 4 and (right.startswith("ال") or is_core(right))):
            continue
        explained = len(right) >= 4 and (right.startswith("ال") or is_core(right))
        for token in _spans(doc, word):
            if _marked_as_name(doc, a, token, bare):
                continue
            # After a title or a given name it is a name (اللاعب دونغالا), unless the split ends in a
            # real word that explains it (محمد هارونرئيس).
            if not explained and _after_title_or_given_name(doc, token, state.evidence):
                continue
            yield token, parts


def _clusters(doc, state: State):
    from bisect import bisect_right

    from ..morph import anagram_of_core

    a = _analysis(doc)
    # Unknown to both, or unknown to the list and a core word's letters shuffled (the analyser
    # accepts many unfilled roots).
    unknown = sorted(span for word, bare in a.words.items() if len(bare) >= state.min_length and (
        _unknown(a, bare) or (a.status[bare] == "" and a.counts[fold(bare)] == 1 and anagram_of_core(bare)))
        for span in _spans(doc, word))
    if len(unknown) < state.min_unknown:
        return
    sentences = doc.sentences
    starts = [start for start, _ in sentences]
    inside: dict = {}
    for span in unknown:
        i = bisect_right(starts, span.start) - 1
        if i >= 0 and span.start < sentences[i][1]:
            inside.setdefault(i, []).append(span)
    for i, spans in sorted(inside.items()):
        if len(spans) < state.min_unknown:
            continue
        start, end = sentences[i]
        arabic = len(AR_WORD.findall(doc.text, start, end))
        if len(spans) / max(arabic, 1) >= state.min_ratio:
            yield Hit(start, end, None, {"unknown": "، ".join(t.text for t in spans), "count": len(spans)})


def collect(doc, state: State):
    """Corpus pass 1: the unknown words of this document (folded), each once. In pass 2 a word that
    more than one document of the corpus uses is taken for a name, as one that recurs in an article."""
    if state.mode == "cluster":
        return set()
    a = _analysis(doc)
    return {fold(bare) for bare in a.words.values() if len(bare) >= state.min_length and _unknown(a, bare)}


def check(doc, state: State, ctx):
    counts = ctx.corpus_counts() if ctx is not None and state.mode != "cluster" else None
    if counts:
        a = _analysis(doc)
        a.corpus = {fold(bare) for bare in a.words.values() if counts.get(fold(bare), 0) >= 2}
    if state.mode == "glued":
        hits = [Hit(t.start, t.end, f"{left} {right}", {"left": left, "right": right}) for t, (left, right) in _glued(doc, state)]
    elif state.mode == "nonword":
        hits = [Hit(t.start, t.end) for t in _nonwords(doc, state)]
    else:
        hits = list(_clusters(doc, state))
    return sorted(hits, key=lambda h: h.start)
