"""Kind `word-list`: Arabic tokens that are not words, checked against a real word list and morphology.

A token is first looked up in wordfreq's list as it is spelled (hamza kept); a token the list does
not vouch for goes to the morphological analyser (qa/morph.py), so regular derivations the web
rarely writes («الإقراضية») are words. What neither knows is either a name or a non-word, and a
name is presumed only with evidence: it recurs in the article, it is quoted, it follows a title or
a given name, it stands beside another name, it has a Latin twin in parentheses, or it looks like a
transliteration (long vowels throughout, a foreign ending, letters such as پ چ گ). A token whose
letters rearrange into a frequent word, used once, is a shuffle, whatever it looks like.

Every question is asked once per distinct word of the run: a run-wide WordTable keeps what the list
and the analyser say of the forms that are not common words, and each rule's plan for a form is
memoised; a document costs one look-up per distinct word, and Python work on its few uncommon
forms only. Positions and counts are looked up only for the words a rule may flag.

Modes:
  nonword   a non-word, with or without the article (the article also takes a word out of the names:
            names rarely take it). `definite` is the older name of this mode.
  glued     an unknown token that is two known words run together ("الجولةالأولى").
  cluster   a sentence where several unknown tokens gather: a garbled clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import regex

from ..rxcache import compile as rx

from ..arabic import AR_WORD, AR_WORD_CHAR, WordTable, count_word, fold, strip_marks
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


class _Word(NamedTuple):
    """What the word list and the analyser say of one surface form the list does not hold as a
    frequent word (a "common" form is a word whatever else is asked, so it is not kept)."""
    bare: str  # the form without marks
    folded: str  # fold(bare): the key occurrences are counted by
    status: str  # word-list status: "exact", "folded" or ""
    verdict: str | None  # the analyser's, for a form the list does not hold as written; else None
    unknown: bool  # known to neither the list nor the analyser


_DOUBTFUL = ("", "folded")  # list statuses that send a form to the analyser


def _judge_new(new: set) -> dict:
    """The run's first meeting with these surface forms: the list's status of each (four letters or
    more), then one batch to the analyser for the forms the list does not hold as written (each
    analysis costs about 2.5 ms the first time; a rare form the list holds is given the benefit of
    the doubt anyway)."""
    from ..morph import PROPER, WORD, analyse, list_status

    odd = {}
    for word in new:
        if len(word) < 4:
            continue
        bare = strip_marks(word)
        status = list_status(bare)
        if status != "common":
            odd[word] = (bare, fold(bare), status)
    doubtful = [bare for bare, _, status in odd.values() if status in _DOUBTFUL]
    verdicts = analyse(doubtful) if doubtful else {}
    out = {}
    for word, (bare, folded, status) in odd.items():
        verdict = verdicts.get(bare) if status in _DOUBTFUL else None
        out[word] = _Word(bare, folded, status, verdict, status in _DOUBTFUL and verdict not in (WORD, PROPER))
    return out


# Surface form -> _Word, for the forms of the run that are not common words.
_ODD = WordTable(_judge_new, 1 << 17)


@dataclass
class _Analysis:
    odd: dict  # surface form of four letters or more -> _Word, for the forms that are not common words
    verdict: dict  # bare -> analyser verdict, for the forms the list does not hold as written
    unknown: frozenset  # bares known to neither the list nor the analyser (see _unknown)
    corpus: dict = None  # folded bare -> documents of the corpus that use it (corpus mode)



def _count(doc, folded: str) -> int:
    """Occurrences in the document of the words whose folded bare form is `folded`: its occurrences
    as a whole word in the folded view (folding deletes marks inside words only and maps letters to
    letters, so the view's words are the folded words), asked only of the few words a rule may flag."""
    return count_word(doc.folded.text, folded)


def _analysis(doc) -> _Analysis:
    """Every per-word answer, asked once per distinct word of the run (_ODD); shared by all the
    rules of this kind. A document costs two set operations and a step per word it has that is not
    a common word."""
    cached = doc.cache.get("word-list:analysis")
    if cached is not None:
        return cached
    odd = _ODD.of(doc.arabic_words.keys())
    verdict = {info.bare: info.verdict for info in odd.values() if info.status in _DOUBTFUL}
    result = _Analysis(odd, verdict, frozenset(info.bare for info in odd.values() if info.unknown), {})
    doc.cache["word-list:analysis"] = result
    return result


def _memo(table: dict, key, compute):
    """table[key], computing it the first time (a bounded per-run memo of a rule's per-word plan)."""
    value = table.get(key, table)
    if value is table:
        if len(table) >= 1 << 16:
            table.clear()
        value = table[key] = compute()
    return value


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
    folded = fold(bare)
    if _count(doc, folded) >= 2 or a.corpus.get(folded, 0) >= 2:
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


# A word's plan for a rule: what, beyond its own letters, decides whether it is reported. Plans are
# memoised per rule (its mode, shortest length and short words) and per surface form.
_ALWAYS, _ONCE = "always", "once"  # every occurrence; every occurrence if the word is used once
_PLANS: dict = {}


def _plans(state: State) -> dict:
    return _PLANS.setdefault((state.mode, state.min_length, state.evidence.short_words), {})


def _nonword_plan(word: str, info: _Word, state: State):
    """None (never reported), _ALWAYS, or (the test for occurrences of a word used once, definite):
    "evidence" keeps an occurrence without evidence of a name, "nisba" one that is also no family
    name and follows no place noun."""
    from ..morph import PROPER, WORD, anagram_of_core

    bare, status, verdict = info.bare, info.status, info.verdict
    if len(bare) < state.min_length or verdict == PROPER:
        return None
    definite = bool(_DEFINITE.match(bare))
    name_like = looks_transliterated(bare) and not definite
    if verdict == WORD:
        # The analyser accepts many a root that Arabic never filled (القثة); a word the list has
        # never seen, used once, whose letters are a core word's, is a shuffle all the same.
        if status == "" and len(bare) >= 5 and anagram_of_core(bare) and not name_like:
            return "evidence", definite
        return None
    if _dialect_future(bare):
        return None
    if _IMPOSSIBLE.search(bare):
        # ة and ى only end words: this is no name, whether it has the article or not.
        return None if split_glued(bare, state.evidence.short_words) else _ALWAYS
    if status == "exact":
        # The list's rare tail holds some junk, but far more real words the analyser lacks
        # (الأنشط, الأورطي): a form the web has used is given the benefit of the doubt.
        return None
    if anagram_of_core(bare):
        # A shuffle of a core word (when used once), unless it looks like a name or is marked or
        # placed as one (with the article, a name's look is no excuse: names rarely take it).
        return None if name_like else ("evidence", definite)
    if not definite or split_glued(bare, state.evidence.short_words) or looks_transliterated(bare):
        # Without the article an unknown word is presumed a name; glued words have their own rule.
        return None
    return "nisba", True


def _nonwords(doc, state: State):
    """The non-words of the document: each distinct word is judged once per run; only the words
    that could be non-words have their positions looked up, to read the evidence around each
    occurrence."""
    a = _analysis(doc)
    evidence = state.evidence
    plans = _plans(state)
    for word, info in a.odd.items():
        plan = _memo(plans, word, lambda: _nonword_plan(word, info, state))
        if plan is None:
            continue
        if plan is _ALWAYS:
            yield from _spans(doc, word)
            continue
        if _count(doc, info.folded) != 1:
            continue
        test, definite = plan
        bare = info.bare
        for token in _spans(doc, word):
            if _name_evidence(doc, a, token, bare, evidence, definite):
                continue
            if test == "nisba" and (_family_name(doc, token, bare) or _after_place_noun(doc, token, evidence)):
                continue
            yield token


def _glued_plan(word: str, info: _Word, state: State):
    """None, or (the two words, whether the split explains a name's look)."""
    from ..wordlist import is_core

    bare, short = info.bare, state.evidence.short_words
    if len(bare) < state.min_length or word != bare or info.status != "" or not info.unknown:
        return None
    parts = split_glued(bare, short)
    if not parts or not _strong_seam(*parts, short) or (not parts[1].startswith("ال") and _dialect_future(bare)):
        return None
    # A name-looking token is a name unless the split ends in a real word that explains its
    # look: the article at the seam (جوبزالمخترع) or a core word of four letters (هارونرئيس).
    right = parts[1]
    explained = len(right) >= 4 and (right.startswith("ال") or is_core(right))
    if looks_transliterated(bare) and not explained:
        return None
    return parts, explained


def _glued(doc, state: State):
    a = _analysis(doc)
    plans = _plans(state)
    for word, info in a.odd.items():
        plan = _memo(plans, word, lambda: _glued_plan(word, info, state))
        if plan is None:
            continue
        parts, explained = plan
        for token in _spans(doc, word):
            if _marked_as_name(doc, a, token, info.bare):
                continue
            # After a title or a given name it is a name (اللاعب دونغالا), unless the split ends in a
            # real word that explains it (محمد هارونرئيس).
            if not explained and _after_title_or_given_name(doc, token, state.evidence):
                continue
            yield token, parts


def _cluster_plan(info: _Word, state: State):
    # Unknown to both, or unknown to the list and a core word's letters shuffled (the analyser
    # accepts many unfilled roots), when used once.
    from ..morph import anagram_of_core

    if len(info.bare) < state.min_length:
        return None
    if info.unknown:
        return _ALWAYS
    return _ONCE if info.status == "" and anagram_of_core(info.bare) else None


def _clusters(doc, state: State):
    from bisect import bisect_right

    a = _analysis(doc)
    plans = _plans(state)
    unknown = []
    for word, info in a.odd.items():
        plan = _memo(plans, word, lambda: _cluster_plan(info, state))
        if plan is _ALWAYS or (plan is _ONCE and _count(doc, info.folded) == 1):
            unknown.extend(_spans(doc, word))
    if len(unknown) < state.min_unknown:
        return
    unknown.sort()
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
    return {info.folded for info in _analysis(doc).odd.values() if info.unknown and len(info.bare) >= state.min_length}


def check(doc, state: State, ctx):
    counts = ctx.corpus_counts() if ctx is not None and state.mode != "cluster" else None
    if counts:
        # Shared by the rules of this kind, as the analysis is: the last corpus rule's counts hold.
        _analysis(doc).corpus = counts
    if state.mode == "glued":
        hits = [Hit(t.start, t.end, f"{left} {right}", {"left": left, "right": right}) for t, (left, right) in _glued(doc, state)]
    elif state.mode == "nonword":
        hits = [Hit(t.start, t.end) for t in _nonwords(doc, state)]
    else:
        hits = list(_clusters(doc, state))
    return sorted(hits, key=lambda h: h.start)


# --- Corpus passes -------------------------------------------------------------------------------
# The counts change a check in one way only: a word other documents use too is taken for a name
# (`a.corpus.get(folded, 0) >= 2`). Pass 1 checks as if no other document used any word, noting the
# words it asked about; pass 2 keeps those hits unless one of the words turns out to be shared, and
# only then checks the document again. So most documents are analysed once, in pass 1.

class _Asked(dict):
    """Stands in for the corpus's counts in pass 1: counts nothing, remembers what was asked."""

    def __init__(self):
        super().__init__()
        self.words = set()

    def get(self, word, default=None):
        self.words.add(word)
        return default


def pass_one(doc, state: State, ctx):
    a = _analysis(doc)
    before, asked = a.corpus, _Asked()
    a.corpus = asked
    try:
        hits = check(doc, state, ctx.outside_corpus())
    finally:
        a.corpus = before
    return hits, tuple(asked.words)


def pass_two(doc, state: State, ctx, kept):
    hits, asked = kept
    counts = ctx.corpus_counts()
    if counts and any(counts.get(word, 0) >= 2 for word in asked):
        return check(doc, state, ctx)
    return hits
