"""Kind `metric`: a measure of a sentence, a paragraph or the article against a threshold.

  sentence-words   a sentence longer than `max` words (split on . ؟ ! ؛ … and line ends)
  paragraph-words  a paragraph (a line of the article: news copy puts one paragraph per line)
                   longer than `max` words
  osman            an article of at least `min_words` words whose Osman score is below `min`
  wa-chain         more than `max` clauses chained by و in one stretch without punctuation
Thresholds are set in the pack from the calibration corpus; see the pack's descriptions.
"""

from __future__ import annotations

from array import array
from functools import partial
from dataclasses import dataclass

import regex

from ..rxcache import compile as rx

from ..arabic import fold, folded_bare_word, sentences
from ..stats import CODE_PAGE, code_page_bytes, document_stats, word_counts, words_between
from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "measure": "sentence-words, paragraph-words, osman or wa-chain",
    "max": "the largest value that passes (sentence-words, paragraph-words, wa-chain)",
    "min": "the smallest Osman score that passes (osman)",
    "min_words": "osman: articles shorter than this are not scored (default 150)",
    "root_words": "wa-chain: a YAML list (relative to the pack) of words whose initial و is a root letter",
}

_STRETCH = rx(r"[^،,؛;:()\"«»“”.؟?!…\n\r]+")
# و then a word without the article: "والأمن والتعليم" is a list of nouns, not of clauses.
_WA = rx(r"(?<![\p{L}\p{M}])و(?!ال)(?=[\p{L}\p{M}]{2})([\p{L}\p{M}]+)")
_LETTER = rx(r"[\p{L}\p{M}]")


@dataclass
class State:
    measure: str
    limit: float
    min_words: int
    root_words: frozenset = frozenset()  # folded; their و is not the conjunction


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("measure",))
    measure = expect_choice(params, "measure", ("sentence-words", "paragraph-words", "osman", "wa-chain"))
    key = "min" if measure == "osman" else "max"
    if key not in params:
        raise ParamError(None, f"measure {measure} needs '{key}'")
    root_words = frozenset()
    if "root_words" in params:
        path = env.pack_dir / expect(params, "root_words", str)
        data = env.load_yaml(path)
        words = data.get("words") if isinstance(data, dict) else data
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ParamError("root_words", "the root-words file holds a list of words (or a mapping with 'words')", path=path)
        root_words = frozenset(fold(w) for w in words)
    return State(measure, float(expect(params, key, (int, float))), expect(params, "min_words", int, 150), root_words)


def wa_chains(text: str, start: int = 0, root_words: frozenset = frozenset()):
    """(start, end, clauses) for each stretch without punctuation, counting conjunction و."""
    for m in _STRETCH.finditer(text):
        joins = [w for w in _WA.finditer(m.group()) if folded_bare_word[w.group()] not in root_words]
        if joins:
            yield start + m.start(), start + m.end(), len(joins)


def _wa_starts(doc):
    """Where a word opens with و (before a word without the article), over the whole text at once:
    a sentence with no more of these than the limit cannot hold a longer chain, so only the few
    sentences with more are cut into stretches and counted."""
    key = "metric:wa-starts"
    if key not in doc.cache:
        encoded = code_page_bytes(doc)
        # A text in the code page is scanned as bytes by the re module, at the same offsets.
        found = _WA.finditer(doc.text) if encoded is None else _wa_bytes().finditer(encoded)
        doc.cache[key] = array("q", [m.start() for m in found])
    return doc.cache[key]


_WA_BYTES = None


def _wa_bytes():
    """_WA's opening over CODE_PAGE bytes (where its offsets are the text's), its letter class
    spelt out byte by byte."""
    global _WA_BYTES
    if _WA_BYTES is None:
        import re

        letter = b"[" + b"".join(re.escape(bytes([i])) for i, ch in enumerate(CODE_PAGE)
                                 if _LETTER.fullmatch(ch)) + b"]"
        wa, al = (CODE_PAGE.index(ch).to_bytes(1, "big") for ch in ("و", "ا"))
        lam = CODE_PAGE.index("ل").to_bytes(1, "big")
        # و first, so that re looks for that byte alone; then whether a letter comes before it.
        _WA_BYTES = re.compile(wa + b"(?<!" + letter + wa + b")(?!" + al + lam + b")(?=" + letter + b"{2})")
    return _WA_BYTES


def _sentences_over(doc, count, limit: int):
    """The sentences that may hold more than `limit` of what count(start, end) counts: all of them
    once the document's sentences are split; else only those of the lines that hold more, each
    line split on its own. A sentence never crosses a line break, so a line's count bounds its
    sentences', and most lines of news copy are under the limits."""
    if "sentences" in doc.__dict__:
        yield from doc.sentences
        return
    text, split = doc.text, doc.cache.setdefault("metric:line-sentences", {})  # line start -> its sentences
    for line in doc.lines:
        if count(line.start, line.end) > limit:
            spans = split.get(line.start)
            if spans is None:
                spans = split[line.start] = [(line.start + start, line.start + end)
                                             for start, end in sentences(text[line.start : line.end])]
            yield from spans


def check(doc, state: State, ctx):
    if state.measure == "sentence-words":
        between = word_counts(doc).between
        for start, end in _sentences_over(doc, between, state.limit):
            words = between(start, end)
            if words > state.limit:
                yield Hit(start, end, None, {"words": words, "max": int(state.limit)})
    elif state.measure == "paragraph-words":
        between = word_counts(doc).between
        for line in doc.lines:
            words = between(line.start, line.end)
            if words > state.limit:
                yield Hit(line.start, line.end, None, {"words": words, "max": int(state.limit)})
    elif state.measure == "wa-chain":
        candidates = _wa_starts(doc)
        if len(candidates) <= state.limit:
            return
        for start, end in _sentences_over(doc, partial(words_between, candidates), state.limit):
            if words_between(candidates, start, end) <= state.limit:
                continue
            for s, e, joins in wa_chains(doc.text[start:end], start, state.root_words):
                if joins > state.limit:
                    yield Hit(s, e, None, {"clauses": joins + 1, "max": int(state.limit) + 1})
    else:
        stats = document_stats(doc)
        if stats.words >= state.min_words and stats.osman is not None and stats.osman < state.limit:
            first = doc.lines[0]
            yield Hit(first.start, first.end, None, {"osman": stats.osman, "min": state.limit})
