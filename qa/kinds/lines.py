"""Kind `line-classifier`: which lines of a scraped page are page furniture, from the text alone.

A naive scraper writes one line per block element, so a news page arrives as its article
surrounded by menus, lists of other stories, banners and footers. After jusText and Kohlschütter
et al., "Boilerplate detection using shallow text features" (WSDM 2010), shallow features of a
line and of its neighbours separate the two with no HTML:

1. Per line (one scan of its words, each distinct word asked once): its words, the share of Arabic function words
   (stop-word list, pack data), sentence-final punctuation, digits, dates and times, Latin-only
   text, separators (| · » /), UI vocabulary from the furniture lexicon, its position.
2. A first label: bad (proven furniture), good (prose), near-good (a short sentence), headline
   (a few words with no sentence end) or short.
3. The article's body: the densest run of good lines (a maximum-sum run over the page, good lines
   weighing their words, others a small cost), so an inline box between paragraphs stays inside
   it while menus and lists around it do not. The article's title is the headline-like line
   just before that run; it and every body paragraph are never flagged.
   Before it is looked for, repeated patterns of other stories lose their weight as prose:
   teaser cards (a headline, a sentence restating it, a date or a box heading) and readers'
   comments (a sentence under a timestamp under a name).
4. Context: outside the body, short lines take the class of their block (a menu is furniture as
   a whole) and headline-like lines in a list are related or most-read lists; inside it, a
   related heading («قصص مقترحة») opens a box that runs until the next paragraph.

Classes, each reported by its own rule:

  furniture    mostly known UI strings, a masthead title, or opening with a byline phrase
  breadcrumb   a short line of segments joined by » / > | or section names glued together
  ticker       a long line of headline fragments joined by ".."
  context      a short non-sentence line between two furniture lines
  menu         a run of short lines outside the body, or a line of items split by | · • /
  headline-list  headlines of other stories: in a list outside the body, in a box opened by a
               related heading, or glued to their date
  page-title   the page's <title> ("Headline - Site"), when the headline itself follows
  site-notice  a sentence of the site to its reader (cookies, comment policy, newsletter, app)
  outside      any other line outside the body that is not prose: dates, credits, Latin labels,
               stray words between blocks

Losing body text is worse than keeping furniture, so every threshold leans to keeping: a prose
line outside the body stays unless something else proves it furniture, and a page with too
little prose to find a body gets only the line-by-line classes.
"""

from __future__ import annotations

import codecs
import functools
import operator
from itertools import compress
from dataclasses import dataclass

import regex

from ..rxcache import compile as rx
from ..stats import CODE_PAGE, code_page_bytes

from ..arabic import AR_WORD, AR_WORD_CHAR, LATIN_WORD, WordMemo, fold, is_arabic_word_char
from . import Hit, ParamError
from ._util import check_params, expect

PARAMS = {
    "report": "classes this rule reports: a list drawn from " + ", ".join(
        ("furniture", "breadcrumb", "ticker", "context", "menu", "headline-list", "page-title", "site-notice", "outside")),
    "furniture": "path (relative to the pack) of the furniture lexicon: categories of phrases, and notices",
    "stopwords": "path of the stopword list used for the stopword density",
    "max_words": "longest line, in words, that can be furniture or a breadcrumb (default 16)",
    "coverage": "share of a line's words that furniture phrases must cover (default 0.7)",
    "short_words": "longest line, in words, that the context pass may reclassify (default 6)",
    "max_stopword_density": "a short line with more stopwords than this reads as prose (default 0.34)",
    "ticker_min_words": "shortest line, in words, that can be a ticker (default 20)",
    "ticker_min_separators": "fewest '..' joins a ticker has (default 3)",
    "good_words": "fewest words of a prose line that ends a sentence (default 10)",
    "good_density": "least stop-word share of a prose line (default 0.12)",
    "min_body_words": "fewest words of prose a page needs before a body is looked for (default 25)",
}
CLASSES = ("furniture", "breadcrumb", "ticker", "context", "menu", "headline-list", "page-title", "site-notice", "outside")
# The line-by-line classes, decided before the body is looked for.
_LOCAL = ("furniture", "breadcrumb", "ticker", "context", "furniture-symbols")

# What ends a line that is a sentence (then only spaces): the line classifier's `sentence`.
_TERMINAL_CHARS = ".؟?!:»\"”)"
# A sentence end: a full stop, ! or … (then closing quotes or brackets). A question mark ends a
# sentence only on a long line: a short one ending in ؟ is usually a headline.
_SENTENCE_END = rx(r"[.!…:؛][»”\"'’)\]]*\s*$")
_QUESTION_END = rx(r"[؟?][»”\"'’)\]]*\s*$")
_CLOSERS = "»”\"'’)]"  # the closing quotes and brackets of _SENTENCE_END and _QUESTION_END
# Two sentences run together on one line («الأسبوع.أنا في»): headlines are one sentence at most.
_INNER_END = rx(r"\p{Arabic}{2}[.!؟?]\p{Arabic}{3}")
_SEPARATORS = rx(r"\s(?:»|›|>|/|\||::)\s|\s[»›]")
# Items of a menu or footer on one line: "من نحن | اتصل بنا | سياسة الخصوصية".
_MENU_SPLIT = rx(r"\s*(?:\||·|•|◄|►|▪|/|\\|–|-)\s+|\s+(?:\||·|•|/|–|-)\s*")
_TITLE_SPLIT = rx(r"\s+(?:[-–—|:«»]|::)\s+")
_TICKER_JOIN = rx(r"(?<!\.)\.\.(?!\.)|…")
_DIGITS_SYMBOLS = rx(r"[\p{N}\p{S}\p{P}]")
_COPYRIGHT = rx(r"©|\(c\)|ⓒ|℗", regex.IGNORECASE)
# A time, a relative time, or a weekday: what CMS stamps and list entries carry.
_TIME = rx(r"(?<!\d)[0-2]?\d:[0-5]\d(?!\d)|(?:منذ|قبل)\s+(?:\d+\s+)?(?:ثانية|ثوان|دقيقة|دقيقتين|دقائق|ساعة|ساعتين|ساعات|يوم|يومين|أيام)")
_PROCLITIC = ("و", "ف", "ب", "ل")


