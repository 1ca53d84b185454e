"""Kind `temporal-fact`: a title given to a person, checked against who held the office on the
article's date.

A title (any office's, a generic one such as «الرئيس», or «نظيره الروسي») is found by one scan of
the folded text; the words around it are then read for a name, in three shapes:
  الرئيس الأميركي [السابق] [الشرعي] [«]دونالد ترمب[»]   title, markers and qualifiers, name
  دونالد ترمب، الرئيس الأميركي [السابق]                  name, comma, title, marker
  ترمب (الرئيس [السابق])                                  name, title in parentheses
A name is any spelling in the base, or one with the same transliteration key (ترامب/ترمب, the
consistency pack's key), or a surname the base's full names end with («الرئيس هادي»). A title
without a country is resolved through the person's own offices of that kind; «نظيره الروسي» through
the nationality, preferring the kind of the office named before it in the sentence. A name that
several people share is checked only when the verdict is the same for all of them.

Only appositions are read, so "الرئيس السابق" with no name and "حين كان أوباما رئيسًا" are left
alone. History is read from the sentence, not the paragraph: a word that governs the mention
(«في عهد الرئيس …», «الرئيس آنذاك …») or a year written as a time close to it, before the
article's date and other than the year the article dates itself in. A holder named inside a
quotation gets an info finding: the title is the speaker's word, which the copy may not change.

The word lists live in the pack (rules/facts/drift-words.yaml).

Checks (one per rule): former-on-sitting, former-before-term, sitting-on-former,
elect-after-inauguration.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import islice
from typing import NamedTuple

import regex

from ..rxcache import compile as rx

from ..arabic import WordMemo, fold
from . import Hit, ParamError
from ._util import alternation, check_params, expect, expect_choice
from .variants import key as translit_key

PARAMS = {
    "check": "former-on-sitting, former-before-term, sitting-on-former or elect-after-inauguration",
    "facts": "path of the office-holder base, relative to the pack",
    "words": "path of the word lists read around titles (marks, qualifiers, history), relative to the pack "
             "(default facts/drift-words.yaml)",
    "grace_days": "sitting-on-former: days after a term ends during which the old title is not flagged (default 7)",
    "outgoing_days": "former-on-sitting: «المنتهية ولايته» is right within this many days before the term's end (default 365)",
    "near_words": "sitting-on-former: a year this many words or fewer from the mention may date it as history (default 6)",
}
CHECKS = ("former-on-sitting", "former-before-term", "sitting-on-former", "elect-after-inauguration")
MARK_CLASSES = ("former", "outgoing", "elect", "gone", "designate", "history")
_WORD_LISTS = ("qualifiers", "history_before", "prospective", "counterpart", "year_lead", "not_short", "ministry_titles")
# Words and single signs, in order: the few words around a title are read as tokens.
_TOKEN = rx(r"[\p{L}\p{M}]+|\d+|[^\s\p{L}\p{M}\d]")
_YEAR = rx(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_LAST_NON_SPACE = rx(r"(?r)\S")  # searched backwards: the last character of a span that is not a space
_QUOTES_OPEN = frozenset("«“\"'")
_QUOTES_CLOSE = frozenset("»”\"'")
_COMMA = frozenset("،,")
_NAME_SPAN = 5  # the longest name, in words
_LOOK = 160  # characters read around a title for markers and a name
# A last word after these is a father's or a family's name, not a surname used alone.
_NOT_SURNAME_AFTER = frozenset(fold(w) for w in ("بن", "ابن", "بنت", "آل", "عبد", "أبو", "ابو", "ولد", "أم"))
_QUOTE_PAIRS = {"«": "»", "“": "”"}
# A word as the name index may hold it: folded (single-word names) and by transliteration key.
_CONTEXT = 1500  # characters before a mention read for an open quotation


def _phrases(words) -> dict:
    """Folded phrases as word tuples -> the phrase, longest first for greedy matching."""
    return {tuple(fold(w).split()): w for w in words}


@dataclass
class Words:
    marks: dict  # word tuple -> mark class
    qualifiers: frozenset  # word tuples
    history_before: regex.Pattern
    prospective: regex.Pattern
    counterpart: list
    year_lead: regex.Pattern
    long_forms: dict
    not_short: frozenset
    ministry_titles: list
    longest: int  # the longest mark or qualifier, in words
    first_words: frozenset = frozenset()  # the first words of the marks and qualifiers


def _load_words(path, env) -> Words:
    data = env.load_yaml(path)  # the pack loader owns YAML parsing and its errors
    if not isinstance(data, dict) or not isinstance(data.get("marks"), dict):
        raise ParamError("words", f"{path}: needs 'marks' (a mapping of class -> words) and the word lists", path=path)
    for name in _WORD_LISTS:
        if not isinstance(data.get(name), list):
            raise ParamError("words", f"{path}: '{name}' must be a list of words", path=path)
    marks = {}
    for cls, words in data["marks"].items():
        if cls not in MARK_CLASSES or not isinstance(words, list):
            raise ParamError("words", f"{path}: marks: {cls!r} is not one of {', '.join(MARK_CLASSES)}", path=path)
        marks.update({tuple(fold(w).split()): cls for w in words})
    qualifiers = frozenset(tuple(fold(w).split()) for w in data["qualifiers"])

    def before(words):  # the phrase ends right before the title, a clitic allowed on its first word
        return regex.compile(r"(?<![\p{L}\p{M}])[وف]?(?:" + alternation(fold(w) for w in words) + r")\s*$")

    longest = max(len(k) for k in [*marks, *qualifiers])
    from ..dating import MONTHS

    months = alternation(fold(m) for names in MONTHS.values() for m in names)
    year_lead = (r"(?:(?<![\p{L}\p{M}])[وف]?(?:" + alternation(fold(w) for w in data["year_lead"]) + r")"
                 rf"|(?<![\p{{L}}\p{{M}}]){months}(?:\s*[/(-]\s*{months}\s*\)?)?"
                 r"|\()\s*$")  # «باراك أوباما (2009-2017)»: a term in brackets
    return Words(marks, qualifiers, before(data["history_before"]), before(data["prospective"]),
                 [fold(w) for w in data["counterpart"]], regex.compile(year_lead),
                 {str(k): [str(x) for x in v] for k, v in (data.get("long_forms") or {}).items()},
                 frozenset(fold(w) for w in data["not_short"]), [fold(w) for w in data["ministry_titles"]], longest,
                 frozenset(k[0] for k in [*marks, *qualifiers] if k))


def name_key(words) -> tuple:
    """A name as the transliteration keys of its folded words: «فلاديمير بوتن» is «فلاديمير بوتين».
    Only names of two words or more are matched by key: one word's key is too loose (بدون and بايدن
    share one), so a single word must be a spelling the base lists (ترامب and ترمب both are)."""
    words = tuple(words)
    return tuple(translit_key(w) for w in words) if len(words) > 1 else words


class _NamesSomebody:
    """Is a word a word of some name in the base? (A class, not a lambda: a model is pickled.)"""

    def __init__(self, keys: frozenset):
        self.keys = keys

    def __call__(self, word: str) -> bool:
        # As the name index holds a word: folded (single-word names) and by transliteration key.
        folded = fold(word)
        return folded in self.keys or translit_key(folded) in self.keys


@dataclass(eq=False)  # hashed by identity: a document's cache keys mentions by the model
class Model:
    facts: object
    words: Words
    titles: dict  # folded title -> ("office", id) | ("kind", kind) | ("nationality", adjective)
    names: dict  # name key (a tuple of word keys) -> list of people
    nationalities: dict  # folded adjective -> office ids
    name_word_keys: frozenset  # every word key of every name, to skip articles that name nobody in the base

    @cached_property
    def names_somebody(self) -> WordMemo:
        """word -> is it a word of a name in the base (folded, or by transliteration key)?"""
        return WordMemo(_NamesSomebody(self.name_word_keys))

    @cached_property
    def tokens_after(self) -> int:
        """How many tokens after a title mentions() may read: four rounds of markers and
        qualifiers (each at most `longest` words), a comma, a quotation mark, a name of _NAME_SPAN
        words and its closing mark, and one more to see the end."""
        return 4 * self.words.longest + 2 + _NAME_SPAN + 1

    @cached_property
    def title_pattern(self):
        # Clitics: و/ف, then ب/ك; ل + ال is written لل, which the titles list carries itself.
        return regex.compile(r"(?<![\p{L}\p{M}])[وف]?[بك]?(?P<title>" + alternation(self.titles) + r")(?![\p{L}\p{M}])", regex.V1)

    @cached_property
    def title_anchor(self):
        # Every title match starts at a title literal, or one or two clitic letters before it: one
        # automaton pass finds the places and the pattern is tried only there (qa.kinds._anchor).
        import ahocorasick

        from ._anchor import Anchor

        automaton = ahocorasick.Automaton()
        for title in self.titles:
            automaton.add_word(title, len(title))
        automaton.make_automaton()
        return Anchor(automaton, (0, 1, 2), False, tuple(self.titles))

    def title_matches(self, text: str):
        """title_pattern.finditer(text), the same matches in the same order."""
        from ._anchor import anchored_finditer

        if not self.titles:
            return self.title_pattern.finditer(text)
        return anchored_finditer(self.title_pattern, text, self.title_anchor)


_MODELS: dict = {}


def _nationality(title: str, generics: list) -> str | None:
    """«الرئيس الروسي» -> «الروسي»: the adjective after a generic title, masculine."""
    for generic in generics:
        if title.startswith(generic + " "):
            rest = title[len(generic) + 1 :]
            if all(w.startswith("ال") for w in rest.split()) and len(rest) > 4:  # «الكوري الجنوبي»
                return " ".join(w[:-1] if w.endswith("يه") else w for w in rest.split())  # fold writes ة as ه
    return None


def _surnames(person, stop: frozenset) -> list:
    """Last words of a person's full names that news uses alone after a title: «الرئيس هادي»."""
    out = []
    for name in person.names:
        words = fold(name).split()
        if len(words) < 2 or words[-2] in _NOT_SURNAME_AFTER:
            continue
        last = words[-1]
        if len(last.removeprefix("ال")) >= 3 and last not in stop and last not in out:
            out.append(last)
    return out


