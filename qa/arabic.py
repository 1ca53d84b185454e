"""Arabic text helpers: tokens, clitics, matching-time normalisation that maps back to original
offsets, and sentence and paragraph splitting.

Normalisation is for matching only. Every span found in a normalised view is mapped back to
code-point offsets in the original text before it leaves this module's callers.
"""

from __future__ import annotations

import bisect
import codecs
import re
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import is_
from typing import NamedTuple

import regex
from pyarabic import araby

from .rxcache import compile as rx

# Vowel marks are Script=Inherited with Script_Extensions=Arabic, so \p{Arabic}+ would split a
# vowelled word; scx keeps it whole. Tatweel is Lm and is included as a letter.
AR_LETTER = r"[\p{scx=Arabic}&&\p{L}]"
AR_WORD_CHAR = r"[\p{scx=Arabic}&&[\p{L}\p{M}]]"

_TOKEN = rx(
    r"(?P<ar>" + AR_WORD_CHAR + r"+)"
    r"|(?P<lat>[\p{L}\p{M}--\p{scx=Arabic}]+(?:['’\-][\p{L}\p{M}--\p{scx=Arabic}]+)*)"
    r"|(?P<num>\p{Nd}+(?:[.,٫٬]\p{Nd}+)*)",
    regex.V1,
)

# The same runs as _TOKEN's groups, one script each: findall over one of these yields exactly the
# texts of that script's tokens, without building a Token per occurrence.
AR_WORD = rx(AR_WORD_CHAR + "+", regex.V1)
LATIN_WORD = rx(r"[\p{L}\p{M}--\p{scx=Arabic}]+(?:['’\-][\p{L}\p{M}--\p{scx=Arabic}]+)*", regex.V1)
_AR_WORD_CHAR = rx(AR_WORD_CHAR, regex.V1)


@lru_cache(maxsize=4096)
def is_arabic_word_char(ch: str) -> bool:
    return _AR_WORD_CHAR.fullmatch(ch) is not None


TATWEEL = araby.TATWEEL
# pyarabic's table of marks: harakat, tanwin, shadda, sukun, the extended marks, superscript alef
# and the Quranic annotation marks (the small honorifics above U+0610 too).
DIACRITICS = "".join(araby.DIACRITICS)

# Folding used for loose matching: one letter per family, so spelling variants meet. The alef
# forms are pyarabic's; wavy-hamza alefs (ٲ ٳ) and the Persian and Urdu lookalikes are not in it.
_FOLD = {
    **dict.fromkeys((araby.ALEF_HAMZA_ABOVE, araby.ALEF_HAMZA_BELOW, araby.ALEF_MADDA, araby.ALEF_WASLA), araby.ALEF),
    "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ے": "ي", "ئ": "ي",
    "ة": "ه", "ە": "ه", "ھ": "ه", "ۀ": "ه",
    "ؤ": "و",
    "ک": "ك",
}
_DELETE = {ord(ch): None for ch in DIACRITICS + TATWEEL}
FOLD_TABLE = {**_DELETE, **{ord(k): v for k, v in _FOLD.items()}}
STRIP_TABLE = dict(_DELETE)
# A class of literal characters: the standard library's engine scans for it seven times faster
# than `regex` (most texts have none, so the whole text is scanned).
_DELETABLE = re.compile("[" + re.escape(DIACRITICS + TATWEEL) + "]+")


class _Unmapped(Exception):
    pass


def _refuse(exc):
    raise _Unmapped


codecs.register_error("tadqiq-unmapped", _refuse)

# str.translate with a dict costs ~150 ns per non-ASCII character, which made folding alone
# slower than grep over a whole corpus. Arabic news uses a small alphabet, so a text is encoded
# into a private one-byte code page (ASCII, the Arabic block's letters, marks, digits and
# punctuation, the Persian and Kurdish letters wire copy carries, and the quotes, dashes and
# invisible marks around them), translated as bytes and decoded: three C loops. A text holding
# any other character takes str.translate instead. The line and metric kinds read the same bytes
# with bytes.count and the re module (stats.code_page_bytes), at offsets that are the text's own.
# 256 characters at most: the Arabic block's rarest signs (؎ ؏ ؝ and ػ ؼ ؽ) are left out.
CODE_PAGE = "".join(map(chr, range(128))) + "".join(dict.fromkeys(
    [chr(c) for c in (0x060C, 0x060D, *range(0x0610, 0x061D), *range(0x061E, 0x063B), *range(0x063E, 0x0671))]
    + list("ٱٲٳکگیپچژڤڨەھۀېےۆ«»\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
           "\u200b\u200c\u200d\u200e\u200f\u2029")
))
_CODE_PAGE_ENCODER = codecs.charmap_build(CODE_PAGE)
_BYTE_OF = {ch: i for i, ch in enumerate(CODE_PAGE)}