# Every full date parse_date reads has a four-digit year (direction marks may sit between digits).
_has_year_digits = rx(r"\d[\u200e\u200f]*\d[\u200e\u200f]*\d[\u200e\u200f]*\d").search


# A photo caption's credit at the end of a short line: "(رويترز)", "- أرشيفية", "- الصورة من د ب أ".
_BRACKET_TAIL = rx(r"[(\[]([^()\[\]]{1,40})[)\]]\s*$")
_DASH_TAIL = rx(r"\s[-–—]\s+([^-–—]{1,40})$")
_SYMBOLS_ONLY = rx(r"[\p{S}\s]+")
_ARABIC = rx(r"\p{Arabic}")
_CAPTION_LABELS = frozenset(("الصوره", "صوره", "مصدر", "المصدر", "تصوير"))


@dataclass
class Category:
    key: str
    label_ar: str
    label_en: str
    match: str  # whole, contains, starts or section


@dataclass
class State:
    report: frozenset
    phrases: dict  # first folded word -> list of (tuple of folded words, Category), longest first
    stopwords: frozenset
    notice_terms: dict  # first folded word -> list of tuples of folded words
    notice_address: frozenset
    max_words: int
    coverage: float
    short_words: int
    max_stopword_density: float
    ticker_min_words: int
    ticker_min_separators: int
    good_words: int
    good_density: float
    min_body_words: int
    key: str
    credits: frozenset = frozenset()  # folded words of photo and wire credits (agencies, «أرشيفية»)
    is_stopword: object = None  # word -> bool; not memoised: only word_marks and content_stem ask, once per word
    content_stem: WordMemo = None  # a content word's stem, None for a stop word or a short word
    may_open_phrase: WordMemo = None  # does a furniture phrase start at this word (or after its proclitic)?
    may_address: object = None  # could this word open a notice's address (or after و or ف)? Asked through word_marks
    word_marks: WordMemo = None  # 1 for a stop word, plus _ADDRESS for a word may_address takes
    glue_short_words: frozenset = frozenset()  # the evidence's short words, for splitting glued words


_WORDS = rx(r"[\p{L}\p{M}]+")


def _norm_words(text: str) -> list[str]:
    # Only for the lexicon's own phrases, once per run; articles are read through doc.tokens.
    return [fold(w).lower() for w in _WORDS.findall(text)]


def _load_words(env, params, key):
    raw = env.load_yaml(env.pack_dir / expect(params, key, str))
    words = raw.get("words") if isinstance(raw, dict) else raw
    if not isinstance(words, list):
        raise ParamError(key, f"the {key} file holds a list (or a mapping with 'words')")
    return frozenset(fold(str(w)) for w in words)


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
        if not isinstance(spec, dict) or spec.get("match") not in ("whole", "contains", "starts", "section") \
                or not isinstance(spec.get("phrases"), list):
            raise ParamError("furniture", f"category {key!r} needs label_ar, label_en, match (whole, contains, starts "
                             "or section) and phrases", getattr(spec, "line", None), path=furniture_path)
        category = Category(key, spec.get("label_ar", key), spec.get("label_en", key), spec["match"])
        for phrase in spec["phrases"]:
            words = tuple(_norm_words(str(phrase)))
            if words:
                phrases.setdefault(words[0], []).append((words, category))
    for options in phrases.values():
        options.sort(key=lambda item: -len(item[0]))
    notices = data.get("notices") or {}
    if not isinstance(notices, dict) or not isinstance(notices.get("terms", []), list) \
            or not isinstance(notices.get("address", []), list):
        raise ParamError("furniture", "'notices' holds two lists, terms and address", path=furniture_path)
    notice_terms: dict = {}
    for term in notices.get("terms", []):
        words = tuple(_norm_words(str(term)))
        if words:
            notice_terms.setdefault(words[0], []).append(words)
    notice_address = frozenset(w for a in notices.get("address", []) for w in _norm_words(str(a))[:1])
    stopwords = _load_words(env, params, "stopwords") if "stopwords" in params else frozenset()
    state = State(
        frozenset(report), phrases, stopwords, notice_terms, notice_address,
        expect(params, "max_words", int, 16), float(expect(params, "coverage", (int, float), 0.7)),
        expect(params, "short_words", int, 6), float(expect(params, "max_stopword_density", (int, float), 0.34)),
        expect(params, "ticker_min_words", int, 20), expect(params, "ticker_min_separators", int, 3),
        expect(params, "good_words", int, 10), float(expect(params, "good_density", (int, float), 0.12)),
        expect(params, "min_body_words", int, 25),
        key="",
    )
    state.is_stopword = functools.partial(_stopword_answer, stopwords)
    state.content_stem = WordMemo(functools.partial(_content_stem, state.is_stopword))
    state.may_open_phrase = WordMemo(functools.partial(_may_open_phrase, phrases))
    state.may_address = functools.partial(_may_address, notice_address)
    state.word_marks = WordMemo(functools.partial(_word_marks, state.is_stopword, state.may_address))
    from .wordlist import default_evidence

    state.glue_short_words = default_evidence(env).short_words
    credits = data.get("credits") or []
    if not isinstance(credits, list):
        raise ParamError("furniture", "'credits' is a list of photo and wire credits", path=furniture_path)
    state.credits = frozenset(w for c in credits for w in _norm_words(str(c)))
    # Rules with the same data and thresholds share one classification per document.
    state.key = "|".join(map(str, (furniture_path, params.get("stopwords"), state.max_words, state.coverage,
                                   state.short_words, state.max_stopword_density, state.ticker_min_words,
                                   state.ticker_min_separators, state.good_words, state.good_density,
                                   state.min_body_words)))
    return state