def _model(path, words_path, env) -> Model:
    from ..facts import FactsError, load

    key = (str(path), str(words_path))
    if key in _MODELS:
        env.note_read(path)  # a dependency of this pack's cache entry too, though read for another
        env.note_read(words_path)
        return _MODELS[key]
    try:
        facts = load(path, env.load_yaml)
    except FactsError as exc:
        raise ParamError("facts", str(exc), path=path) from None
    words = _load_words(words_path, env)
    titles = {}
    long_forms = {fold(short): [fold(x) for x in longs] for short, longs in words.long_forms.items()}

    def add_title(text, value):
        folded = fold(text)
        variants = [folded]
        for short, longs in long_forms.items():  # «رئيس الولايات المتحدة الأمريكية»
            if regex.search(rf"(?<!\S){regex.escape(short)}(?!\S)", folded):
                variants += [regex.sub(rf"(?<!\S){regex.escape(short)}(?!\S)", long, folded) for long in longs]
        for form in variants:
            titles.setdefault(form, value)
            if form.startswith("ال"):
                titles.setdefault("ل" + form[1:], value)  # ل + الرئيس is written للرئيس

    generics = {kind: sorted((fold(t) for t in ts), key=len, reverse=True) for kind, ts in facts.generic_titles.items()}
    nationalities = {}
    for office in facts.offices.values():
        for title in office.titles:
            add_title(title, ("office", office.id))
            folded = fold(title)
            for ministry in words.ministry_titles:  # «وزير الخارجية السورية»
                rest = folded[len(ministry) + 1 :] if folded.startswith(ministry + " ") else ""
                if rest.startswith("ال") and " " not in rest and rest.endswith("ي"):
                    add_title(folded + "ه", ("office", office.id))
            adjective = _nationality(fold(title), generics.get(office.kind, []))
            if adjective:
                nationalities.setdefault(adjective, set()).add(office.id)
    for kind, generic in facts.generic_titles.items():
        for title in generic:
            add_title(title, ("kind", kind))
    for adjective in nationalities:
        for counterpart in words.counterpart:
            feminine = " ".join(w + "ه" for w in adjective.split())
            for form in (adjective, feminine):
                titles.setdefault(f"{counterpart} {form}", ("nationality", adjective))
    # A surname alone must not be a word that follows titles anyway: a nationality, a marker.
    stop = set(words.not_short) | {w for t in titles for w in t.split()}
    stop |= {w for k in [*words.marks, *words.qualifiers] for w in k}
    names = {}

    def add_name(text, person):
        owners = names.setdefault(name_key(text.split()), [])
        if person not in owners:  # spellings that fold alike are one name
            owners.append(person)

    for person in facts.people:
        for name in person.names + person.shared_names:
            add_name(fold(name), person)
        for surname in _surnames(person, frozenset(stop)):
            add_name(surname, person)
    name_word_keys = frozenset(w for k in names for w in k)  # keys of long names, folded single words
    model = Model(facts, words, titles, names, {k: frozenset(v) for k, v in nationalities.items()}, name_word_keys)
    _MODELS[key] = model
    return model


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("check", "facts"))
    check = expect_choice(params, "check", CHECKS)
    model = _model(env.pack_dir / expect(params, "facts", str), env.pack_dir / expect(params, "words", str, "facts/drift-words.yaml"), env)
    model.title_pattern  # noqa: B018  (compiled now, so that the pack cache holds it compiled)
    model.title_anchor  # noqa: B018
    return State(check, model, expect(params, "grace_days", int, 7), expect(params, "outgoing_days", int, 365),
                 expect(params, "near_words", int, 6))


