"""Kind `line-classifier`: which lines of a scraped article are page furniture.

Each non-blank line gets features: its words, the share of Arabic stopwords, whether it ends a
sentence, the share of digits and symbols, its position, and what furniture phrases it holds.
Lines are then classed, and a context pass in the spirit of jusText reclassifies short lines by
their neighbours:

  furniture    mostly made of known UI strings (comment form, share prompt, related heading …),
               or a short line holding a masthead title or opening with a byline phrase
  breadcrumb   a short line of segments joined by » / > | or glued together ("آسياأخبار العالمأمريكا")
  ticker       a long line of headline fragments joined by ".." that does not end as a sentence
  context      a short, non-sentence line between two furniture lines (the document's edges
               count as furniture); the first line, the article's title, is never taken this way
  body         everything else

Thresholds are parameters of the rule, set in the pack. The classification is computed once per
document and shared by every rule that uses the same furniture list.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..arabic import fold
from . import Hit, ParamError
from ._util import check_params, expect

PARAMS = {
    "report": "classes this rule reports: a list drawn from furniture, breadcrumb, ticker, context",
    "furniture": "path (relative to the pack) of the furniture lexicon: categories of phrases",
    "stopwords": "path of the stopword list used for the stopword density",
    "max_words": "longest line, in words, that can be furniture or a breadcrumb (default 16)",
    "coverage": "share of a line's words that furniture phrases must cover (default 0.7)",
    "short_words": "longest line, in words, that the context pass may reclassify (default 6)",
    "max_stopword_density": "a short line with more stopwords than this reads as prose (default 0.34)",
    "ticker_min_words": "shortest line, in words, that can be a ticker (default 20)",
    "ticker_min_separators": "fewest '..' joins a ticker has (default 3)",
}
CLASSES = ("furniture", "breadcrumb", "ticker", "context")

_WORDS = regex.compile(r"[\p{L}\p{M}]+(?:[+\-][\p{L}\p{M}]*)?|[+\-]")
_TERMINAL = regex.compile(r"[.؟?!:»\"”)]\s*$")
_SEPARATORS = regex.compile(r"\s(?:»|›|>|/|\||::)\s|\s[»›]")
_TICKER_JOIN = regex.compile(r"(?<!\.)\.\.(?!\.)|…")
_DIGITS_SYMBOLS = regex.compile(r"[\p{N}\p{S}\p{P}]")
_PROCLITIC = ("و", "ف", "ب", "ل")


@dataclass
class Category:
    key: str
    label_ar: str
    label_en: str
    match: str  # whole, contains or starts


@dataclass
class State:
    report: frozenset
    phrases: dict  # first folded word -> list of (tuple of folded words, Category), longest first
    stopwords: frozenset
    max_words: int
    coverage: float
    short_words: int
    max_stopword_density: float
    ticker_min_words: int
    ticker_min_separators: int
    key: str


def _norm_words(text: str) -> list[str]:
    return [fold(w) for w in _WORDS.findall(text)]


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("report", "furniture"))
    report = expect(params, "report", list)
    if not report or any(r not in CLASSES for r in report):
        raise ParamError("report", f"report is a list drawn from {', '.join(CLASSES)}")
    furniture_path = env.pack_dir / expect(params, "furniture", str)
    data = env.load_yaml(furniture_path)
    categories = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(categories, dict) or not categories:
        raise ParamError("furniture", "the furniture file needs a 'categories' mapping", path=furniture_path)
    phrases: dict = {}
    for key, spec in categories.items():
        if not isinstance(spec, dict) or spec.get("match") not in ("whole", "contains", "starts") or not isinstance(spec.get("phrases"), list):
            raise ParamError("furniture", f"category {key!r} needs label_ar, label_en, match (whole, contains or starts) and phrases",
                             getattr(spec, "line", None), path=furniture_path)
        category = Category(key, spec.get("label_ar", key), spec.get("label_en", key), spec["match"])
        for phrase in spec["phrases"]:
            words = tuple(_norm_words(str(phrase)))
            if words:
                phrases.setdefault(words[0], []).append((words, category))
    for options in phrases.values():
        options.sort(key=lambda item: -len(item[0]))
    stopwords = frozenset()
    if "stopwords" in params:
        raw = env.load_yaml(env.pack_dir / expect(params, "stopwords", str))
        words = raw.get("words") if isinstance(raw, dict) else raw
        if not isinstance(words, list):
            raise ParamError("stopwords", "the stopword file holds a list (or a mapping with 'words')")
        stopwords = frozenset(fold(str(w)) for w in words)
    return State(
        frozenset(report), phrases, stopwords,
        expect(params, "max_words", int, 16), float(expect(params, "coverage", (int, float), 0.7)),
        expect(params, "short_words", int, 6), float(expect(params, "max_stopword_density", (int, float), 0.34)),
        expect(params, "ticker_min_words", int, 20), expect(params, "ticker_min_separators", int, 3),
        key=str(furniture_path),
    )


@dataclass
class LineInfo:
    start: int
    end: int
    words: list
    klass: str = "body"
    reason_ar: str = ""
    reason_en: str = ""
    sentence: bool = False
    stopword_density: float = 0.0


def _match_phrases(words: list[str], state: State):
    """Greedy longest-first phrase matching over a line's words. Returns (covered words, categories)."""
    covered, found, i = 0, [], 0
    while i < len(words):
        word = words[i]
        candidates = state.phrases.get(word, [])
        if not candidates and len(word) > 2 and word[0] in _PROCLITIC:
            candidates = state.phrases.get(word[1:], [])
            word = word[1:]
        matched = None
        for phrase, category in candidates:
            if tuple([word] + words[i + 1 : i + len(phrase)]) == phrase:
                matched = (phrase, category)
                break
        if matched:
            covered += len(matched[0])
            found.append((i, matched[1]))
            i += len(matched[0])
        else:
            i += 1
    return covered, found


