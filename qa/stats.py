"""Article statistics: words, sentences, paragraphs, sentence lengths, and the Osman readability
score (El-Haj and Rayson's Arabic formula, as textstat implements it).

Sentences are counted with tadqiq's own splitter (qa.arabic.sentences): textstat's sentence count
does not end a sentence at "؟". The Osman score is textstat's formula with that sentence count:

    200.791 - 1.015 * words/sentence - 24.181 * (complex + long + syllables + faseeh) / words

The four word-level counters are ported from textstat 0.7, not called. textstat walks every
character of an article three times in Python, looking for short vowels that its own punctuation
stripping has already removed: 9 ms an article, half the time of a JSON report, plus two seconds to
import textstat (nltk, scipy). The port gives the same numbers with a few C-level regex passes, and
tests/test_readability.py holds it equal to textstat on arbitrary text.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left
from dataclasses import asdict, dataclass

import regex

from . import arabic
from .rxcache import compile as rx

_WORD = rx(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")


@dataclass
class Stats:
    words: int
    sentences: int
    paragraphs: int
    mean_sentence_words: float
    longest_sentence_words: int
    osman: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def word_starts(doc):
    """The offset of every word's first character, from one scan of the whole text."""
    key = "stats:word-starts"
    starts = doc.cache.get(key)
    if starts is None:
        from array import array

        starts = doc.cache[key] = array("q", [m.start() for m in _WORD.finditer(doc.text)])
    return starts


def words_between(starts, start: int, end: int) -> int:
    return bisect_left(starts, end) - bisect_left(starts, start)


CODE_PAGE = arabic.CODE_PAGE  # the text model's one-byte code page, read here as bytes
_encoder = None


def code_page_bytes(doc) -> bytes | None:
    """The document's text in CODE_PAGE, one byte per character (cached on the document); None
    for a text with a character outside it."""
    global _encoder
    encoded = doc.cache.get("stats:code-page", False)
    if encoded is False:
        if _encoder is None:
            _encoder = codecs.charmap_build(CODE_PAGE)
        try:
            encoded = codecs.charmap_encode(doc.text, "strict", _encoder)[0]
        except UnicodeEncodeError:
            encoded = None
        doc.cache["stats:code-page"] = encoded
    return encoded


_class_table = None


def _word_classes(doc) -> bytes | None:
    """One byte per character: w for a word character (_WORD's letters, marks and digits), j for
    the joiners ' ’ - that carry a word over, . for anything else; two . before the first. None
    for a text with a character outside CODE_PAGE."""
    global _class_table
    encoded = code_page_bytes(doc)
    if encoded is None:
        return None
    if _class_table is None:
        _class_table = bytes(b"w"[0] if _WORD_CHAR.match(ch) else b"j"[0] if ch in "'’-" else b"."[0]
                             for ch in CODE_PAGE).ljust(256, b".")
    return b".." + encoded.translate(_class_table)


_WORD_CHAR = rx(r"[\p{L}\p{M}\p{N}]")


class WordCounts:
    """How many words of _WORD start within any span of a document, the spans being the
    sentences and lines the statistics and the metric rules count. (Those begin and end at
    whitespace or the text's ends, so no word crosses one, and counting starts equals counting the
    span's own words.)

    A word starts at a word character that follows neither a word character nor a joiner right
    after one ("a-b" is one word, "a--b" two). Over the classes string of _word_classes that is an
    occurrence of ".w", ".jw" or "jjw", counted by bytes.count between two offsets: no scan per
    word. A text outside CODE_PAGE takes the regex scan and bisections."""

    __slots__ = ("_classes", "_starts", "total")

    def __init__(self, doc):
        self._classes = _word_classes(doc)
        if self._classes is None:
            self._starts = word_starts(doc)
            self.total = len(self._starts)
        else:
            self._starts = None
            self.total = self.between(0, len(doc.text))

    def between(self, start: int, end: int) -> int:
        classes = self._classes
        if classes is None:
            return bisect_left(self._starts, end) - bisect_left(self._starts, start)
        # Offsets in `classes` are the text's plus two; an occurrence counts when its w is in the span.
        return (classes.count(b".w", start + 1, end + 2) + classes.count(b".jw", start, end + 2)
                + classes.count(b"jjw", start, end + 2))


