"""Kind `temporal-fact`: a title given to a person, checked against who held the office on the
article's date.

It finds a title and a name in apposition, in three shapes:
  الرئيس الأميركي [السابق] دونالد ترمب          title, optional marker, name (a comma may follow the title)
  دونالد ترمب، الرئيس الأميركي [السابق]          name, comma, title, marker
  ترمب (الرئيس [السابق])                         name, title in parentheses
A title without a country ("الرئيس") is resolved through the person's own offices of that kind.
Only appositions are read, so "الرئيس السابق" with no name, "الإدارة الأمريكية السابقة" and
"حين كان أوباما رئيسًا" are left alone. A sentence that dates itself to the person's term
("في عام 2009 زار الرئيس الأمريكي باراك أوباما …", "آنذاك") is history, not a sitting title.

Checks (one per rule): former-on-sitting, former-before-term, sitting-on-former,
elect-after-inauguration.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from ..arabic import fold
from . import Hit, ParamError
from ._util import alternation, check_params, expect, expect_choice

PARAMS = {
    "check": "former-on-sitting, former-before-term, sitting-on-former or elect-after-inauguration",
    "facts": "path of the office-holder base, relative to the pack",
    "grace_days": "sitting-on-former: days after a term ends during which the old title is not flagged (default 7)",
    "outgoing_days": "former-on-sitting: «المنتهية ولايته» is right within this many days before the term's end (default 365)",
}
CHECKS = ("former-on-sitting", "former-before-term", "sitting-on-former", "elect-after-inauguration")

FORMER = ["السابق", "السابقة", "الأسبق", "الأسبقة", "سابقا", "سابقًا"]
# "Outgoing" names a holder still in office whose term is ending (after an election, in a caretaker
# government): right in the months before a known handover, wrong on a term with no end in sight.
OUTGOING = ["المنتهية ولايته", "المنتهية ولايتها", "المنتهية ولايتهم", "المنصرف", "المنصرفة"]
ELECT = ["المنتخب", "المنتخبة"]
_HISTORY = regex.compile(r"(?<![\p{L}\p{M}])(?:" + fold(
    "آنذاك|حينها|حينذاك|وقتها|وقتذاك|في ذلك الوقت|في حينه|آنئذ|يومها|عندما كان|حين كان|إبان|أثناء ولاية|خلال ولاية|في عهد")
    + r")(?![\p{L}\p{M}])")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD_EDGE_BEFORE = r"(?<![\p{L}\p{M}])"
_WORD_EDGE_AFTER = r"(?![\p{L}\p{M}])"


@dataclass(eq=False)  # hashed by identity: a document's cache keys mentions by the model
class Model:
    facts: object
    titles: dict  # folded title -> ("office", id) or ("kind", kind)
    names: dict  # folded name -> list of people
    marks: dict  # folded marker -> "former" | "outgoing" | "elect"
    name_words: frozenset  # every word of every name, to skip articles that name nobody in the base
    _patterns: list | None = None

    @property
    def patterns(self) -> list:
        if self._patterns is None:
            titles, names, marks = alternation(self.titles), alternation(self.names), alternation(self.marks)
            clitic = r"(?:[وف]?[بك]?)"
            self._patterns = [
                regex.compile(_WORD_EDGE_BEFORE + clitic + rf"(?P<title>{titles})(?:\s+(?P<mark>{marks}))?\s*[،,]?\s+(?P<name>{names})"
                              + _WORD_EDGE_AFTER, regex.V1),
                regex.compile(_WORD_EDGE_BEFORE + rf"(?P<name>{names})\s*[،,]\s*" + clitic + rf"(?P<title>{titles})(?:\s+(?P<mark>{marks}))?"
                              + _WORD_EDGE_AFTER, regex.V1),
                regex.compile(_WORD_EDGE_BEFORE + rf"(?P<name>{names})\s*\(\s*(?P<title>{titles})(?:\s+(?P<mark>{marks}))?\s*\)",
                              regex.V1),
            ]
        return self._patterns


@dataclass
class State:
    check: str
    model: Model
    grace_days: int = 7
    outgoing_days: int = 365


_MODELS: dict = {}


def _model(path, env) -> Model:
    from ..facts import FactsError, load

    key = str(path)
    if key in _MODELS:
        env.note_read(path)  # a dependency of this pack's cache entry too, though read for another
        return _MODELS[key]
    try:
        facts = load(path, env.load_yaml)
    except FactsError as exc:
        raise ParamError("facts", str(exc), path=path) from None
    titles = {}

    def add_title(text, value):
        folded = fold(text)
        titles[folded] = value
        if folded.startswith("ال"):
            titles["ل" + folded[1:]] = value  # ل + الرئيس is written للرئيس

    for office in facts.offices.values():
        for title in office.titles:
            add_title(title, ("office", office.id))
    for kind, generic in facts.generic_titles.items():
        for title in generic:
            add_title(title, ("kind", kind))
    names = {}
    for person in facts.people:
        for name in person.names + person.shared_names:
            owners = names.setdefault(fold(name), [])
            if person not in owners:  # spellings that fold alike are one name
                owners.append(person)
    marks = {fold(m): "former" for m in FORMER} | {fold(m): "outgoing" for m in OUTGOING} | {fold(m): "elect" for m in ELECT}
    name_words = frozenset(word for name in names for word in name.split())
    model = Model(facts, titles, names, marks, name_words)
    _MODELS[key] = model
    return model


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("check", "facts"))
    check = expect_choice(params, "check", CHECKS)
    model = _model(env.pack_dir / expect(params, "facts", str), env)
    model.patterns  # noqa: B018  (compiled now, so that the pack cache holds them compiled)
    return State(check, model, expect(params, "grace_days", int, 7), expect(params, "outgoing_days", int, 365))


@dataclass
class Mention:
    start: int
    end: int
    person: object
    office: object
    mark: str | None
    mark_span: tuple | None


def _resolve_office(model: Model, title_value, people):
    """The (person, office) a title and a name denote, or None if it is not one person's office."""
    kind, value = title_value
    found = []
    for person in people:
        offices = {t.office for t in person.terms}
        if kind == "office" and value in offices:
            found.append((person, model.facts.offices[value]))
        elif kind == "kind":
            matching = [model.facts.offices[o] for o in offices if model.facts.offices[o].kind == value]
            if len(matching) == 1:
                found.append((person, matching[0]))
    return found[0] if len(found) == 1 else None