class Translator:
    """str.translate for a table of one-character substitutions and deletions, run as bytes."""

    __slots__ = ("_bytes_table", "_delete", "table")

    def __init__(self, table: dict):
        self.table = table
        mapping, delete = bytearray(range(len(CODE_PAGE))), bytearray()
        for source, target in table.items():
            if chr(source) not in _BYTE_OF:
                continue
            if target is None:
                delete.append(_BYTE_OF[chr(source)])
            elif target in _BYTE_OF:
                mapping[_BYTE_OF[chr(source)]] = _BYTE_OF[target]
            else:  # a target outside the code page: only the slow path can produce it
                mapping = None
                break
        self._bytes_table = bytes(mapping) + bytes(256 - len(mapping)) if mapping is not None else None
        self._delete = bytes(delete)

    def __call__(self, text: str) -> str:
        if self._bytes_table is None or text.isascii():
            return text.translate(self.table)
        try:
            encoded = codecs.charmap_encode(text, "tadqiq-unmapped", _CODE_PAGE_ENCODER)[0]
        except _Unmapped:
            return text.translate(self.table)
        return codecs.charmap_decode(encoded.translate(self._bytes_table, self._delete), "strict", CODE_PAGE)[0]


_fold = Translator(FOLD_TABLE)
_strip = Translator(STRIP_TABLE)
_TRANSLATORS = {id(FOLD_TABLE): _fold, id(STRIP_TABLE): _strip}


_word_gaps = None  # code-page byte table: Arabic word characters kept, every other character a space


def arabic_word_texts(text: str) -> list[str]:
    """The texts of the Arabic tokens, in order: AR_WORD.findall(text), three times faster. In the
    private code page every byte that is no Arabic word character becomes a space, and str.split()
    cuts the rest: C loops only. A text holding a character outside the code page takes findall."""
    global _word_gaps
    if _word_gaps is None:
        _word_gaps = bytes(i if _AR_WORD_CHAR.fullmatch(ch) else 32 for i, ch in enumerate(CODE_PAGE)) + bytes(
            [32] * (256 - len(CODE_PAGE)))
    try:
        encoded = codecs.charmap_encode(text, "tadqiq-unmapped", _CODE_PAGE_ENCODER)[0]
    except _Unmapped:
        return AR_WORD.findall(text)
    return codecs.charmap_decode(encoded.translate(_word_gaps), "strict", CODE_PAGE)[0].split()


def count_word(text: str, word: str) -> int:
    """Occurrences of `word` (Arabic letters) in `text` as a whole Arabic word: one str.find per
    occurrence of it, so ask it of a few words, not of every word."""
    count, size, end_of_text = 0, len(word), len(text)
    start = text.find(word)
    while start != -1:
        end = start + size
        if (start == 0 or not is_arabic_word_char(text[start - 1])) and (
                end == end_of_text or not is_arabic_word_char(text[end])):
            count += 1
        start = text.find(word, start + 1)
    return count


def has_marks(text: str) -> bool:
    """Does the text hold a diacritic or a tatweel anywhere?"""
    return _DELETABLE.search(text) is not None


class WordMemo(dict):
    """A per-run memo for one per-word question: ``memo[word]`` answers it, computing the answer
    only the first time a word is asked (a C-level dict probe afterwards, cheaper than any
    Python call). A corpus has a few tens of thousands of distinct words against a million
    tokens, so asking once per distinct word removes almost all the per-word work. The memo is
    bounded: past `maxsize` answers it starts afresh, so a dump of junk cannot grow it for ever.

        is_name = WordMemo(lambda word: ...)        # at import or compile time, once
        flagged = [w for w in doc.arabic_words if is_name[w]]
    """

    __slots__ = ("_answer", "_maxsize")

    def __init__(self, answer, maxsize: int = 1 << 16):
        super().__init__()
        self._answer, self._maxsize = answer, maxsize

    def __missing__(self, word):
        if len(self) >= self._maxsize:
            self.clear()
        value = self[word] = self._answer(word)
        return value

    def __reduce__(self):
        # Pickled (into the pack cache, or to a worker) as the question, without the answers.
        return type(self), (self._answer, self._maxsize)