def classify(doc, state: State) -> list[LineInfo]:
    cache_key = ("line-classifier", state.key)
    if cache_key in doc.cache:
        return doc.cache[cache_key]
    from ..wordlist import is_known
    from .wordlist import split_glued

    def glued(token: str) -> bool:
        return not is_known(token) and split_glued(token) is not None

    text = doc.text
    infos = []
    for line in doc.lines:
        segment = text[line.start : line.end]
        stripped = segment.strip()
        if not stripped:
            continue
        lead = len(segment) - len(segment.lstrip())
        start, end = line.start + lead, line.start + lead + len(stripped)
        words = _norm_words(stripped)
        info = LineInfo(start, end, words, sentence=bool(_TERMINAL.search(stripped)))
        if words:
            info.stopword_density = sum(w in state.stopwords for w in words) / len(words)
        infos.append(info)
        n = len(words)
        if n == 0:
            # Only digits and symbols: a counter or a divider, never prose.
            if _DIGITS_SYMBOLS.search(stripped):
                info.klass = "furniture-symbols"
            continue
        if (n >= state.ticker_min_words and not info.sentence
                and len(_TICKER_JOIN.findall(stripped)) >= state.ticker_min_separators):
            info.klass, info.reason_ar, info.reason_en = "ticker", "شريط عناوين", "ticker of headlines"
            continue
        if n > state.max_words:
            continue
        covered, found = _match_phrases(words, state)
        whole = [c for _, c in found if c.match == "whole"]
        if whole and covered / n >= state.coverage:
            info.klass, info.reason_ar, info.reason_en = "furniture", whole[0].label_ar, whole[0].label_en
            continue
        anchored = [c for i, c in found if c.match == "contains" or (c.match == "starts" and i == 0)]
        if anchored and not info.sentence:
            info.klass, info.reason_ar, info.reason_en = "furniture", anchored[0].label_ar, anchored[0].label_en
            continue
        if n <= state.short_words and (len(_SEPARATORS.findall(" " + stripped)) >= 2 or (
                sum(1 for t in stripped.split() if glued(t)) * 2 >= len(stripped.split()))):
            info.klass, info.reason_ar, info.reason_en = "breadcrumb", "مسار تنقل", "breadcrumb"
    _context_pass(infos, state)
    doc.cache[cache_key] = infos
    return infos


def _is_furniture(info: LineInfo | None) -> bool:
    # None stands for the document's edge, which counts as furniture context.
    return info is None or info.klass in ("furniture", "breadcrumb", "ticker", "context", "furniture-symbols")


def _context_pass(infos: list[LineInfo], state: State) -> None:
    changed = True
    while changed:
        changed = False
        for k, info in enumerate(infos):
            if k == 0 or info.klass != "body" or info.sentence or not info.words:
                continue
            if len(info.words) > state.short_words or info.stopword_density > state.max_stopword_density:
                continue
            before = infos[k - 1]
            after = infos[k + 1] if k + 1 < len(infos) else None
            # The edge alone is not enough: at least one real furniture neighbour is required.
            if _is_furniture(before) and _is_furniture(after) and (after is not None or before.klass != "body"):
                info.klass, info.reason_ar, info.reason_en = "context", "بين عناصر الصفحة", "between page furniture"
                changed = True


def check(doc, state: State, ctx):
    for info in classify(doc, state):
        if info.klass in state.report:
            yield Hit(info.start, info.end, None, {"reason": info.reason_ar, "reason_en": info.reason_en})