class LineInfo:
    """One non-blank line and what the classifier learns of it. A plain class with class-level
    defaults: a page has hundreds of lines, and most keep most defaults. Features that only some
    passes read (a date, section names, menu items) are worked out on first use."""

    klass = "body"
    reason_ar = ""
    reason_en = ""
    sentence = False
    stopword_density = 0.0
    label = "short"  # first label: bad, good, near, headline or short
    ends = False  # ends a sentence (full stop, !, …, :, ؛, closing quotes or brackets after it)
    question = False  # ends with a question mark
    notice = False
    title = False
    in_body = False
    article = False  # article text no repetition can remove: a paragraph, a subheading in the body
    content = frozenset()  # stems of its content words
    card = False  # another story's teaser card: its summary
    card_head = False  # and its headline
    comment = False  # a reader's comment
    # Set by the local pass on the lines that reach it: None until worked out, 0 for the others.
    _section = 0.0
    _menu_items = 0
    _phrases = None

    def __init__(self, start: int, end: int, text: str, words: list):
        self.start, self.end, self.text, self.words = start, end, text, words
        self.n = len(words)
        self._dated = None

    @property
    def prose(self) -> bool:
        return self.label in ("good", "near")

    @property
    def arabic(self) -> int:
        """How many of its words are Arabic (asked of title candidates only: the line is read again)."""
        return sum(map(_arabic_run.__getitem__, _LINE_WORD.findall(self.text)))

    @property
    def has_arabic(self) -> bool:
        # Every Arabic word character belongs to an Arabic run: one search, stopped at the first.
        return _AR_CHAR.search(self.text) is not None

    @property
    def dated(self) -> bool:
        """Holds a full date or a time."""
        if self._dated is None:
            self._dated = _is_dated(self.text)
        return self._dated

    @property
    def section(self) -> float:
        """Share of words that are section names."""
        if self._section is None:
            self._section = _section_share(self.words, self._phrases)
        return self._section

    @property
    def menu_items(self) -> int:
        if self._menu_items is None:
            self._menu_items = _menu_items(self.text)
        return self._menu_items


def _is_dated(text: str) -> bool:
    from ..dating import parse_date

    # Every _TIME match holds a colon or one of its two opening words, and every full date
    # parse_date reads has a four-digit year: C-level tests skip the regexes on most lines.
    if (":" in text or "منذ" in text or "قبل" in text) and _TIME.search(text):
        return True
    return bool(_has_year_digits(text)) and parse_date(text) is not None


def _match_phrases(words: list[str], state: State):
    """Greedy longest-first phrase matching over a line's words. Returns (words covered by UI
    phrases, [(index, category)]); section names are matched but do not count as UI."""
    covered, found, i = 0, [], 0
    # Only the words a phrase can open are tried (one memo probe per word, in C); the others
    # would each just move on by one.
    for k in compress(range(len(words)), map(state.may_open_phrase.__getitem__, words)):
        if k < i:
            continue
        word = words[k]
        candidates = state.phrases.get(word, [])
        if not candidates and len(word) > 2 and word[0] in _PROCLITIC:
            candidates = state.phrases.get(word[1:], [])
            word = word[1:]
        matched = None
        for phrase, category in candidates:
            if tuple([word] + words[k + 1 : k + len(phrase)]) == phrase:
                matched = (phrase, category)
                break
        if matched:
            if matched[1].match != "section":
                covered += len(matched[0])
            found.append((k, matched[1]))
            i = k + len(matched[0])
        else:
            i = k + 1
    return covered, found


def _has_notice(words: list[str], state: State) -> bool:
    # Asked only of a line whose word marks count a word a notice addresses (most lines hold none).
    for i, word in enumerate(words):
        for candidate in (word, word[1:] if len(word) > 3 and word[0] in _PROCLITIC else None):
            for term in state.notice_terms.get(candidate, ()):
                if tuple([candidate] + words[i + 1 : i + len(term)]) == term:
                    return True
    return False


# A line's sum of word marks counts its stop words below _ADDRESS and its address words above it:
# both from one memo probe per word.
_ADDRESS = 1 << 40


def _word_marks(is_stopword, may_address, word: str) -> int:
    return is_stopword(word) + (_ADDRESS if may_address(word) else 0)


def _may_address(address: frozenset, word: str) -> bool:
    return word in address or (len(word) > 3 and word[0] in "وف" and word[1:] in address)


# A line's words in text order (the Arabic and Latin runs of qa.arabic's tokens, numbers left
# out): one C-level scan per line instead of building a Token per word.
_LINE_WORD = rx(AR_WORD.pattern + "|" + LATIN_WORD.pattern, regex.V1)
# fold(word).lower(), once per distinct word.
_folded_lower = WordMemo(lambda word: _lower(fold(word)))
# Is a run of _LINE_WORD an Arabic one? The two scripts' letters are disjoint, so its first
# character tells.
_arabic_run = WordMemo(lambda word: is_arabic_word_char(word[0]))
_AR_CHAR = rx(AR_WORD_CHAR, regex.V1)
_LATIN_CHAR = rx(r"[\p{L}\p{M}--\p{scx=Arabic}]", regex.V1)
# A word read as CODE_PAGE bytes -> fold(word).lower().
_folded_lower_bytes = WordMemo(lambda run: _lower(fold(codecs.charmap_decode(run, "strict", CODE_PAGE)[0])))


def _lower(folded: str) -> str:
    # str.lower() makes a new string even when nothing changes: keep the fold memo's own string
    # instead, so the two memos share it (tens of thousands of words in a run).
    lowered = folded.lower()
    return folded if lowered == folded else lowered


def _line_words(doc):
    """(start, end, stripped text, [folded words]) per non-blank line. Each
    distinct word is folded once. A text in the code page is scanned as bytes with the re module,
    twice as fast as the regex module on the text; its words come out as bytes, each folded once."""
    encoded = code_page_bytes(doc)
    if encoded is None:
        fold_word, find_runs = _folded_lower.__getitem__, _LINE_WORD.findall
    else:
        fold_word, find_runs = _folded_lower_bytes.__getitem__, _line_word_bytes().findall
    for start, segment in _segments(doc):
        stripped = segment.strip()
        if not stripped:
            continue
        start += len(segment) - len(segment.lstrip())
        end = start + len(stripped)
        runs = find_runs(stripped) if encoded is None else find_runs(encoded, start, end)
        yield start, end, stripped, list(map(fold_word, runs))


_LINE_WORD_BYTES = None


