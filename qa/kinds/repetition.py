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

import codecs
import hashlib
import math
from array import array
from dataclasses import dataclass

import regex

from ..rxcache import compile as rx

from ..arabic import Translator, fold
from ..stats import CODE_PAGE, code_page_bytes
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
_PUNCT_CHAR = rx(r"[\p{P}\p{S}\s]")
_LINE_BREAK = rx(r"\r\n|\r|\n")  # as Document.lines splits


class _KeyChars(dict):
    """A str.translate table for normalize_line's two substitutions at once, character by
    character: a digit -> "0"; punctuation, a symbol or a space -> " ", but the line break "\n";
    any other character to itself. Filled as characters are met."""

    def __missing__(self, code: int):
        char = chr(code)
        value = "0" if _DIGIT.match(char) else " " if code != 10 and _PUNCT_CHAR.match(char) else code
        if len(self) < 1 << 16:  # a text of every script cannot grow it for ever
            self[code] = value
        return value


_key_chars = None


def _digits_and_spaces(text: str) -> str:
    global _key_chars
    if _key_chars is None:
        # Seeded with the characters of Arabic news (ASCII, Arabic, Latin-1, punctuation) that
        # change, so that Translator maps them as bytes; any other character takes the table.
        table = _KeyChars()
        for code in (*range(0x100), *range(0x600, 0x700), *range(0x2000, 0x2070)):
            if table[code] == code:
                del table[code]
        _key_chars = Translator(table)
    return _key_chars(text)


def normalize_line(text: str) -> str:
    """The corpus-mode line key, also used by other tools that must agree with it."""
    folded = fold(text).lower()
    folded = _DIGIT.sub("0", folded)
    return _PUNCT.sub(" ", folded).strip()


def _line_keys(doc) -> list[str]:
    """normalize_line of each line of the document, by whole-text passes: folding, lowering and
    the substitutions work character by character (a final sigma's form looks no further than
    the line break), and runs of spaces are made one space before the lines are cut apart and
    stripped, so each line comes out as normalize_line would make it."""
    keys = doc.cache.get("repetition:line-keys")
    if keys is None:
        encoded = code_page_bytes(doc)
        tables = _code_page_keys() if encoded is not None and b"\r" not in encoded else None
        if tables is not None:
            # In the code page each character's fold, lower case and substitutions are one byte
            # (or none): one bytes.translate does all four.
            spaced = encoded.translate(*tables)
            joined = codecs.charmap_decode(b" ".join(filter(None, spaced.split(b" "))), "strict", CODE_PAGE)[0]
        else:
            # Every line break made one "\n" first: folding may delete a mark between "\r" and "\n".
            text = _LINE_BREAK.sub("\n", doc.text) if "\r" in doc.text else doc.text
            spaced = _digits_and_spaces(fold(text).lower())
            # Runs of spaces made one space across the whole text at once; each line is then stripped.
            joined = " ".join(filter(None, spaced.split(" ")))
        keys = doc.cache["repetition:line-keys"] = [k.strip() for k in joined.split("\n")]
    return keys


_code_page_table = None


def _code_page_keys() -> tuple[bytes, bytes] | None:
    """A bytes.translate table and the bytes it deletes: each CODE_PAGE character put through the
    same steps as a text, one at a time. None (the text path then) should a step ever take a
    character out of the page."""
    global _code_page_table
    if _code_page_table is None:
        table, delete = bytearray(range(256)), bytearray()
        for i, char in enumerate(CODE_PAGE):
            out = _digits_and_spaces(fold(char).lower())
            if not out:
                delete.append(i)
            elif len(out) == 1 and out in CODE_PAGE:
                table[i] = CODE_PAGE.index(out)
            else:
                _code_page_table = False
                return None
        _code_page_table = bytes(table), bytes(delete)
    return _code_page_table or None


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
    for line, key in zip(doc.lines, _line_keys(doc)):
        if key and key.count(" ") + 1 >= min_words:
            yield line, key


def _keyed_lines(doc, min_words: int):
    """(line index, key) of each line of at least `min_words` words. Keyed once per document: the
    rules of this kind (within, corpus pass 1, corpus check) all key the same lines."""
    keyed = doc.cache.get("repetition:keyed-lines")
    if keyed is None:
        keyed = doc.cache["repetition:keyed-lines"] = [
            (index, key, key.count(" ") + 1) for index, key in enumerate(_line_keys(doc)) if key]
    return [(index, key) for index, key, words in keyed if words >= min_words]


def _span(doc, index: int) -> tuple[int, int]:
    """[start, end) of a line without its leading and trailing spaces: worked out for hits only."""
    line = doc.lines[index]
    segment = doc.text[line.start : line.end]
    start = line.start + len(segment) - len(segment.lstrip())
    return start, start + len(segment.strip())


def collect(doc, state: State):
    """Corpus pass 1: the fingerprints of this document's lines, each once."""
    if state.mode != "corpus":
        return set()
    return {fingerprint(key) for _, key in _keyed_lines(doc, state.min_words)}


def threshold(state: State, documents: int) -> int:
    if state.min_documents:
        return state.min_documents
    return max(3, math.ceil(state.min_share * documents))


def check(doc, state: State, ctx):
    if state.mode == "corpus":
        yield from _corpus_hits(doc, state, ctx, lambda: ((index, fingerprint(key))
                                                          for index, key in _keyed_lines(doc, state.min_words)))
        return
    previous, title = None, None
    for index, key in _keyed_lines(doc, state.min_words):
        if title is None:
            title = key
        elif key == previous:
            yield Hit(*_span(doc, index), None, {"what": "السطر السابق", "what_en": "the line before"})
        elif key == title:
            yield Hit(*_span(doc, index), None, {"what": "العنوان", "what_en": "the title"})
        previous = key


def pass_one(doc, state: State, ctx):
    """Corpus pass 1: the compared lines' indexes and fingerprints, all that pass_two needs of the
    analysed document (two machine ints a line)."""
    lines = _keyed_lines(doc, state.min_words)
    return array("q", [index for index, _ in lines]), array("Q", [fingerprint(key) for _, key in lines])


def pass_two(doc, state: State, ctx, kept):
    """Corpus pass 2, from pass_one's lines: those that enough documents share."""
    return _corpus_hits(doc, state, ctx, lambda: zip(*kept))


def _corpus_hits(doc, state: State, ctx, lines):
    """The lines (index, fingerprint), from `lines()`, that at least the threshold's documents
    share, but for those the line classifier calls article text."""
    counts = ctx.corpus_counts(state)
    if counts is None:
        return
    needed = threshold(state, ctx.corpus_documents)
    guarded = None
    for index, line_print in lines():
        seen = counts.get(line_print, 0)
        if seen >= needed:
            start, end = _span(doc, index)
            if guarded is None:
                guarded = guarded_lines(doc, state)
            if start in guarded:
                continue
            yield Hit(start, end, None, {"documents": seen, "corpus": ctx.corpus_documents})