@dataclass
class State:
    check: str
    model: Model
    grace_days: int = 7
    outgoing_days: int = 365
    near_words: int = 6


@dataclass
class Mention:
    start: int
    end: int
    candidates: list  # (person, office) pairs the title and name may denote; most often one
    mark: str | None = None  # a mark class: former, outgoing, elect, gone
    mark_span: tuple | None = None
    history: bool = False  # «آنذاك» and the like inside the apposition
    title_start: int = 0  # in the folded view, for the words that govern the mention
    title_end: int = 0

    @property
    def person(self):
        return self.candidates[0][0]

    @property
    def office(self):
        return self.candidates[0][1]


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    word: bool


_new_tok = partial(tuple.__new__, _Tok)  # skips the Python-level constructor


def _tokens(text: str, offset: int, limit: int | None = None) -> list:
    """The tokens of text (at most `limit`), their offsets shifted by `offset`."""
    out = []
    for m in islice(_TOKEN.finditer(text), limit):
        token = m.group()
        start, end = m.span()
        out.append(_new_tok((token, offset + start, offset + end, token[0].isalpha())))
    return out


class _LazyTokens:
    """_tokens(text, offset, limit), found only as far as they are read: after a title, mentions()
    mostly reads a handful. Read with toks[i], toks[a:b] and _has(toks, n)."""

    __slots__ = ("_found", "_matches", "_offset")

    def __init__(self, text: str, offset: int, limit: int | None = None):
        self._matches, self._offset, self._found = islice(_TOKEN.finditer(text), limit), offset, []

    def has(self, n: int) -> bool:
        """Are there at least n tokens?"""
        found = self._found
        while len(found) < n:
            m = next(self._matches, None)
            if m is None:
                return False
            token = m.group()
            start, end = m.span()
            found.append(_new_tok((token, self._offset + start, self._offset + end, token[0].isalpha())))
        return True

    def __getitem__(self, index):
        if isinstance(index, slice):
            if index.stop is None or index.stop < 0:
                self.has(1 << 30)
            else:
                self.has(index.stop)
        else:
            self.has(1 << 30 if index < 0 else index + 1)
        return self._found[index]

    def __len__(self) -> int:
        self.has(1 << 30)
        return len(self._found)