def _line_word_bytes():
    """_LINE_WORD over CODE_PAGE bytes: its three character classes spelt out byte by byte."""
    global _LINE_WORD_BYTES
    if _LINE_WORD_BYTES is None:
        import re

        def byte_class(test) -> bytes:
            return b"[" + b"".join(re.escape(bytes([i])) for i, ch in enumerate(CODE_PAGE) if test(ch)) + b"]"

        arabic, latin = byte_class(_AR_CHAR.fullmatch), byte_class(_LATIN_CHAR.fullmatch)
        joiner = byte_class(lambda ch: ch in "'’-")
        _LINE_WORD_BYTES = re.compile(arabic + b"+|" + latin + b"+(?:" + joiner + latin + b"+)*")
    return _LINE_WORD_BYTES




def _segments(doc):
    """(start, text) of each line of Document.lines, without its line break. A text with no "\r"
    is cut with one str.split instead of a Line object per line."""
    text = doc.text
    if "\r" in text:
        for line in doc.lines:
            yield line.start, text[line.start : line.end]
        return
    start = 0
    for segment in text.split("\n"):
        yield start, segment
        start += len(segment) + 1


_CLITICS = rx(r"^(?:[وف])?(?:[بكل])?(?:ال|لل)?")


def _stem_word(word: str) -> str:
    """A word without its proclitics and article, for comparing vocabulary between lines."""
    cut = _CLITICS.match(word).end()
    return word[cut:] if len(word) - cut >= 3 else word


def _stopword_answer(stopwords: frozenset, word: str) -> bool:
    return word in stopwords or (len(word) > 2 and word[0] in "وف" and word[1:] in stopwords)


def _content_stem(is_stopword, word: str):
    return _stem_word(word) if len(word) > 2 and not is_stopword(word) else None


def _may_open_phrase(phrases: dict, word: str) -> bool:
    # The candidates _match_phrases looks up for a word.
    return word in phrases or (len(word) > 2 and word[0] in _PROCLITIC and word[1:] in phrases)


# A word's stem is asked through state.content_stem, a per-run memo (qa.arabic.WordMemo) on the
# State, since whether a word is a stop word depends on the pack's list.


def classify(doc, state: State) -> list[LineInfo]:
    cache_key = ("line-classifier", state.key)
    if cache_key in doc.cache:
        return doc.cache[cache_key]
    from ..wordlist import is_known
    from .wordlist import split_glued

    def glued(token: str) -> bool:
        return not is_known(token) and split_glued(token, state.glue_short_words) is not None

    infos = []
    word_marks, content_stem = state.word_marks.__getitem__, state.content_stem
    for start, end, stripped, words in _line_words(doc):
        info = LineInfo(start, end, stripped, words)
        infos.append(info)
        # The stripped line ends in no whitespace: what ends it is its last character.
        info.sentence = stripped[-1] in _TERMINAL_CHARS
        n = info.n
        if n:
            marks = sum(map(word_marks, words))
            info.stopword_density = marks % _ADDRESS / n
            content = info.content = set(map(content_stem.__getitem__, words))
            content.discard(None)
        _first_label(info, stripped, state)
        if n == 0:
            # Only digits and symbols: a counter or a divider, never prose.
            if _DIGITS_SYMBOLS.search(stripped):
                info.klass = "furniture-symbols"
            continue
        if (n >= state.ticker_min_words and not info.sentence
                and len(_TICKER_JOIN.findall(stripped)) >= state.ticker_min_separators):
            info.klass, info.reason_ar, info.reason_en = "ticker", "شريط عناوين", "ticker of headlines"
            continue
        info._section, info._phrases = None, state.phrases  # worked out if a pass asks
        if n <= state.max_words and not info.ends and _COPYRIGHT.search(stripped):
            _set(info, "furniture", "حقوق النشر", "copyright line")
            info.label = "bad"
            continue
        if n <= 20 and _is_caption(stripped, words, state):
            _set(info, "furniture", "تعليق صورة أو مصدرها", "photo caption or credit")
            info.label = "bad"
            continue
        if n <= state.max_words:
            covered, found = _match_phrases(words, state)
            whole = [c for _, c in found if c.match == "whole"]
            if whole and covered / n >= state.coverage:
                info.klass, info.reason_ar, info.reason_en = "furniture", whole[0].label_ar, whole[0].label_en
                info.label = "bad"
                continue
            anchored = [c for i, c in found if c.match == "contains" or (c.match == "starts" and i == 0)]
            if anchored and not info.sentence:
                info.klass, info.reason_ar, info.reason_en = "furniture", anchored[0].label_ar, anchored[0].label_en
                info.label = "bad"
                continue
            if n <= state.short_words and (len(_SEPARATORS.findall(" " + stripped)) >= 2 or (
                    sum(1 for t in stripped.split() if glued(t)) * 2 >= len(stripped.split()))):
                info.klass, info.reason_ar, info.reason_en = "breadcrumb", "مسار تنقل", "breadcrumb"
                info.label = "bad"
                continue
        if (info.label != "good" or n <= 40) and marks >= _ADDRESS:
            info.notice = _has_notice(words, state)
        info._menu_items = None  # worked out if a pass asks
    _caption_neighbours(infos)
    _context_pass(infos, state)
    found = _page_pass(infos, state)
    for info in infos:
        # A time or a duration on its own line (a video's length, a list entry's time) is never
        # prose, nor is a lone symbol (↑ back to the top); other lines of bare numbers are
        # boilerplate/counter's, and punctuation alone («***») may divide an article's sections.
        if info.klass == "furniture-symbols":
            text = info.text
            if _TIME.search(text):
                _set(info, "outside", "وقت أو مدة وحدهما", "a time or a duration alone")
            elif _SYMBOLS_ONLY.fullmatch(text):
                _set(info, "outside", "رمز وحده", "a symbol alone")
    for info in infos:
        # Prose, and short lines inside the body (subheadings). Not the title: a headline-like
        # line repeated across many pages at the title's place is the site's header (and
        # `qa clean` keeps an article's first line anyway).
        info.article = info.klass == "body" and (info.prose or (found and info.in_body))
    doc.cache[cache_key] = infos
    return infos