def mentions(doc, model: Model) -> list[Mention]:
    key = ("temporal-fact", model)
    if key in doc.cache:
        return doc.cache[key]
    view = doc.folded
    out, taken = [], []
    if not any(fold(t.text) in model.name_words for t in doc.tokens if t.script == "ar"):
        doc.cache[key] = out  # nobody in the base is named here
        return out
    for pattern in model.patterns:
        for m in pattern.finditer(view.text):
            span = m.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            resolved = _resolve_office(model, model.titles[m.group("title")], model.names[m.group("name")])
            if not resolved:
                continue
            taken.append(span)
            # The mention runs from the title or the name, whichever comes first, without a proclitic.
            start, end = view.span(min(m.start("title"), m.start("name")), span[1])
            mark = model.marks.get(m.group("mark")) if m.group("mark") else None
            mark_span = view.span(*m.span("mark")) if m.group("mark") else None
            out.append(Mention(start, end, resolved[0], resolved[1], mark, mark_span))
    out.sort(key=lambda x: x.start)
    doc.cache[key] = out
    return out


def _sentence_span(doc, offset: int) -> tuple[int, int]:
    import bisect

    starts = doc.cache.setdefault("sentence-starts", [s for s, _ in doc.sentences])
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < doc.sentences[i][1]:
        return doc.sentences[i]
    return offset, offset


def _sentence(doc, offset: int) -> str:
    start, end = _sentence_span(doc, offset)
    return doc.text[start:end]


