"""The text model: decoding bytes, the original text, and offsets <-> (line, column).

Every offset in tadqiq is a code-point index into ``Document.text``, the decoded text with any
leading byte-order mark removed. Lines and columns are 1-based and derived here, once.
"""

from __future__ import annotations

import bisect
import codecs
import datetime as _dt
import sys
from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import regex

from .rxcache import compile as rx

# Only these three end a line. Python's str.splitlines() also breaks on U+2028, \x0c, \x1c…, which
# editors and GitHub do not, and columns would then disagree with what the user sees.
_LINE_BREAK = rx(r"\r\n|\r|\n")


class InputError(Exception):
    """A file that cannot be read as text. The message is one line, meant for the user."""


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, before the line terminator

    def text(self, doc: Document) -> str:
        return doc.text[self.start : self.end]


def _looks_like_cp1256(data: bytes) -> bool:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return False
    arabic = sum(1 for ch in text if "\u0621" <= ch <= "\u064a")
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > 0 and arabic / letters > 0.5


# Characters that text files do not hold: controls other than the whitespace ones, private use,
# unassigned code points and surrogates. Any even-length bytes decode as UTF-16, so a UTF-16 BOM
# proves nothing; binary data decoded that way is full of these.
_NOT_TEXT = rx(r"[[\p{Cc}\p{Co}\p{Cn}\p{Cs}]--[\t\n\r\f\v]]", regex.V1)
_NOT_TEXT_SHARE = 0.01  # above this share of characters, UTF-16 or UTF-32 "text" is binary


def _check_wide_text(text: str, codec: str) -> None:
    """Raise InputError when text decoded from UTF-16/32 is really binary data."""
    nul = text.find("\x00")
    if nul != -1:
        raise InputError(f"binary file (NUL character at character {nul} of its {codec} text), not text")
    limit = len(text) * _NOT_TEXT_SHARE
    bad = 0
    for _ in _NOT_TEXT.finditer(text):
        bad += 1
        if bad > limit:
            raise InputError(f"binary file (decoded as {codec}, more than {_NOT_TEXT_SHARE:.0%} of it is control, "
                             "private-use or unassigned characters), not text")


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
BOM_SUFFIX = "+bom"


def _forced(data: bytes, encoding: str) -> tuple[str, str]:
    """Decode with the encoding the user named, keeping what writing back needs: the byte order,
    and whether the file began with a byte-order mark."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if codec in ("utf-16", "utf-32"):
        # These codecs read the byte order from a BOM (native order without one) and always write one.
        order = next((name for bom, name in _BOMS if name.startswith(codec) and data.startswith(bom)), None)
        codec = order + BOM_SUFFIX if order else f"{codec}-{'le' if sys.byteorder == 'little' else 'be'}"
    elif codec == "utf-8-sig" and not data.startswith(codecs.BOM_UTF8):
        codec = "utf-8"  # utf-8-sig would add a BOM the file never had
    try:
        text = data.decode(codec.removesuffix(BOM_SUFFIX))
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as {encoding}: invalid byte at offset {exc.start}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
        if not codec.endswith(BOM_SUFFIX):
            codec = "utf-8-sig" if codec == "utf-8" else codec + BOM_SUFFIX
    if codec.startswith(("utf-16", "utf-32")):
        _check_wide_text(text, codec.removesuffix(BOM_SUFFIX))
    return text, codec


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes to text. Returns (text, encoding_used). Raises InputError.

    A leading BOM is consumed, so offset 0 is the first character a reader sees. encoding_used is
    what writing the file back needs: a codec name ("utf-8-sig" for UTF-8 with a BOM), with "+bom"
    when the file began with a BOM that codec does not write ("utf-16-be+bom").
    """
    if encoding:
        return _forced(data, encoding)
    if data.startswith(codecs.BOM_UTF8):
        body, used = data[3:], "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            text = data[2:].decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start + 2}") from None
        _check_wide_text(text, codec)
        return text, codec + BOM_SUFFIX
    else:
        body, used = data, "utf-8"
    nul = body.find(b"\x00")
    if nul != -1:
        raise InputError(f"binary file (NUL byte at offset {nul}), not text")
    try:
        return body.decode("utf-8"), used
    except UnicodeDecodeError as exc:
        # Real UTF-8 Arabic before the bad byte means a damaged UTF-8 file, not a legacy encoding.
        if body[: exc.start].isascii() and _looks_like_cp1256(body):
            raise InputError(
                "not UTF-8: looks like Windows-1256 (Arabic); re-run with --encoding cp1256 "
                "or convert with: iconv -f cp1256 -t utf-8"
            ) from None
        raise InputError(f"invalid UTF-8 at byte {exc.start}") from None


# About 500 KB of Arabic. Articles are a few thousand code points; only dumps reach this.
CHUNK_SIZE = 1 << 18


def chunk_spans(text: str, size: int):
    """[start, end) spans of at most `size` code points covering the text, each ending after a
    line break if one falls in its second half, else after a space, else where the size runs out."""
    start, total = 0, len(text)
    while start < total:
        end = min(total, start + size)
        if end < total:
            floor = start + size // 2
            cut = text.rfind("\n", floor, end)
            if cut < 0:
                cut = max(text.rfind(" ", floor, end), text.rfind("\u00a0", floor, end))
            if cut >= 0:
                end = cut + 1
        yield start, end
        start = end


