"""Kind `repetition`: lines that repeat, within an article or across a corpus.

  within  a line that copies the line just before it (a doubled caption or site name), or copies
          the article's title further down (a scraped page repeats its headline). Lines repeated
          further apart are left alone: a refrain or a quotation may come back on purpose.
  corpus  a line that occurs in at least N documents of the corpus being checked: a site's
          header, footer or sidebar. Needs corpus mode (a directory, or --corpus), which first
          counts line fingerprints over all files and then checks each file. With a furniture
          lexicon, a line the line classifier calls article text (a paragraph, or a
          subheading inside the body) is never flagged, however often it repeats: wire copy runs on many sites.

Lines are compared after normalisation: hamza, alef, ya and ta-marbuta folded, diacritics and
tatweel removed, digits made 0, punctuation (including ، ؛ ؟ « ») dropped, spaces collapsed.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from dataclasses import dataclass

import regex

from ..rxcache import compile as rx

from ..arabic import fold
from . import Hit
from ._util import check_params, expect, expect_choice

PARAMS = {
    "mode": "within or corpus",
    "min_words": "shortest line, in words, that is compared (default 1 within, 3 in a corpus)",
    "min_documents": "corpus: documents a line must occur in (default: max(3, 2% of the corpus))",
    "min_share": "corpus: used for the default threshold, the share of documents (default 0.02)",
    "furniture": "corpus: the furniture lexicon of the line classifier that guards article text (optional)",
    "stopwords": "corpus: the stop-word list for that classifier (optional)",
}

_PUNCT = rx(r"[\p{P}\p{S}\s]+")
_DIGIT = rx(r"\p{Nd}")


def normalize_line(text: str) -> str:
    """The corpus-mode line key, also used by other tools that must agree with it."""
    folded = fold(text).lower()
    folded = _DIGIT.sub("0", folded)
    return _PUNCT.sub(" ", folded).strip()


def fingerprint(text: str) -> int:
    """A stable 64-bit hash of a normalised line: the same in every process and on every run."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class State:
    mode: str
    min_words: int
    min_documents: int | None
    min_share: float
    # The line classifier's state: lines it calls article text are never site furniture.
    guard: object = None


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("mode",))
    mode = expect_choice(params, "mode", ("within", "corpus"))
    guard = None
    if "furniture" in params:
        from . import lines

        guard = lines.compile({"report": ["furniture"], **{k: params[k] for k in ("furniture", "stopwords") if k in params}}, env)
    return State(mode, expect(params, "min_words", int, 1 if mode == "within" else 3),
                 expect(params, "min_documents", int), float(expect(params, "min_share", (int, float), 0.02)), guard)


def guarded_lines(doc, state: State) -> set[int]:
    """Start offsets of the lines a corpus rule must leave: the article's own text."""
    if state.guard is None:
        return set()
    from . import lines

    return lines.article_lines(doc, state.guard)


def line_keys(doc, min_words: int):
    """(line, normalised key) for each line long enough to compare. Corpus mode and the datatrove
    stages both key lines here, so they agree on what counts as the same line."""
    for line in doc.lines:
        key = normalize_line(doc.text[line.start : line.end])
        if key and key.count(" ") + 1 >= min_words:
            yield line, key


def _keyed_lines(doc, min_words: int):
    # Normalised once per document: the rules of this kind (within, corpus pass 1, corpus check)
    # all key the same lines.
    keyed = doc.cache.get("repetition:keyed-lines")
    if keyed is None:
        keyed = []
        for line, key in line_keys(doc, 1):
            segment = doc.text[line.start : line.end]
            lead = len(segment) - len(segment.lstrip())
            keyed.append((line.start + lead, line.start + lead + len(segment.strip()), key, key.count(" ") + 1))
        doc.cache["repetition:keyed-lines"] = keyed
    return [(start, end, key) for start, end, key, words in keyed if words >= min_words]


def collect(doc, state: State):
    """Corpus pass 1: the fingerprints of this document's lines, each once."""
    if state.mode != "corpus":
        return set()
    return {fingerprint(key) for _, _, key in _keyed_lines(doc, state.min_words)}


def threshold(state: State, documents: int) -> int:
    if state.min_documents:
        return state.min_documents
    return max(3, math.ceil(state.min_share * documents))


def check(doc, state: State, ctx):
    if state.mode == "corpus":
        yield from _corpus_hits(doc, state, ctx, lambda: ((start, end, fingerprint(key))
                                                          for start, end, key in _keyed_lines(doc, state.min_words)))
        return
    previous, title = None, None
    for start, end, key in _keyed_lines(doc, state.min_words):
        if title is None:
            title = key
        elif key == previous:
            yield Hit(start, end, None, {"what": "السطر السابق", "what_en": "the line before"})
        elif key == title:
            yield Hit(start, end, None, {"what": "العنوان", "what_en": "the title"})
        previous = key


def pass_one(doc, state: State, ctx):
    """Corpus pass 1: the compared lines' spans and fingerprints, all that pass_two needs of the
    analysed document (a few machine ints a line)."""
    lines = _keyed_lines(doc, state.min_words)
    return (array("q", [start for start, _, _ in lines]), array("q", [end for _, end, _ in lines]),
            array("Q", [fingerprint(key) for _, _, key in lines]))


def pass_two(doc, state: State, ctx, kept):
    """Corpus pass 2, from pass_one's lines: those that enough documents share."""
    return _corpus_hits(doc, state, ctx, lambda: zip(*kept))


def _corpus_hits(doc, state: State, ctx, lines):
    """The lines (start, end, fingerprint), from `lines()`, that at least the threshold's documents
    share, but for those the line classifier calls article text."""
    counts = ctx.corpus_counts(state)
    if counts is None:
        return
    needed = threshold(state, ctx.corpus_documents)
    guarded = None
    for start, end, line_print in lines():
        seen = counts.get(line_print, 0)
        if seen >= needed:
            if guarded is None:
                guarded = guarded_lines(doc, state)
            if start in guarded:
                continue
            yield Hit(start, end, None, {"documents": seen, "corpus": ctx.corpus_documents})