class WordTable:
    """Per-run answers to a per-word question that most words have no answer to (is it unknown to
    the word list? a name of the facts base?). A document's words are looked up in one C-level
    pass (`map` over the table's `get`); the words never met are answered in one batch, and the
    words with an answer are picked out by `compress`, so Python touches only those. A document
    costs one probe per distinct word (a large table is out of the processor's cache between
    documents: each probe is a cache miss, so one pass, not two), never a Python step per word it
    shares with earlier ones. Answers are truthy. Bounded: past `maxsize` words met it starts
    afresh (and calls `on_clear`, for an index kept beside it).

        unknown = WordTable(lambda new: {w: ... for w in new if ...})
        for word, answer in unknown.of(doc.arabic_words.keys()).items():  # in the words' order
            ...
    """

    __slots__ = ("_answer_new", "_maxsize", "_on_clear", "_table")

    def __init__(self, answer_new, maxsize: int = 1 << 17, on_clear=None):
        # answer_new(set of words never met) -> {word: answer} for those that have an answer.
        self._answer_new, self._maxsize, self._on_clear = answer_new, maxsize, on_clear
        self._table: dict = {}  # every word met -> its answer, or False

    def of(self, words) -> dict:
        """{word: answer} for those of `words` (a set, or a dict's keys) that have an answer."""
        table = self._table
        answers = list(map(table.get, words))
        if None in answers:  # words never met
            new = set(compress(words, map(is_, answers, repeat(None))))
            if len(table) + len(new) > self._maxsize:
                self.clear()
                new = set(words)
            table.update(dict.fromkeys(new, False))
            table.update(self._answer_new(new))
            answers = list(map(table.get, words))
        return {word: table[word] for word in compress(words, answers)}

    def clear(self) -> None:
        self._table.clear()
        if self._on_clear is not None:
            self._on_clear()

    def __reduce__(self):
        return type(self), (self._answer_new, self._maxsize, self._on_clear)


class _ShortTextMemo(WordMemo):
    """A WordMemo that keeps answers for words only: a long text (a line, a chunk) is answered
    without being kept, so the memo's size stays bounded in bytes as well as in entries."""

    __slots__ = ()

    def __missing__(self, text):
        if len(text) > _SHORT:
            return self._answer(text)
        return WordMemo.__missing__(self, text)


# Rules fold word after word, and words repeat: a memo answers a short text in a tenth of the time,
# and calling the memo's own __getitem__ (a C method) skips a Python-level call per word.
_SHORT = 32


def _strip_word(word: str) -> str:
    if len(word) > _SHORT:
        return _strip(word)
    # No offsets are needed for a word, so pyarabic strips it; most words carry no marks at all,
    # and one C-level search answers those.
    return araby.strip_tatweel(araby.strip_diacritics(word)) if _DELETABLE.search(word) else word


# fold(text): the loose matching key: no diacritics or tatweel; hamza carriers, alef forms, ى/ي,
# ة/ه merged.
fold = _ShortTextMemo(_fold, 1 << 16).__getitem__
# strip_marks(text): diacritics and tatweel removed, hamza kept, so hamza slips remain visible.
strip_marks = _ShortTextMemo(_strip_word, 1 << 16).__getitem__


def _fold_bare(word: str) -> str:
    return _fold(_strip(word))


# Per-run memos for the commonest per-word questions.
folded_word = WordMemo(_fold)  # fold(word)
bare_word = WordMemo(_strip_word)  # strip_marks(word)
folded_bare_word = WordMemo(_fold_bare)  # fold(strip_marks(word)): the usual look-up key