def _caption_neighbours(infos: list[LineInfo]) -> None:
    """A caption split from its credit: the short phrase right before a credit in brackets
    («محتجون أمام البرلمان» over «(رويترز)»), or right after a caption label («التعليق على الصورة،»)."""
    for k, info in enumerate(infos):
        if info.reason_en != "photo caption or credit" and not (
                info.klass == "furniture" and info.words[:3] == ["التعليق", "علي", "الصوره"]):
            continue
        text = info.text
        if info.words[:1] == ["التعليق"] or (info.n <= 3 and not info.has_arabic):
            neighbour = k + 1  # under a caption label, or under a Latin credit line («AFP»)
        elif text.startswith(("(", "[")):
            neighbour = k - 1  # over its credit in brackets
        else:
            continue
        if not 0 <= neighbour < len(infos):
            continue
        other = infos[neighbour]
        if other.klass == "body" and 0 < other.n <= 20 and not other.ends and other.label != "good":
            _set(other, "furniture", "تعليق صورة أو مصدرها", "photo caption or credit")
            other.label = "bad"


def _credited(words, state) -> bool:
    return bool(words) and all(w in state.credits for w in words)


def _is_caption(stripped: str, words: list, state: State) -> bool:
    """A photo caption or credit: a credit in brackets or after a caption label alone («(رويترز)»,
    «الصورة: وكالات»), or a short phrase that is not a sentence followed by a credit in brackets or
    after a dash. Wire copy's own credit line («فرانس24/ أ ف ب») closes the article and stays; a
    paragraph that ends with its agency ends a sentence before the bracket."""
    if _credited(words, state) and (stripped[0] in "([" or words[0] in _CAPTION_LABELS or not _ARABIC.search(stripped)):
        return True  # «(رويترز)», «الصورة: وكالات», «Getty Images»
    # Each tail has a mark to look for first: the closing bracket that ends the line, or a dash.
    for pattern, possible in ((_BRACKET_TAIL, stripped[-1] in ")]"),
                              (_DASH_TAIL, "-" in stripped or "–" in stripped or "—" in stripped)):
        match = possible and pattern.search(stripped)
        if match and _credited(_norm_words(match.group(1)), state):
            head = stripped[: match.start()].rstrip()
            if head and not _SENTENCE_END.search(head) and not _QUESTION_END.search(head):
                return True
    return False


def _section_share(words, phrases: dict) -> float:
    """Share of a line's words that are section names (a menu entry), matched whole."""
    if not words:
        return 0.0
    i, covered = 0, 0
    for k in compress(range(len(words)), map(phrases.__contains__, words)):
        if k < i:
            continue
        best = 0
        for phrase, category in phrases[words[k]]:
            if category.match in ("section", "whole") and tuple(words[k : k + len(phrase)]) == phrase:
                best = len(phrase)
                break
        i = k + (best or 1)
        covered += best
    return covered / len(words)


def _menu_items(stripped: str) -> int:
    """Items of a one-line menu: segments of at most four words split by | · • / or dashes."""
    parts = [p for p in _MENU_SPLIT.split(stripped) if p.strip()]
    if len(parts) < 3 or any(len(p.split()) > 4 for p in parts):
        return 0
    return len(parts)


def _first_label(info: LineInfo, stripped: str, state: State) -> None:
    n = info.n
    # _SENTENCE_END and _QUESTION_END on a line that ends in no whitespace: its last character
    # before any closing quotes or brackets.
    bare = stripped.rstrip(_CLOSERS)
    ends = bool(bare) and bare[-1] in ".!…:؛"
    question = bool(bare) and bare[-1] in "؟?"
    density = info.stopword_density
    info.ends, info.question = ends, question
    if n == 0:
        info.label = "bad"
    elif not info.has_arabic:
        info.label = "bad"  # Latin only: a label, a credit, a button
    elif ends and n >= state.good_words and density >= state.good_density:
        info.label = "good"
    elif n >= 2 * state.good_words and density >= state.good_density and (ends or question or n >= 25):
        info.label = "good"
    elif (ends or (question and n >= 12) or _INNER_END.search(stripped)) and n >= 5:
        info.label = "near"
    elif n >= 3:
        info.label = "headline"
    else:
        info.label = "short"


def _is_furniture(info: LineInfo | None) -> bool:
    # None stands for the document's edge, which counts as furniture context.
    return info is None or info.klass in _LOCAL


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


# --- The page: the body, the title, and the blocks around them ------------------------------------

def _weight(info: LineInfo) -> float:
    """A line's contribution to the body's score: prose adds its words, anything else costs a
    little, proven furniture more, so a box of a few lines inside the article does not split it."""
    if info.klass in _LOCAL or info.notice:
        return -4.0
    if info.card or info.comment:
        return -2.0
    if info.label == "good":
        return float(min(info.n, 80))
    if info.label == "near":
        return info.n / 2
    if info.label == "headline":
        return -2.5 if info.dated else -1.5
    return -1.0


def _body_run(infos: list[LineInfo]) -> tuple[int, int] | None:
    """[first, last] of the maximum-sum run of lines (Kadane), or None when nothing scores."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for k, info in enumerate(infos):
        w = _weight(info)
        if total <= 0:
            total, start = w, k
        else:
            total += w
        if total > best:
            best, best_span = total, (start, k)
    return best_span


def _set(info: LineInfo, klass: str, reason_ar: str, reason_en: str) -> None:
    info.klass, info.reason_ar, info.reason_en = klass, reason_ar, reason_en


def _titleish(info: LineInfo) -> bool:
    # A headline: mostly Arabic (a Latin label such as "Author, …" is a byline), no sentence or
    # clause end (a caption credit ends in «،»), no date (a caption or a teaser carries one).
    def arabic_enough():
        arabic = info.arabic
        return arabic >= info.n * 0.85 or (info.n >= 6 and arabic >= info.n * 0.7)

    # A short line the context pass took for furniture may still be the title, between a
    # breadcrumb and a byline. (The tests that read the line again come last.)
    return (info.klass in ("body", "context") and 3 <= info.n <= 30 and not info.text.endswith(("،", ","))
            and not info.ends and not info.notice and not info.card_head and info.section < 0.7
            and not info.menu_items and arabic_enough() and not (info.n <= 25 and info.dated))


_first_five = operator.itemgetter(slice(5))  # w[:5], in C


def _overlap(info: LineInfo, vocabulary: set) -> float:
    """Share of a line's content words that the article's body also uses: its title and its
    paragraphs talk about the same people and places, the headlines of other stories do not."""
    return len(info.content & vocabulary) / len(info.content) if info.content else 0.0


def _key_overlap(info: LineInfo, keys: set) -> float:
    own = set(map(_first_five, info.content))
    return len(own & keys) / len(own) if own else 0.0


def _vocabulary(lines) -> set:
    vocabulary: set = set()
    for info in lines:
        if info.prose and info.klass == "body":
            vocabulary |= info.content
    return vocabulary


def _find_title(infos: list[LineInfo], first: int, keys: set, named: int | None) -> int | None:
    """The article's own title. The page's <title> names it when there is one; otherwise it is a
    headline-like line shortly before the body that shares the body's words, the earliest such
    (a caption or a byline comes after the title), else the nearest headline-like line, else the
    page's first line."""
    if named is not None:
        return named
    window = [k for k in range(max(0, first - 15), first) if _titleish(infos[k])]
    if window:
        scores = {k: _key_overlap(infos[k], keys) for k in window}
        best = max(scores.values())
        if best >= 0.3:
            return min(k for k in window if scores[k] >= max(0.3, 0.6 * best))
        return window[-1]
    if first > 0 and infos[0].klass == "body" and infos[0].label in ("headline", "short", "near"):
        return 0
    return None