def _has(toks, n: int) -> bool:
    """Are there at least n tokens in a token list or _LazyTokens?"""
    if type(toks) is _LazyTokens:
        return len(toks._found) >= n or toks.has(n)
    return len(toks) >= n


def _modifiers(toks: list, i: int, words: Words, model: Model | None = None):
    """Markers and qualifiers from toks[i]: (next index, mark class, mark token span, history?).
    Stops where a name of the model's begins, so an honorific the base keeps in a name («الشيخ صباح»)
    stays in it."""
    mark, span, history = None, None, False
    for _ in range(4):
        if model is not None and _name_at(toks, i, model):
            break
        if not _has(toks, i + 1) or toks[i].text not in words.first_words:
            break  # no marker or qualifier begins here
        for size in range(words.longest if _has(toks, i + words.longest) else len(toks) - i, 0, -1):
            group = toks[i : i + size]
            if not all(t.word for t in group):
                continue
            phrase = tuple(t.text for t in group)
            cls = words.marks.get(phrase)
            if cls == "history":
                history = True
            elif cls and mark is None:
                mark, span = cls, (group[0].start, group[-1].end)
            elif not cls and phrase not in words.qualifiers:
                continue
            i += size
            break
        else:
            break
    return i, mark, span, history


def _name_at(toks: list, i: int, model: Model, backwards: bool = False):
    """The longest name starting (or, backwards, ending) at toks[i]: (first, last index, people)."""
    if i < 0 or not _has(toks, i + 1) or not toks[i].word or not model.names_somebody[toks[i].text]:
        return None  # every word of a name is a word of the base's names (the view is folded)
    names = model.names
    for size in range(_NAME_SPAN, 0, -1):
        first, last = (i - size + 1, i) if backwards else (i, i + size - 1)
        if first < 0 or not _has(toks, last + 1):
            continue
        group = toks[first : last + 1]
        if all(t.word for t in group):
            people = names.get(name_key([t.text for t in group]))
            if people:
                return first, last, people
    return None


