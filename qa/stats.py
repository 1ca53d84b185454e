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


def osman(text: str, sentences: int) -> float:
    """textstat's Osman formula with tadqiq's sentence count; 0.0 for a text with no words."""
    import textstat

    words = textstat.lexicon_count(text)
    if not words or not sentences:
        return 0.0
    per_word = (textstat.count_complex_arabic_words(text) + textstat.count_arabic_long_words(text)
                + textstat.count_arabic_syllables(text) + textstat.count_faseeh(text)) / words
    return round(200.791 - 1.015 * (words / sentences) - 24.181 * per_word, 2)


def document_stats(doc, with_osman: bool = True) -> Stats:
    key = ("stats", with_osman)
    if key in doc.cache:
        return doc.cache[key]
    lengths = [n for n in sentence_lengths(doc) if n]
    stats = Stats(
        words=word_count(doc.text),
        sentences=len(lengths),
        # News copy puts one paragraph on each line, blank lines between them or not.
        paragraphs=sum(1 for line in doc.lines if doc.text[line.start : line.end].strip()),
        mean_sentence_words=round(sum(lengths) / len(lengths), 1) if lengths else 0.0,
        longest_sentence_words=max(lengths, default=0),
        osman=osman(doc.text, len(lengths)) if with_osman and lengths else None,
    )
    doc.cache[key] = stats
    return stats