def _page_pass(infos: list[LineInfo], state: State) -> bool:
    """Find the body and class the page around it; False when the page has too little prose."""
    if not infos:
        return False
    # Too little prose to tell a body from the rest: leave the page to the line-by-line classes.
    if sum(i.n for i in infos if i.label == "good") < state.min_body_words:
        if infos[0].klass == "body":
            infos[0].title = True
        return False
    _mark_cards(infos, state)
    _mark_comments(infos)
    run = _body_run(infos)
    if run is None:
        return False
    first, last = run
    last = _cut_trailing_list(infos, first, last)
    for info in infos[first : last + 1]:
        info.in_body = True
    vocabulary = _vocabulary(infos[first : last + 1])
    named = _page_title(infos)
    # The body's words by their first five letters, as a headline says «جرائم» where the body
    # says «جرائمهم».
    keys = set(map(_first_five, vocabulary))
    title = _find_title(infos, first, keys, named)
    # A first line right above the body (a standfirst or a chapter line at most between) that
    # shares the body's words heads the article whatever its length; a masthead there does not.
    opening = [title] if title is not None else []
    if (first <= 2 and infos[0].klass in ("body", "context") and not infos[0].notice
            and _key_overlap(infos[0], keys) >= 0.3):
        opening.append(0)
    for k in opening:
        infos[k].title = True
        if infos[k].klass == "context":
            _set(infos[k], "body", "", "")
    _inside(infos, first, last)
    # Cards and comments flagged at the run's end leave it: the body ends at its last paragraph,
    # and what follows is judged as the rest of the page is.
    end = max((k for k in range(first, last + 1) if infos[k].klass == "body" and infos[k].prose), default=last)
    for info in infos[end + 1 : last + 1]:
        info.in_body = False
    _box_headings(infos, first, end)
    _outside(infos, first, end, vocabulary)
    return True


def _headline_like(info: LineInfo) -> bool:
    return (info.klass == "body" and info.label in ("headline", "near") and 3 <= info.n <= 25
            and not info.ends and not info.menu_items)


def _restates(head: LineInfo, summary: LineInfo) -> bool:
    """A teaser's summary restates its headline: it uses at least a quarter of the headline's
    content words (a subheading over an unrelated paragraph, or a listed headline over the next
    paragraph of the article, shares few)."""
    if len(head.content) < 2:
        return False
    # Compared by their first five letters: a summary says «الإندونيسية» where its headline says
    # «إندونيسيا», and «هجماتها» for «هجمات».
    summary_keys = set(map(_first_five, summary.content))
    shared = len(summary_keys.intersection(map(_first_five, head.content)))
    return shared >= 1 and shared * 4 >= len(head.content)


def _mark_cards(infos: list[LineInfo], state: State) -> None:
    """Teaser cards: a headline, then a sentence that restates it (its summary), often with a date
    or a section name around them. Two or more in a row, about other things than the page's other
    prose, are a list of other stories, however long their summaries: those summaries are not
    weighed as the article's prose. The page's prose outside the cards must be enough to judge by,
    so an article made of subheadings over paragraphs keeps them."""
    candidates = [k for k in range(2, len(infos))
                  if infos[k].klass == "body" and infos[k].prose and infos[k].n <= 70
                  and _headline_like(infos[k - 1]) and _restates(infos[k - 1], infos[k])]
    runs, run = [], []
    for k in candidates:
        if run and k - run[-1] <= 5 and not any(infos[j].label == "good" for j in range(run[-1] + 1, k - 1)):
            run.append(k)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [k]
    if len(run) >= 2:
        runs.append(run)
    if not runs:
        return
    in_cards = {j for run in runs for k in run for j in (k - 1, k)}
    core = [info for j, info in enumerate(infos) if info.label == "good" and j not in in_cards]
    if sum(info.n for info in core) < state.min_body_words:
        return
    vocabulary = set().union(*(info.content for info in core))
    for run in runs:
        # A list of stories carries their dates, or sits in a box under a heading; an article
        # written as a list (a player's name over a paragraph on him) has neither.
        dated = sum(1 for k in run if (k + 1 < len(infos) and _stamp(infos[k + 1])) or _stamp(infos[k - 2]))
        head = run[0] - 1
        boxed = any(infos[j].klass in _LOCAL or infos[j].label in ("bad", "short") or _stamp(infos[j])
                    for j in range(max(0, head - 2), head))
        if (dated * 2 >= len(run) or boxed) and sum(_overlap(infos[k], vocabulary) for k in run) / len(run) < 0.3:
            for k in run:
                infos[k].card = True
                infos[k - 1].card_head = True


def _stamp(info: LineInfo) -> bool:
    """A line that is a date or a time and little else (a paragraph may mention a date)."""
    return info.n <= 6 and not info.ends and info.dated  # the date, worked out last


def _mark_comments(infos: list[LineInfo]) -> None:
    """Readers' comments: a sentence under a timestamp under a name, two or more near each other
    (a byline, a date and the first paragraph make the pattern once)."""
    found = [k for k in range(2, len(infos)) if infos[k].prose and infos[k].n <= 60 and _comment(infos, k)]
    for a, b in zip(found, found[1:]):
        if b - a <= 8:
            infos[a].comment = infos[b].comment = True