def _historical(doc, mention: Mention, day: dt.date) -> bool:
    """Does the context place itself in the person's term, so the title was true then? The
    sentence may say "آنذاك"; the paragraph may give a year of the term."""
    if _HISTORY.search(fold(_sentence(doc, mention.start))):
        return True
    line = doc.line_at(mention.start)
    # The paragraph, within bounds: a line of megabytes is not one paragraph's worth of context.
    context = doc.text[max(line.start, mention.start - _CONTEXT) : min(line.end, mention.end + _CONTEXT)]
    terms = mention.person.terms_of(mention.office.id)
    for year in map(int, _YEAR.findall(context)):
        if year < day.year and any(t.start.year <= year <= (t.end or day).year for t in terms):
            return True
    return False


_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_CONTEXT = 1500  # characters around a mention that count as its paragraph


def _quoted(doc, offset: int) -> bool:
    """Inside a quotation, the title is the speaker's word ("الرئيس أوباما" in a Trump tweet)."""
    line = doc.line_at(offset)
    opened = None
    for i in range(max(line.start, offset - _CONTEXT), offset):
        ch = doc.text[i]
        if opened is None and ch in _QUOTE_PAIRS:
            opened = ch
        elif opened is not None and ch == _QUOTE_PAIRS[opened]:
            opened = None
    return opened is not None


# "المرشح لتولي منصب وزير الخارجية مايك بومبيو": the post is named, not held.
_PROSPECTIVE = regex.compile(fold(r"(?:مرشح|مرشحة|المرشح|المرشحة|لتولي|لمنصب|منصب|المعين|المعينة|خليفة|خلفا)\s*$"))


def check(doc, state: State, ctx):
    model = state.model
    day = doc.date or dt.date.today()
    for mention in mentions(doc, model):
        person, office = mention.person, mention.office
        if not office.known_on(day):
            continue  # the base does not know who held it then
        term = person.holds(office.id, day)
        surely = person.holds(office.id, day, surely=True)
        held_before = [t for t in person.terms_of(office.id) if t.start <= day]
        holders = model.facts.holders(office.id, day)
        args = {
            "name": person.names[0], "name_en": person.name_en, "office": office.label_ar, "office_en": office.label_en,
            "date": day.isoformat(), "qid": person.id,
            "holder": "، ".join(p.names[0] for p, _ in holders) or "لا أحد في القاعدة",
            "holder_en": ", ".join(p.name_en for p, _ in holders) or "nobody in the base",
        }
        if state.check == "former-on-sitting" and mention.mark in ("former", "outgoing") and surely:
            if mention.mark == "outgoing" and surely.end_earliest and (surely.end_earliest - day).days <= state.outgoing_days:
                continue  # a caretaker between an election and the handover
            fix = None
            if mention.mark_span:
                s, e = mention.mark_span
                text = doc.text[mention.start : mention.end]
                rel_s, rel_e = s - mention.start, e - mention.start
                head, tail = text[:rel_s].rstrip(), text[rel_e:].lstrip()
                fix = head + (" " if tail[:1].isalpha() else "") + tail
            yield Hit(mention.start, mention.end, fix, {**args, "start": surely.start_text})
        elif state.check == "former-before-term" and mention.mark in ("former", "outgoing") and not term and not held_before:
            first = min(person.terms_of(office.id), key=lambda t: t.start)
            yield Hit(mention.start, mention.end, None, {**args, "start": first.start_text})
        elif state.check == "sitting-on-former" and mention.mark is None and not term:
            if any(t.end and t.end <= day <= t.end + dt.timedelta(days=state.grace_days) for t in person.terms_of(office.id)):
                continue  # days after a resignation the old title still names the news
            before = fold(doc.text[max(0, mention.start - 30) : mention.start])
            if _PROSPECTIVE.search(before) or _quoted(doc, mention.start) or _historical(doc, mention, day):
                continue
            nearest = min(person.terms_of(office.id), key=lambda t: abs((t.start - day).days))
            yield Hit(mention.start, mention.end, None, {**args, "start": nearest.start_text, "end": nearest.end_text or "—"})
        elif state.check == "elect-after-inauguration" and mention.mark == "elect" and surely and day > surely.start_latest:
            yield Hit(mention.start, mention.end, None, {**args, "start": surely.start_text})