def _resolve(model: Model, title_value, people, previous_kind: str | None) -> list:
    """The (person, office) pairs a title and a name may denote."""
    kind, value = title_value
    found = []
    for person in people:
        offices = {t.office for t in person.terms}
        if kind == "office":
            if value in offices:
                found.append((person, model.facts.offices[value]))
            continue
        if kind == "kind":
            matching = [o for o in offices if model.facts.offices[o].kind == value]
        else:  # a counterpart's nationality
            # A counterpart holds the same kind of office as the person named before it in the
            # sentence: «وزير المالية التركي … نظيره الألماني» is not the German chancellor.
            matching = [o for o in offices if o in model.nationalities.get(value, ())
                        and model.facts.offices[o].kind == previous_kind]
        if len(matching) == 1:
            found.append((person, model.facts.offices[matching[0]]))
    return found


def mentions(doc, model: Model) -> list[Mention]:
    key = ("temporal-fact", model)
    if key in doc.cache:
        return doc.cache[key]
    out, taken = [], []
    doc.cache[key] = out
    # No prefilter on the article's words: the transliteration keys of particles (من، على، عن)
    # match words of names, so every article of the calibration corpus passed one. A name is
    # looked for only where a title is, and only at a word of some name (_name_at).
    view = doc.folded
    text = view.text
    words, previous = model.words, None

    def paragraph(folded_offset):
        return doc.line_at(view.span(folded_offset, folded_offset + 1)[0]).start

    def previous_kind(folded_offset):
        # A counterpart holds the kind of office last named in its paragraph, named or not:
        # «وزير الخارجية التركي … ثم قال نظيره الأمريكي مايك بومبيو».
        return previous[1] if previous and previous[0] == paragraph(folded_offset) else None

    for m in model.title_matches(text):
        ts, te = m.span("title")
        if any(s < te and ts < e for s, e in taken):
            continue
        kind, value = model.titles[m.group("title")]
        if kind != "nationality":
            previous = (paragraph(ts), model.facts.offices[value].kind if kind == "office" else value)
        after = _LazyTokens(text[te : te + _LOOK], te, model.tokens_after)
        i, mark, mark_span, history = _modifiers(after, 0, words, model)
        if _has(after, i + 1) and after[i].text in _COMMA:
            i += 1
        if _has(after, i + 1) and after[i].text in _QUOTES_OPEN:  # «الرئيس "هادي"»
            i += 1
        quoted = i > 0 and after[i - 1].text in _QUOTES_OPEN
        found = _name_at(after, i, model)
        if found:
            first, last, people = found
            closing = _has(after, last + 2) and quoted and after[last + 1].text in _QUOTES_CLOSE
            span = (ts, after[last + 1 if closing else last].end)  # «الرئيس "هادي"» with its closing mark
        else:
            # Only a comma or a bracket before the title brings a name before it: the last token
            # is one when the last character that is not a space is.
            last = _LAST_NON_SPACE.search(text, max(0, ts - _LOOK), ts)
            if last is None or last.group() not in _COMMA and last.group() != "(":
                continue
            before = _tokens(text[max(0, ts - _LOOK) : ts], max(0, ts - _LOOK))
            if not before or before[-1].text not in _COMMA and before[-1].text != "(":
                continue
            if before[-1].text == "(":  # NAME (TITLE [mark])
                close = i if _has(after, i + 1) and after[i].text == ")" else None
                if close is None:
                    j, *_ = _modifiers(after, 0, words)
                    close = j if _has(after, j + 1) and after[j].text == ")" else None
                if close is None:
                    continue
                end = after[close].end
            else:  # NAME، TITLE [mark]
                j, *_ = _modifiers(after, 0, words)
                end = after[j - 1].end if j else te
            k = len(before) - 2
            if k >= 0 and before[k].text in _QUOTES_CLOSE:
                k -= 1
            found = _name_at(before, k, model, backwards=True)
            if not found:
                continue
            people = found[2]
            span = (before[found[0]].start, end)
        title_value = model.titles[m.group("title")]
        candidates = _resolve(model, title_value, people, previous_kind(ts))
        if not candidates:
            continue
        taken.append(span)
        if title_value[0] == "nationality":
            previous = (paragraph(ts), candidates[0][1].kind)
        start, end = view.span(*span)
        out.append(Mention(start, end, candidates, mark, view.span(*mark_span) if mark_span else None, history, ts, te))
    out.sort(key=lambda x: x.start)
    return out


