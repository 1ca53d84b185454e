"""Kind `word-list`: Arabic tokens that are not words, checked against a real word list.

Unknown tokens are mostly foreign names, which are fine. So the modes look for what names are not:
  definite  a word with the article (ال, وال, بال, فال, لل) that is not in the list: names rarely
            take the article, and machine translation's non-words often do ("الموسنة"). Also any
            unknown token with ة or ى inside it, which no Arabic word or name has.
  glued     an unknown token that is two known words run together ("الجولةالأولى").
  cluster   a sentence where several unknown tokens gather: a garbled clause.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..rxcache import compile as rx

from collections import Counter

from ..arabic import fold, strip_marks
from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "mode": "definite, glued or cluster",
    "min_length": "shortest token considered, in letters (default 5, at least 4)",
    "min_unknown": "cluster: unknown tokens a sentence needs (default 3)",
    "min_ratio": "cluster: share of the sentence's Arabic tokens that are unknown (default 0.2)",
}

_IMPOSSIBLE = rx(r"[ةى](?=\p{L})")
_DEFINITE = rx(r"^(?:[وف]?(?:ب?ال|لل))(?=[\p{L}]{3})")


@dataclass
class State:
    mode: str
    min_length: int
    min_unknown: int
    min_ratio: float


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("mode",))
    mode = expect_choice(params, "mode", ("definite", "glued", "cluster"))
    min_length = expect(params, "min_length", int, 5)
    if min_length < 4:
        raise ParamError("min_length", "min_length is at least 4: shorter tokens are mostly particles")
    return State(mode, min_length, expect(params, "min_unknown", int, 3),
                 float(expect(params, "min_ratio", (int, float), 0.2)))


# Two-letter words that often end up glued to a neighbour; other parts must have three letters or
# more, or any unknown token would split into some pair of short list entries.
_SHORT_WORDS = frozenset("في من عن ما لا أو إن أن هو هي قد لم لن كل ثم مع".split())


def split_glued(token: str) -> tuple[str, str] | None:
    """Two known words that make up an unknown token, longest left part first."""
    from ..wordlist import is_common

    for cut in range(len(token) - 2, 1, -1):
        left, right = token[:cut], token[cut:]
        if not all(len(part) >= 3 or part in _SHORT_WORDS for part in (left, right)):
            continue
        if _plausible_seam(left, right) and is_common(left) and is_common(right):
            return left, right
    return None


def _plausible_seam(left: str, right: str) -> bool:
    """Is there a sign of a word boundary at the cut, beyond both halves being words? ة and ى only
    end words, a word rarely has the article or a hamza-alef in its middle, and two halves of four
    letters or more are unlikely to be one word by chance."""
    return (left[-1] in "ةى" or right.startswith(("ال", "أ", "إ", "آ"))
            or (len(left) >= 4 and len(right) >= 4) or (left in _SHORT_WORDS or right in _SHORT_WORDS))


def _family_name(doc, token, bare: str) -> bool:
    """An Arabic family name is often a nisba with the article (صقر الغوطاني, عبدالله الشندقي).
    It follows a given name, which has no article; an adjective follows a noun that has one."""
    if not bare.endswith("ي"):
        return False
    tokens = doc.tokens
    index = _token_index(doc, token)
    if index == 0:
        return False
    previous = tokens[index - 1]
    between = doc.text[previous.end : token.start]
    return previous.script == "ar" and between.strip() == "" and not strip_marks(previous.text).startswith(("ال", "وال", "بال", "لل"))


# Nouns that introduce a place name, which often carries the article (بلدة الشيفونية).
_PLACE_NOUNS = frozenset(fold(w) for w in (
    "بلدة بلدتي قرية قريتي منطقة منطقتي مديرية محافظة مدينة جبل جبال عزلة حي وادي ناحية قضاء مخيم "
    "ولاية إقليم سهل جزيرة بحيرة نهر ميناء مطار شارع ساحة قلعة معبر مقاطعة").split())


def _token_index(doc, token) -> int:
    """The token's position, from an index built once per document (list.index is linear)."""
    if "token-index" not in doc.cache:
        doc.cache["token-index"] = {t.start: i for i, t in enumerate(doc.tokens)}
    return doc.cache["token-index"][token.start]


def _after_place_noun(doc, token) -> bool:
    index = _token_index(doc, token)
    return index > 0 and fold(strip_marks(doc.tokens[index - 1].text)).removeprefix("و").removeprefix("ب") in _PLACE_NOUNS


def _unknown_tokens(doc, min_length: int):
    """Arabic tokens of at least min_length letters that the word list does not know. Computed once
    per document for all rules of this kind, then filtered by length."""
    from ..wordlist import is_known

    if "word-list:unknown" not in doc.cache:
        unknown = []
        for t in doc.tokens:
            # The raw length bounds the letter count from above, so short tokens cost nothing.
            if t.script == "ar" and len(t.text) >= 4 and not is_known(t.text):
                unknown.append((len(strip_marks(t.text)), t))
        doc.cache["word-list:unknown"] = unknown
    return [t for length, t in doc.cache["word-list:unknown"] if length >= min_length]


def check(doc, state: State, ctx):
    unknown = _unknown_tokens(doc, state.min_length)
    if state.mode == "glued":
        for token in unknown:
            parts = split_glued(strip_marks(token.text))
            if parts and token.text == strip_marks(token.text):
                yield Hit(token.start, token.end, f"{parts[0]} {parts[1]}", {"left": parts[0], "right": parts[1]})
    elif state.mode == "definite":
        # A name or loanword recurs through an article; a translation engine's non-word rarely does.
        seen = Counter(fold(strip_marks(t.text)) for t in unknown)
        for token in unknown:
            bare = strip_marks(token.text)
            if _IMPOSSIBLE.search(bare):
                # ة and ى only end words: this is no name, whether it has the article or not.
                if not split_glued(bare):
                    yield Hit(token.start, token.end)
            elif (_DEFINITE.match(bare) and seen[fold(bare)] == 1 and not split_glued(bare)
                    and not _family_name(doc, token, bare) and not _after_place_noun(doc, token)):
                yield Hit(token.start, token.end)
    else:
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