def word_counts(doc) -> WordCounts:
    counts = doc.cache.get("stats:word-counts")
    if counts is None:
        counts = doc.cache["stats:word-counts"] = WordCounts(doc)
    return counts


def sentence_lengths(doc) -> list[int]:
    key = "stats:sentence-lengths"
    if key not in doc.cache:
        between = word_counts(doc).between
        doc.cache[key] = [between(s, e) for s, e in doc.sentences]
    return doc.cache[key]


# textstat's own patterns, with Python's `re` meaning of \w and \s, which the counts depend on.
_PUNCTUATION = re.compile(r"[^\w\s]")  # list_words(rm_apostrophe=True); it drops every mark too
_PUNCTUATION_BUT_CONTRACTIONS = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))|[^\w\s\']")  # lexicon_count
_NOT_SYLLABLE = re.compile(r"[\u0627\u0649\?\.\!\,\s*]")
_STRESS = re.compile(r"[\u064B\u064C\u064D\u0651]")
_FASEEH = re.compile(r"[\u0626\u0621\u0624\u0630\u0638]|\u0648[\u0627\u0646]")


def _osman_terms(text: str) -> tuple[int, int]:
    """(words, complex + long + syllables + faseeh) as textstat counts them: the parts of the
    Osman formula that add up across pieces of a text."""
    words = len(_PUNCTUATION_BUT_CONTRACTIONS.sub("", text).split())
    if not words:
        return 0, 0
    bare = _PUNCTUATION.sub("", text).split()
    # textstat looks for short vowels in words it has already stripped of marks, so it never finds
    # one: no word is ever complex (more than five vowel marks), and syllables always take its
    # fallback, the characters other than alif and spaces less two, plus two per stress mark.
    syllables = len(_NOT_SYLLABLE.sub("", text)) - 2 + 2 * len(_STRESS.findall(text))
    long_words = sum(1 for word in bare if len(word) > 5)
    faseeh = sum(1 for word in bare
                 if len(word) - word.count("\u0627") - word.count("\u0649") > 7 and _FASEEH.search(word))
    return words, long_words + syllables + faseeh


def _osman(words: int, weighted: int, sentences: int) -> float:
    if not words or not sentences:
        return 0.0
    return round(200.791 - 1.015 * (words / sentences) - 24.181 * weighted / words, 2)


def osman(text: str, sentences: int) -> float:
    """textstat's Osman formula with tadqiq's sentence count; 0.0 for a text with no words."""
    return _osman(*_osman_terms(text), sentences)


def document_stats(doc, with_osman: bool = True) -> Stats:
    key = ("stats", with_osman)
    if key in doc.cache:
        return doc.cache[key]
    # A dump of many megabytes is counted a chunk at a time, as it is checked, to bound memory.
    words = sentences = paragraphs = total = longest = osman_words = weighted = 0
    for _, piece in doc.chunks():
        lengths = [n for n in sentence_lengths(piece) if n]
        words += word_counts(piece).total  # the metric rules' count, already made when they ran
        sentences += len(lengths)
        total += sum(lengths)
        longest = max(longest, max(lengths, default=0))
        # News copy puts one paragraph on each line, blank lines between them or not.
        paragraphs += sum(1 for line in piece.lines if piece.text[line.start : line.end].strip())
        if with_osman and lengths:
            counted = _osman_terms(piece.text)
            osman_words, weighted = osman_words + counted[0], weighted + counted[1]
    stats = Stats(
        words=words,
        sentences=sentences,
        paragraphs=paragraphs,
        mean_sentence_words=round(total / sentences, 1) if sentences else 0.0,
        longest_sentence_words=longest,
        osman=_osman(osman_words, weighted, sentences) if with_osman and sentences else None,
    )
    doc.cache[key] = stats
    return stats