@dataclass
class Document:
    """One article: its original text and everything derived from it, computed once and shared."""

    text: str
    path: str = "-"
    date: _dt.date | None = None
    date_source: str | None = None
    encoding: str = "utf-8"
    # Article statistics (qa.stats.Stats), when a report asks for them.
    stats: object = field(default=None, repr=False, compare=False)
    # Problems met while checking (a rule that timed out), reported as file errors.
    errors: list = field(default_factory=list, repr=False, compare=False)
    # Things the user should know that are not errors (a stale suppression marker), as "line:col: …".
    warnings: list = field(default_factory=list, repr=False, compare=False)
    # Per-run scratch space that check kinds may fill and share (e.g. token lists), keyed by name.
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def line_starts(self) -> array:
        # A machine-int array: a million-line dump's offsets take 8 MB, not 36 MB of int objects.
        starts = array("q", [0])
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        return starts

    @cached_property
    def lines(self) -> list[Line]:
        return [self._line(i) for i in range(len(self.line_starts))]

    def _line(self, index: int) -> Line:
        # Built on demand, so that positioning a finding in a file of a million lines does not
        # build a million Line objects.
        text, starts = self.text, self.line_starts
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        # Trim the terminator: \r\n, \r or \n.
        if end > start and text[end - 1] == "\n":
            end -= 1
        if end > start and text[end - 1] == "\r":
            end -= 1
        return Line(index + 1, start, end)

    def chunks(self):
        """(offset, document) pieces to analyse. An article is one piece, itself. A file over
        CHUNK_SIZE is a dump, not an article: it comes in chunks, so that the analyses of any one
        piece (tokens, views, statistics) stay bounded whatever the size of the file."""
        if len(self.text) <= CHUNK_SIZE:
            yield 0, self
            return
        for start, end in chunk_spans(self.text, CHUNK_SIZE):
            yield start, Document(self.text[start:end], path=self.path, date=self.date,
                                  date_source=self.date_source, encoding=self.encoding)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset. Offsets inside a line terminator
        clamp to just past the line's last character, so a column never counts a \\r."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside text of length {len(self.text)}")
        index = bisect.bisect_right(self.line_starts, offset) - 1
        line = self._line(index)
        return index + 1, min(offset, line.end) - line.start + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of line_col for positions inside a line."""
        return self.line_starts[line - 1] + column - 1

    def line_at(self, offset: int) -> Line:
        return self._line(bisect.bisect_right(self.line_starts, offset) - 1)

    @property
    def newline(self) -> str:
        match = _LINE_BREAK.search(self.text)
        return match.group() if match else "\n"

    def __getstate__(self):
        # Sent between processes without its derived analyses, which are rebuilt on demand.
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def __setstate__(self, state):
        self.__dict__.update(state)

    # Shared analyses, computed at most once per document and reused by every rule.
    @cached_property
    def tokens(self):
        from .arabic import tokenize

        return tokenize(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        from .arabic import sentences

        return sentences(self.text)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        from .arabic import paragraphs

        return paragraphs(self.text)

    @cached_property
    def folded(self):
        """Loose normalised view (hamza, alef, ى/ي, ة/ه, marks, tatweel) for matching."""
        from .arabic import FOLD_TABLE, NormalizedView

        return NormalizedView(self.text, FOLD_TABLE)

    @cached_property
    def stripped(self):
        """View without diacritics and tatweel, hamza kept."""
        from .arabic import STRIP_TABLE, NormalizedView

        return NormalizedView(self.text, STRIP_TABLE)

    # --- Per-distinct-word work -----------------------------------------------------------------
    # A rule that asks a question of each word (is it known, what is its fold, its variant key, is
    # it a stop word) asks it once per distinct word, through a WordMemo (qa.arabic), and looks up
    # positions only for the words it flags:
    #
    #     from qa.arabic import WordMemo
    #     unknown = WordMemo(lambda w: not is_known(w))
    #     for word in doc.arabic_words:                  # distinct forms, in first-seen order
    #         if unknown[word]:
    #             for start, end in doc.word_spans(word):  # only now, and only for this word
    #                 ...
    #
    # doc.arabic_words[word] is the word's number of occurrences; doc.word_spans_of(words) finds the
    # spans of several flagged words at once. Words are tokens' surface texts (marks included), so
    # a span always covers exactly one token of `doc.tokens`.

    @cached_property
    def arabic_words(self) -> Counter:
        """Distinct Arabic word forms (the texts of the "ar" tokens) -> occurrences, in the order
        each first occurs. C-level scans only; no Token is built."""
        from .arabic import arabic_word_texts

        return Counter(arabic_word_texts(self.text))

    @cached_property
    def latin_words(self) -> Counter:
        """Distinct Latin-script word forms (the texts of the "lat" tokens) -> occurrences."""
        from .arabic import LATIN_WORD

        return Counter(LATIN_WORD.findall(self.text))

    def word_spans(self, word: str) -> list[tuple[int, int]]:
        """[start, end) of every token whose text is `word`, in text order. Costs one str.find per
        occurrence of the word, so call it for flagged words, not for every word."""
        from .arabic import is_arabic_word_char

        if not word:
            return []
        if not is_arabic_word_char(word[0]):
            return [(t.start, t.end) for t in self.tokens if t.text == word]
        text, size, out = self.text, len(word), []
        start = text.find(word)
        while start != -1:
            end = start + size
            if (start == 0 or not is_arabic_word_char(text[start - 1])) and (
                    end == len(text) or not is_arabic_word_char(text[end])):
                out.append((start, end))
            start = text.find(word, start + 1)
        return out

    def word_spans_of(self, words) -> dict[str, list[tuple[int, int]]]:
        """word -> its token spans, for several flagged words."""
        return {word: self.word_spans(word) for word in words}

    def view(self, normalize: str):
        # Only the view asked for is built (kinds validate the name when their pack compiles).
        if normalize == "none":
            return None
        return self.stripped if normalize == "strip" else self.folded
