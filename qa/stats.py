"""Article statistics: words, sentences, paragraphs, sentence lengths, and the Osman readability
score (El-Haj and Rayson's Arabic formula, as textstat implements it).

Sentences are counted with tadqiq's own splitter (qa.arabic.sentences): textstat's sentence count
does not end a sentence at "؟". The Osman score is textstat's formula with that sentence count:

    200.791 - 1.015 * words/sentence - 24.181 * (complex + long + syllables + faseeh) / words

textstat's word-level counters supply the rest. Importing textstat costs about two seconds (it pulls
in nltk and scipy), so it is imported only when a score is asked for: JSON and HTML reports, and the
opt-in readability/osman-score rule. Its syllable-based English scores need pyphen dictionaries that
have no Arabic and are not used.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import regex

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")


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


def sentence_lengths(doc) -> list[int]:
    key = "stats:sentence-lengths"
    if key not in doc.cache:
        doc.cache[key] = [word_count(doc.text[s:e]) for s, e in doc.sentences]
    return doc.cache[key]


def _osman_terms(text: str) -> tuple[int, int]:
    """(words, complex + long + syllables + faseeh) by textstat's counters: the parts of the
    Osman formula that add up across pieces of a text."""
    import textstat

    words = textstat.lexicon_count(text)
    if not words:
        return 0, 0
    return words, (textstat.count_complex_arabic_words(text) + textstat.count_arabic_long_words(text)
                   + textstat.count_arabic_syllables(text) + textstat.count_faseeh(text))


def _forget_textstat_memos() -> None:
    """textstat memoises each counter on the text (128 texts per function), which would keep a
    dump's chunks, and copies of them, alive after it was counted."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("textstat.backend"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


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
        words += word_count(piece.text)
        sentences += len(lengths)
        total += sum(lengths)
        longest = max(longest, max(lengths, default=0))
        # News copy puts one paragraph on each line, blank lines between them or not.
        paragraphs += sum(1 for line in piece.lines if piece.text[line.start : line.end].strip())
        if with_osman and lengths:
            counted = _osman_terms(piece.text)
            osman_words, weighted = osman_words + counted[0], weighted + counted[1]
            if piece is not doc:
                _forget_textstat_memos()
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