def _sentence_span(doc, offset: int) -> tuple[int, int]:
    starts = doc.cache.get("sentence-starts")
    if starts is None:
        starts = doc.cache["sentence-starts"] = [s for s, _ in doc.sentences]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < doc.sentences[i][1]:
        return doc.sentences[i]
    return offset, offset


def _own_year(doc) -> int | None:
    """The year the article dates itself in (front matter, dateline, its file's name or folders),
    whatever date it is checked at: that year and later ones are its present and future, never its
    history."""
    if "temporal-own-year" not in doc.cache:
        from ..dating import dateline_date, front_matter_date, path_date

        own = front_matter_date(doc.text) or dateline_date(doc.text) or (path_date(doc.path) if doc.path else None)
        doc.cache["temporal-own-year"] = own.year if own else None
    return doc.cache["temporal-own-year"]


_NON_SPACE_RUN = rx(r"\S+")


def _last_words_start(text: str, count: int) -> int | None:
    r"""Where the last `count` words of a text begin (None without a word): what
    regex.search(rf"(?:\S+\s*){{1,{count}}}$", text).start() gives, in one linear scan instead of
    a backtracking search from every position."""
    starts = [m.start() for m in _NON_SPACE_RUN.finditer(text)]
    if not starts:
        return None
    return starts[-count] if len(starts) >= count else starts[0]


def _historical(doc, model: Model, mention: Mention, person, office, day: dt.date, near: int) -> bool:
    """Does the sentence place the mention in the person's term, so the title was true then?"""
    if mention.history:
        return True
    text = doc.folded.text
    if model.words.history_before.search(text[max(0, mention.title_start - 40) : mention.title_start]):
        return True  # «في عهد الرئيس …», «زمن الرئيس …»: the word governs this very mention
    tail = [t.text for t in _tokens(fold(doc.text[mention.end : mention.end + 60]), 0, 5)]
    if any(model.words.marks.get(tuple(tail[i : i + size])) == "history" for i in (0, 1, 2) for size in (3, 2, 1)):
        return True  # «… باراك أوباما آنذاك», «إدارة الرئيس أوباما قالت في حينها»
    s_start, s_end = _sentence_span(doc, mention.start)
    left = doc.text[s_start : mention.start]
    right = doc.text[mention.end : max(s_end, mention.end)]
    near_left = _last_words_start(left, near)
    near_right = regex.match(rf"\s*(?:\S+\s*){{1,{near}}}", right)
    own = _own_year(doc)
    before = min(day.year, own) if own else day.year  # a history year is earlier than both
    terms = person.terms_of(office.id)
    for part in (left[near_left:] if near_left is not None else "", right[: near_right.end()] if near_right else ""):
        for ym in _YEAR.finditer(part):
            year = int(ym.group())
            if year >= before:
                continue  # the article's present or future is not its history
            if not model.words.year_lead.search(fold(part[max(0, ym.start() - 30) : ym.start()])):
                continue  # a number, not a time: «خطة 2015»
            if any(t.start.year <= year <= (t.end or day).year for t in terms):
                return True
    return False