class NormalizedView:
    """A normalised copy of a text whose spans map back to the original.

    Normalisation only substitutes one character for one or deletes characters, so the map is a
    sorted list of deletion runs: (position in the normalised text, characters deleted so far).
    Memory grows with the number of deletion runs, not with the text.
    """

    __slots__ = ("_run_cum", "_run_pos", "original", "text")

    def __init__(self, original: str, table: dict):
        self.original = original
        if table is STRIP_TABLE and not _DELETABLE.search(original):
            self.text = original  # most news copy has no diacritics or tatweel to strip
        else:
            translator = _TRANSLATORS.get(id(table))
            self.text = translator(original) if translator else original.translate(table)
        run_pos, run_cum, deleted = [], [], 0
        if len(self.text) != len(original):
            for m in _DELETABLE.finditer(original):
                run_pos.append(m.start() - deleted)
                deleted += m.end() - m.start()
                run_cum.append(deleted)
        self._run_pos, self._run_cum = run_pos, run_cum

    def to_original(self, pos: int) -> int:
        """Original offset of the normalised character at ``pos`` (or the text end).

        Deleted characters (diacritics, tatweel) belong to the letter before them, so a span
        [start, end) mapped with this function covers a word's trailing marks and not its
        predecessor's."""
        i = bisect.bisect_right(self._run_pos, pos) - 1
        return pos + (self._run_cum[i] if i >= 0 else 0) if pos < len(self.text) else len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start == end:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    script: str  # "ar", "lat" or "num"


_new_token = partial(tuple.__new__, Token)


def tokenize(text: str) -> list[Token]:
    # A corpus has about a million tokens: build each with tuple.__new__, skipping the Python-level
    # constructor (a dataclass cost three times as much as the regex scan itself).
    return [_new_token((m.group(), *m.span(), m.lastgroup)) for m in _TOKEN.finditer(text)]


# Proclitics, longest first: conjunction (و ف), then preposition (ب ك ل), then the article.
# "لل" is ل + ال with the article's alef dropped, as Arabic spells it.
_PROCLITIC = rx(r"^(?:[وف])?(?:[بك]?ال|لل|[بكل])?")
PROCLITIC_PATTERN = r"(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
# Every non-empty proclitic sequence that grammar allows, spelled out (23): a conjunction, then a
# preposition, the article, or both.
PROCLITICS = tuple(conj + rest for conj in ("", "و", "ف") for rest in ("", "ال", "بال", "كال", "لل", "ب", "ك", "ل")
                   if conj + rest)


def clitic_splits(word: str, min_stem: int = 2) -> list[tuple[str, str]]:
    """Possible (proclitics, stem) readings of a word, longest proclitic first, ending with the
    whole word. Arabic is ambiguous here (بلاد is not ب+لاد), so callers try each reading."""
    out = []
    match = _PROCLITIC.match(word)
    prefix = match.group() if match else ""
    # Try every shorter prefix too: "والد" must also be read as the word itself.
    for cut in range(len(prefix), -1, -1):
        pre, stem = word[:cut], word[cut:]
        if len(stem) >= min_stem and _PROCLITIC.fullmatch(pre):
            out.append((pre, stem))
    return out or [("", word)]


clitic_readings = WordMemo(clitic_splits)  # per-run memo of clitic_splits(word)


# Sentence ends: a run of terminators, optional closing quotes or brackets, then space or end; a
# full stop after a number ends a sentence when a space follows ("في 1987. و"). Copy also glues the
# next sentence on ("مدرسة.وأنه", "الإعلام..وقال"): a terminator between two words of two letters
# or more is an end too, unless it is a site name's dot ("العربية.نت"). A full stop between digits
# (3.5) or in an abbreviation of single letters (أ.ف.ب) is not an end.
_SENTENCE_END = rx(
    r"(?:(?<!\d)\.(?!\d)|(?<=\d)\.(?=\s)|[؟?!؛…])+[»”\"’')\]]*(?=\s|$)"
    r"|(?<=[\u0621-\u064A]{2})(?:\.+|[؟!؛…]+)(?=[\u0621-\u064A]{2})(?!(?:نت|كوم|أورغ|اورغ|إنفو|انفو)(?![\p{L}\p{M}]))"
    r"|(?:\r\n|\r|\n)\s*")