def _cut_trailing_list(infos, first, last) -> int:
    """A related heading in the run, after which every paragraph is a teaser's summary (right
    after a headline, with a headline or a date right after it) about other things than the
    body before it, ends the body there: a list of teasers can outweigh its cost. Paragraphs
    after an inline box follow one another and share the body's words; they keep it whole."""
    for k in range(first + 1, last + 1):
        info = infos[k]
        if info.klass != "furniture" or info.reason_en != "related or most-read heading":
            continue
        prose = [j for j in range(k + 1, last + 1) if infos[j].label == "good"]
        if len(prose) < 2 or not all(_card(infos, j) for j in prose):
            continue
        before = _vocabulary(infos[first:k])
        if sum(_overlap(infos[j], before) for j in prose) / len(prose) < 0.3:
            return max(first, k - 1)
    return last


def _card(infos, k) -> bool:
    before = infos[k - 1] if k else None
    after = infos[k + 1] if k + 1 < len(infos) else None
    return (before is not None and before.label == "headline" and before.n >= 4 and _restates(before, infos[k])
            and (after is None or after.label == "headline" or after.klass != "body" or after.dated))


def _page_title(infos) -> int | None:
    """"Headline - Site" as the page's <title>, when the headline is also a line of its own: the
    line is furniture and the headline's own line is the article's title."""
    keys = None  # a line's words -> its first index, built for the first line that splits
    named = None
    for k, info in enumerate(infos):
        if info.klass != "body" or info.prose and info.ends:
            continue
        text = info.text
        # _TITLE_SPLIT splits only at one of these.
        if not ("-" in text or "–" in text or "—" in text or "|" in text or ":" in text or "«" in text
                or "»" in text):
            continue
        parts = _TITLE_SPLIT.split(text)
        if len(parts) < 2:
            continue
        if keys is None:
            keys = {}
            for j, line in enumerate(infos):
                if line.n >= 3:
                    keys.setdefault(" ".join(line.words), j)
        for head in (" - ".join(parts[:-1]), " - ".join(parts[1:])):
            words = _norm_words(head)
            other = keys.get(" ".join(words))
            # The <title> is the page's first text, before the headline's own line: a "City - Site"
            # dateline after a masthead names no headline.
            if len(words) >= 3 and other is not None and other > k and _titleish(infos[other]):
                _set(info, "page-title", "عنوان الصفحة واسم الموقع", "page title with the site's name")
                if named is None:
                    named = other
                break
    return named


def _inside(infos, first, last) -> None:
    """Within the body: boxes opened by a related heading, teasers glued to their date, notices."""
    box, box_items = False, 0
    for k in range(first, last + 1):
        info = infos[k]
        if info.klass == "furniture" and info.reason_en in ("related or most-read heading", "tags or categories"):
            box, box_items = True, 0
            continue
        if info.klass == "context" and _restated_below(infos, k, last):
            _set(info, "body", "", "")  # a subheading between two captions, not their block
        if info.klass != "body" or info.title:
            continue
        if info.card or info.card_head:
            _set(info, "headline-list", "بطاقة خبر آخر: عنوانه وملخصه", "another story's card: its headline and summary")
            continue
        if info.comment:
            _set(info, "outside", "تعليق قارئ", "a reader's comment")
            continue
        if info.label == "good" or (info.prose and info.ends):
            # A sentence ends any box: boxes list headlines, which end without a full stop.
            box = False
            # A notice at the body's edge talks of the site, not of the article's subject: a
            # closing paragraph on a law «from the strict application» shares the body's words.
            if info.notice and (k - first < 2 or last - k < 2) and _overlap(
                    info, _vocabulary(infos[j] for j in range(first, last + 1) if j != k)) < 0.3:
                _set(info, "site-notice", "تنبيه من الموقع إلى قارئه", "the site's notice to its reader")
            continue
        if box and not _subheading_after_box(infos, k, last, box_items):
            _set(info, "headline-list", "قائمة عناوين أخرى", "list of other headlines")
            box_items += 1
        elif info.label == "headline" and info.n <= 25 and (info.dated or _stamped(infos, k)):
            _set(info, "headline-list", "عنوان خبر آخر بتاريخه", "another story's headline with its date")
        elif info.notice:
            _set(info, "site-notice", "تنبيه من الموقع إلى قارئه", "the site's notice to its reader")


def _restated_below(infos, k, last) -> bool:
    """The next paragraph within three lines restates this short line: it is that paragraph's
    subheading."""
    for j in range(k + 1, min(last, k + 3) + 1):
        if infos[j].label == "good":
            return _restates(infos[k], infos[j])
    return False


def _stamped(infos, k) -> bool:
    """A headline with a line of its own right after it that is only a date, a time or a video's
    length: an entry of a list of stories or videos. Subheadings are followed by paragraphs."""
    after = infos[k + 1] if k + 1 < len(infos) else None
    return after is not None and _stamp(after) and after.n <= 4


def _box_headings(infos, first, last) -> None:
    """A short line in the body right before two or more lines proven furniture is the heading of
    their box («فيديوهات» over a video list), not a subheading: subheadings head paragraphs."""
    for k in range(first, last - 1):
        info = infos[k]
        if (info.klass == "body" and not info.title and info.label == "short" and 0 < info.n <= 3
                and infos[k + 1].klass in ("headline-list", "outside") and infos[k + 2].klass != "body"):
            _set(info, "headline-list", "عنوان قائمة عناوين أخرى", "heading of a list of other stories")


def _subheading_after_box(infos, k, last, box_items) -> bool:
    """A short line closing a box right before the next paragraph: a subheading as likely as the
    box's last item, and a lost subheading costs more than a kept item."""
    info = infos[k]
    if k + 1 > last or infos[k + 1].label != "good" or info.dated:
        return False
    # The paragraph under it restates it, as a paragraph restates its subheading.
    return (box_items >= 1 and info.n <= 5) or _restates(info, infos[k + 1])