def _quoted(doc, offset: int) -> bool:
    """Inside a quotation the title is the speaker's word («فعلى الرئيس أوباما …» said in 2015)."""
    line = doc.line_at(offset)
    before = doc.text[max(line.start, offset - _CONTEXT) : offset]
    if any(before.rfind(opening) > before.rfind(closing) for opening, closing in _QUOTE_PAIRS.items()):
        return True
    return before.count('"') % 2 == 1


_QUOTED_NOTE = ("؛ ورد داخل كلام منقول، فاللقب لفظ المتحدث", "; inside a quotation, so the title is the speaker's word")


def _fires(check: str, state: State, doc, mention: Mention, person, office, day: dt.date):
    """Whether the check fires for one reading of the mention: None, or (args, fix allowed)."""
    term = person.holds(office.id, day)
    surely = person.holds(office.id, day, surely=True)
    terms = person.terms_of(office.id)
    if check == "former-on-sitting":
        if mention.mark not in ("former", "outgoing") or not surely:
            return None
        if mention.mark == "outgoing" and surely.end_earliest and (surely.end_earliest - day).days <= state.outgoing_days:
            return None  # a caretaker between an election and the handover
        return {"start": surely.start_text}
    if check == "former-before-term":
        if mention.mark not in ("former", "outgoing") or term or any(t.start <= day for t in terms):
            return None
        return {"start": min(terms, key=lambda t: t.start).start_text}
    if check == "sitting-on-former":
        # «السابق» and «الراحل» say the term is over. «المنتخب» and «المكلف» are right before a term
        # that starts later; with no term ahead they are stale too, and «المنتهية ولايته» claims
        # the office as much as a bare title does.
        if mention.mark in ("former", "gone") or term:
            return None
        if mention.mark in ("elect", "designate") and any(t.start > day for t in terms):
            return None
        if any(t.end and t.end <= day <= t.end + dt.timedelta(days=state.grace_days) for t in terms):
            return None  # days after a resignation the old title still names the news
        if _historical(doc, state.model, mention, person, office, day, state.near_words):
            return None
        nearest = min(terms, key=lambda t: abs((t.start - day).days))
        return {"start": nearest.start_text, "end": nearest.end_text or "—"}
    if check == "elect-after-inauguration":
        if mention.mark != "elect" or not surely or day <= surely.start_latest:
            return None
        return {"start": surely.start_text}
    return None


def check(doc, state: State, ctx):
    model = state.model
    day = doc.date or dt.date.today()
    for mention in mentions(doc, model):
        if not all(office.known_on(day) for _, office in mention.candidates):
            continue  # the base does not know who held it then
        if state.check == "sitting-on-former":
            before = model.words.prospective.search(doc.folded.text[max(0, mention.title_start - 30) : mention.title_start])
            if before:
                continue
        results = [_fires(state.check, state, doc, mention, p, o, day) for p, o in mention.candidates]
        if not all(results):
            continue  # a name several people share: only a verdict true for each of them
        # The message names the most recent of them.
        (person, office), extra = max(zip(mention.candidates, results), key=lambda x: max(t.start for t in x[0][0].terms_of(x[0][1].id)))
        holders = model.facts.holders(office.id, day)
        args = {
            "name": person.names[0], "name_en": person.name_en, "office": office.label_ar, "office_en": office.label_en,
            "date": day.isoformat(), "qid": person.id,
            "holder": "، ".join(p.names[0] for p, _ in holders) or "لا أحد في القاعدة",
            "holder_en": ", ".join(p.name_en for p, _ in holders) or "nobody in the base",
            "note": "", "note_en": "", **extra,
        }
        severity = None
        fix = None
        if state.check == "sitting-on-former" and _quoted(doc, mention.start):
            severity, args["note"], args["note_en"] = "info", *_QUOTED_NOTE
        if state.check == "former-on-sitting":
            if any(p.verify for p, _ in mention.candidates):
                severity = "warning"  # rests on an entry nobody has checked against Wikidata yet
            if mention.mark_span:
                s, e = mention.mark_span
                text = doc.text[mention.start : mention.end]
                head, tail = text[: s - mention.start].rstrip(), text[e - mention.start :].lstrip()
                fix = head + (" " if tail[:1].isalpha() else "") + tail
        yield Hit(mention.start, mention.end, fix, args, severity=severity)