_BLANK_LINES = rx(r"(?:\r\n|\r|\n)[ \t\u00a0]*(?:\r\n|\r|\n)(?:[ \t\u00a0]*(?:\r\n|\r|\n))*")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _spans(text: str, separators, keep_separator: bool) -> list[tuple[int, int]]:
    """Trimmed spans between separator matches; a sentence keeps its terminator, a paragraph does
    not keep the blank lines after it."""
    out, start = [], 0
    for m in separators.finditer(text):
        span = _trimmed(text, start, m.end() if keep_separator else m.start())
        if span:
            out.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span:
        out.append(span)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split on . ؟ ! ? ؛ … and at line ends; whitespace is trimmed."""
    return _spans(text, _SENTENCE_END, keep_separator=True)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: runs of text separated by one or more blank lines."""
    return _spans(text, _BLANK_LINES, keep_separator=False)


# --- Transliteration of Latin names into Arabic letters (a suggestion, never an automatic fix) ----

_DIGRAPHS = {"sh": "ش", "ch": "تش", "kh": "خ", "th": "ث", "ph": "ف", "gh": "غ", "ou": "و", "oo": "و", "ee": "ي",
             "ck": "ك", "dj": "ج", "zh": "ج"}
_CONSONANTS = {"b": "ب", "c": "ك", "ç": "تش", "d": "د", "f": "ف", "g": "غ", "ğ": "غ", "h": "ه", "j": "ج", "k": "ك",
               "l": "ل", "m": "م", "n": "ن", "p": "ب", "q": "ك", "r": "ر", "s": "س", "ş": "ش", "ș": "ش", "t": "ت",
               "ţ": "ت", "ț": "ت", "v": "ف", "w": "و", "x": "كس", "y": "ي", "z": "ز", "ž": "ج", "š": "ش", "č": "تش",
               "ć": "تش", "ł": "ل", "ñ": "ني", "ß": "س", "ř": "رج", "đ": "د"}
# Vowels: long-vowel letters where Arabic writes them; a medial e and a are often unwritten.
_INITIAL = {"a": "آ", "e": "إ", "i": "إي", "ı": "إ", "o": "أو", "u": "أو", "ö": "أو", "ü": "أو", "é": "إي", "è": "إ"}
_MEDIAL = {"a": "ا", "e": "", "i": "ي", "ı": "ي", "o": "و", "u": "و", "ö": "و", "ü": "و", "é": "ي", "è": "ي",
           "á": "ا", "à": "ا", "â": "ا", "í": "ي", "ó": "و", "ò": "و", "ô": "و", "ú": "و", "ã": "ا", "õ": "و",
           "ä": "ي", "ë": "ي", "ï": "ي", "å": "و", "ø": "و", "æ": "ا", "œ": "و", "y": "ي"}
_FINAL = {**_MEDIAL, "a": "ا", "e": "ه", "i": "ي", "ı": "ي", "o": "و", "u": "و"}
_TURKISH = set("çşğıİöü")


def transliterate(name: str) -> str:
    """A plausible Arabic spelling of a Latin-script name, for suggestions: Keçeli -> كتشلي,
    Öncü -> أونجو. Turkish c is ج; elsewhere c is ك."""
    turkish = any(ch in _TURKISH for ch in name)
    out = []
    for word in name.split():
        word = word.replace("İ", "i").lower()
        letters, i, arabic = [], 0, []
        while i < len(word):
            ch = word[i]
            pair = word[i : i + 2]
            if pair in _DIGRAPHS and not (turkish and pair in ("ch", "sh")):
                arabic.append(_DIGRAPHS[pair])
                i += 2
                continue
            if ch in _INITIAL and i == 0:
                arabic.append(_INITIAL[ch])
            elif ch in _MEDIAL and i == len(word) - 1:
                arabic.append(_FINAL.get(ch, ""))
            elif ch in _MEDIAL and ch != "y":
                arabic.append(_MEDIAL[ch])
            elif ch == "c" and turkish:
                arabic.append("ج")
            elif ch in _CONSONANTS:
                arabic.append(_CONSONANTS[ch])
            elif ch.isalpha():
                arabic.append(_CONSONANTS.get(_base_letter(ch), ""))
            i += 1
        letters = "".join(arabic)
        if letters:
            out.append(letters)
    return " ".join(out)


def _base_letter(ch: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", ch)[0]