def _outside(infos, first, last, vocabulary) -> None:
    title = next((k for k, info in enumerate(infos) if info.title), None)
    """Before and after the body: blocks take one class; prose stays unless proven furniture."""
    n_lines = len(infos)
    # A short tail right after the body that ends the page (a credit, an author) is the article's.
    tail_keep = set()
    if last + 1 < n_lines and n_lines - (last + 1) <= 2 and all(
            i.klass == "body" and i.n <= 6 and not i.dated for i in infos[last + 1 :]):
        tail_keep = set(range(last + 1, n_lines))
    tail_keep |= _announced_list(infos, last)
    for k, info in enumerate(infos):
        if first <= k <= last or info.klass != "body" or info.title or k in tail_keep:
            continue
        if info.notice and not (info.label == "good" and _overlap(info, vocabulary) >= 0.3):
            # A sentence sharing the body's words talks of the article's subject, not of the site.
            _set(info, "site-notice", "تنبيه من الموقع إلى قارئه", "the site's notice to its reader")
            continue
        if (title is not None and title < k < first and info.label in ("headline", "near") and not info.dated
                and _overlap(info, vocabulary) >= 0.5):
            continue  # between the title and the body, on the body's subject: a standfirst or lead
        if info.menu_items:
            _set(info, "menu", "قائمة روابط", "menu of links")
            continue
        if info.card:
            _set(info, "headline-list", "ملخص خبر آخر في قائمة", "summary of another story in a list")
            continue
        if info.comment or (info.prose and info.n <= 60 and _comment(infos, k)):
            _set(info, "outside", "تعليق قارئ", "a reader's comment")
            continue
        if info.label == "good":
            if _teaser(infos, k) and _overlap(info, vocabulary) < 0.3:
                _set(info, "headline-list", "ملخص خبر آخر في قائمة", "summary of another story in a list")
            continue
        if info.label == "near" and not _in_list(infos, k):
            # A short sentence outside the body: kept unless it sits among furniture.
            before = infos[k - 1] if k else None
            after = infos[k + 1] if k + 1 < n_lines else None
            if not (_furnitureish(before) and _furnitureish(after)):
                continue
        if _short_run(infos, k) or info.section >= 0.7:
            _set(info, "menu", "قائمة روابط", "menu of links")
        elif info.label in ("headline", "near") and info.n >= 4 and (_in_list(infos, k) or info.dated):
            _set(info, "headline-list", "قائمة عناوين أخرى", "list of other headlines")
        elif info.dated:
            _set(info, "outside", "تاريخ أو وقت", "a date or a time")
        elif not info.has_arabic:
            _set(info, "outside", "عبارة لاتينية", "a Latin label")
        elif info.n <= 3:
            _set(info, "outside", "كلمات قليلة بين كتل الصفحة", "a few words between blocks of the page")
        else:
            _set(info, "outside", "ليس من نثر المقال", "not the article's prose")


_LIST_MARK = rx(r"^(?:\p{N}+\s*[-.)–]|[-–•*▪·])\s*")


def _announced_list(infos, last) -> set:
    """A list the article announces («وجاءت القائمة كالآتي:», «في ما يلي قائمة الفائزين:») right
    after its last paragraph: items that all open with a number or a dash, or with the same word
    («أفضل فيلم: …», «أفضل مخرج: …»). They are the article's, however short."""
    announcing = set()
    if (0 <= last < len(infos) - 2 and infos[last + 1].klass == "body" and infos[last + 1].n >= 2
            and infos[last + 1].text.rstrip().endswith(":")):
        last, announcing = last + 1, {last + 1}  # the announcing sentence, short, left out of the run
    if not 0 <= last < len(infos) - 1 or not infos[last].text.rstrip().endswith(":"):
        return set()
    items = []
    for info in infos[last + 1 :]:
        if info.klass != "body" or info.notice or not info.words or info.n > 20:
            break
        items.append(info)
    if len(items) < 2:
        return set()
    marked = [bool(_LIST_MARK.match(i.text)) for i in items]
    first_words = {i.words[0] for i in items}
    # The run ends where the items stop sharing their shape.
    if all(marked) or len(first_words) == 1:
        keep = items
    else:
        keep = []
        for info, mark in zip(items, marked):
            if not mark:
                break
            keep.append(info)
        if len(keep) < 2:
            return set()
    for info in keep:
        info.in_body = True
    return announcing | {last + 1 + j for j in range(len(keep))}


def _comment(infos, k) -> bool:
    """A reader's comment outside the body: a sentence right under a timestamp, itself under a
    name (or under the comment's number and a name), as comment threads print them."""
    if k < 2:
        return False
    stamp, name = infos[k - 1], infos[k - 2]
    return (_stamp(stamp) and not name.in_body
            and not name.prose and name.n <= 4)


def _furnitureish(info) -> bool:
    return info is None or not info.prose or info.klass != "body"


def _short_run(infos, k) -> bool:
    """A line in a run of three or more short lines (1-4 words, no sentence): a menu or tag list."""
    def short(i):
        return 0 <= i < len(infos) and 0 < infos[i].n <= 4 and not infos[i].ends and not infos[i].in_body
    if not short(k):
        return False
    lo = k
    while short(lo - 1):
        lo -= 1
    hi = k
    while short(hi + 1):
        hi += 1
    return hi - lo + 1 >= 3


def _in_list(infos, k) -> bool:
    """A headline among others: another headline-like line within two lines on either side."""
    for j in (k - 2, k - 1, k + 1, k + 2):
        if 0 <= j < len(infos) and not infos[j].in_body and infos[j].label in ("headline", "near") \
                and not infos[j].title and infos[j].n >= 3:
            return True
    return False


def _teaser(infos, k) -> bool:
    """A prose line outside the body that summarises a listed story: right after a headline,
    with another headline or a date right after it."""
    before = infos[k - 1] if k else None
    after = infos[k + 1] if k + 1 < len(infos) else None
    if before is None or before.in_body or before.title or before.label != "headline" \
            or not _restates(before, infos[k]):
        return False
    return after is None or after.label in ("headline", "short", "bad") or after.klass != "body" or after.dated


def article_lines(doc, state: State) -> set[int]:
    """Start offsets of the lines the classifier calls article text: what no cross-document
    rule may remove, however many documents repeat it (wire copy runs on many sites)."""
    return {info.start for info in classify(doc, state) if info.article}


def check(doc, state: State, ctx):
    for info in classify(doc, state):
        if info.klass in state.report:
            yield Hit(info.start, info.end, None, {"reason": info.reason_ar, "reason_en": info.reason_en})
