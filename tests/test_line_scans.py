"""The whole-text and byte scans of the line-level kinds give what their per-line readings give.

Line keys (repetition), word counts of spans (stats, metric), a line's words (the line classifier)
and the و openings (wa-chain) are read from whole-text passes, and from the text's one-byte code
page when it fits; each is held equal here to the plain per-line or regex reading it replaces, on
texts made of the characters where the two could part: line breaks with marks between them, the
Greek final sigma, joiners, digits of three scripts, characters outside the code page.
"""

from __future__ import annotations

from array import array

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.arabic import fold
from qa.document import Document
from qa.kinds import lines, metric, repetition
from qa.stats import CODE_PAGE, WordCounts, code_page_bytes, word_count, word_starts, words_between

_TRICKY = (list("ab ب.،؛؟«»\r\n\t\u00a0\u200c١2۳-–'’\"(ـًّوال")
           + ["Σ", "σ", "Α", "İ", "\x1c", "\x85", "\u0301", "é", "😀"])
_PAGE = [c for c in CODE_PAGE if c != "\r"] + list("وال بت ab ") * 4

texts = st.one_of(st.text(alphabet=st.sampled_from(_TRICKY), max_size=60),
                  st.text(alphabet=st.sampled_from(_PAGE), max_size=60))
EXAMPLES = settings(max_examples=300, deadline=None)

_PUNCT_RUN = regex.compile(r"[\p{P}\p{S}\s]+")


def _normalized(line: str) -> str:
    # normalize_line as it was first written: one substitution per step.
    return _PUNCT_RUN.sub(" ", regex.sub(r"\p{Nd}", "0", fold(line).lower())).strip()


@EXAMPLES
@given(texts)
def test_line_keys_are_each_lines_normalised_key(text):
    doc = Document(text)
    keys = repetition._line_keys(doc)
    assert len(keys) == len(doc.lines)
    assert keys == [_normalized(text[line.start : line.end]) for line in doc.lines]
    assert keys == [repetition.normalize_line(text[line.start : line.end]) for line in doc.lines]


@EXAMPLES
@given(texts, st.data())
def test_word_counts_of_any_span_match_the_regex_scan(text, data):
    doc = Document(text)
    counts, starts = WordCounts(doc), word_starts(doc)
    assert counts.total == len(starts) == word_count(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert counts.between(start, end) == words_between(starts, start, end)


@EXAMPLES
@given(texts)
def test_line_words_match_a_regex_scan_of_each_line(text):
    doc = Document(text)
    expected = []
    for line in doc.lines:
        segment = text[line.start : line.end]
        stripped = segment.strip()
        if stripped:
            start = line.start + len(segment) - len(segment.lstrip())
            expected.append((start, start + len(stripped), stripped,
                             [fold(w).lower() for w in lines._LINE_WORD.findall(stripped)]))
    assert list(lines._line_words(doc)) == expected


@EXAMPLES
@given(texts)
def test_wa_openings_match_the_regex(text):
    doc = Document(text)
    assert metric._wa_starts(doc) == array("q", [m.start() for m in metric._WA.finditer(text)])


def test_code_page_texts_take_the_byte_paths():
    doc = Document("قال الوزير: «وصلنا».\nوالآن - 2025")
    assert code_page_bytes(doc) is not None
    assert code_page_bytes(Document("Σ")) is None


_SENTENCE_CHARS = list("ab بتالو .؟?!؛…:\r\n\t»”\"’')]1٢") + ["\u2028", "\x0b", "نت", "كوم", "  "]


@EXAMPLES
@given(st.lists(st.sampled_from(_SENTENCE_CHARS), max_size=40).map("".join))
def test_lines_split_into_the_documents_sentences(text):
    # The metric rules split only their long lines into sentences: no sentence crosses a line
    # break, and a line alone splits as it does within the document.
    from qa.arabic import sentences

    doc = Document(text)
    assert [(line.start + s, line.start + e) for line in doc.lines
            for s, e in sentences(text[line.start : line.end])] == doc.sentences
