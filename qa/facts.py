"""The office-holder base: who held which office when, and the Arabic titles and names that say so.

Loaded from rules/facts/office-holders.yaml (Wikidata's P39 position held, with P580 start and
P582 end). validate() checks what the tests and `qa facts --validate` check: ids, dates, overlapping
terms of single-holder offices, and name variants shared by two people without being marked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import regex

from .rxcache import compile as rx

_QID = rx(r"Q[1-9]\d*")
# Where no Q-id could be checked, an English Wikipedia title stands in (Wikidata resolves it
# through the article's sitelink); only an entry marked verify may carry one.
_ENWIKI = rx(r"enwiki:[^\s|#]+")


class FactsError(Exception):
    pass


@dataclass
class Office:
    id: str
    label_ar: str
    label_en: str
    wikidata: str
    kind: str
    single: bool
    titles: list
    # The last day the base is known to be complete for this office. After it a holder may have
    # changed without the base saying so, so the office raises nothing (precision first).
    known_until: dt.date | None = None

    def known_on(self, day: dt.date) -> bool:
        return self.known_until is None or day <= self.known_until


@dataclass
class Term:
    """A term's dates may be known to the day, the month or the year, as Wikidata's are. `start` and
    `end` are the widest reading (first day of the month it began, last day of the month it ended);
    `start_latest` and `end_earliest` the narrowest. A title is flagged as stale only outside the
    widest reading, and "former" only inside the narrowest, so an imprecise date never raises an alarm."""

    office: str
    start: dt.date
    end: dt.date | None  # the last day in office (Wikidata's P582); None while the term runs
    start_latest: dt.date
    end_earliest: dt.date | None
    start_text: str  # the dates as the base gives them, for messages
    end_text: str

    def covers(self, day: dt.date) -> bool:
        # The day of a handover belongs to both holders: news that day names either correctly.
        return self.start <= day and (self.end is None or day <= self.end)

    def surely_covers(self, day: dt.date) -> bool:
        # Strictly inside the term: on a handover day the outgoing holder is already "former" by
        # the evening and the incoming one still "former" (or "elect") in the morning.
        return self.start_latest < day and (self.end_earliest is None or day < self.end_earliest)


@dataclass
class Person:
    id: str
    name_en: str
    names: list
    shared_names: list
    terms: list
    verify: bool = False  # not yet checked against Wikidata: drift resting on it is a warning
    line: int | None = None
    verified: str | None = None  # the date of the Wikidata export that confirmed the entry
    source: str | None = None  # where the entry's last change comes from

    def holds(self, office: str, day: dt.date, surely: bool = False) -> Term | None:
        return next((t for t in self.terms if t.office == office and (t.surely_covers(day) if surely else t.covers(day))), None)

    def terms_of(self, office: str) -> list:
        return [t for t in self.terms if t.office == office]


@dataclass
class Facts:
    offices: dict
    people: list
    generic_titles: dict  # kind -> list of titles
    path: str = ""
    problems: list = field(default_factory=list)

    def holders(self, office: str, day: dt.date) -> list:
        return [(p, t) for p, t in self._terms_by_office.get(office, ()) if t.covers(day)]

    @cached_property
    def _terms_by_office(self) -> dict:
        # Asked for every title in every article: an index, not a scan of every person.
        index = {}
        for person in self.people:
            for term in person.terms:
                index.setdefault(term.office, []).append((person, term))
        return index


def _date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FactsError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


_PARTIAL = rx(r"(\d{4})(?:-(\d{2}))?")
_NO_DATE = (None, None, "")


def _date_range(value, where: str) -> tuple[dt.date, dt.date, str]:
    """The first and last day a date known to the day, month (YYYY-MM) or year (YYYY) may mean."""
    if value is None:
        return _NO_DATE
    partial = _PARTIAL.fullmatch(str(value)) if not isinstance(value, dt.date) else None
    if not partial:
        day = _date(value, where)
        return day, day, day.isoformat()
    year = int(partial[1])
    if not partial[2]:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), str(value)
    month = int(partial[2])
    if not 1 <= month <= 12:
        raise FactsError(f"{where}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    import calendar  # only when the base is read from YAML: a run loads it from the pack cache

    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), str(value)


def _term(spec: dict, where: str) -> Term:
    first, start_latest, start_text = _date_range(spec.get("start"), where)
    end_earliest, last, end_text = _date_range(spec.get("end"), where)
    return Term(spec["office"], first, last, start_latest, end_earliest, start_text, end_text)


def load(path: Path, load_yaml=None) -> Facts:
    """The base at path; load_yaml is the pack loader's reader when a rule compiles (so the file
    counts as the pack's dependency), else the same reader imported here."""
    if load_yaml is None:
        from .packs import load_yaml_file as load_yaml

    data = load_yaml(path)
    if isinstance(data, dict) and "people" in data and data["people"] is None:
        data["people"] = []  # a base with offices and nobody yet, to fill by `qa facts import`
    if not isinstance(data, dict) or not isinstance(data.get("offices"), dict) or not isinstance(data.get("people"), list):
        raise FactsError(f"{path}: a facts base has 'offices' (a mapping) and 'people' (a list)")
    offices = {}
    for oid, spec in data["offices"].items():
        where = f"{path}:{getattr(spec, 'line', '?')}: office {oid!r}"
        if not isinstance(spec, dict) or not isinstance(spec.get("titles"), list) or not spec.get("label_ar"):
            raise FactsError(f"{where}: needs label_ar, label_en, wikidata, kind and titles")
        offices[oid] = Office(oid, spec["label_ar"], spec.get("label_en", oid), str(spec.get("wikidata", "")),
                              spec.get("kind", ""), bool(spec.get("single", True)), [str(t) for t in spec["titles"]],
                              _date(spec.get("known_until"), where))
    people = []
    for spec in data["people"]:
        line = getattr(spec, "line", None)
        where = f"{path}:{line}"
        if not isinstance(spec, dict) or "id" not in spec or not isinstance(spec.get("terms"), list):
            raise FactsError(f"{where}: a person needs id, name_en, names and terms")
        terms = []
        for term in spec["terms"]:
            if not isinstance(term, dict) or term.get("office") not in offices:
                raise FactsError(f"{where}: {spec.get('name_en')}: term with unknown office {term.get('office') if isinstance(term, dict) else term!r}")
            terms.append(_term(term, where))
        people.append(Person(str(spec["id"]), str(spec.get("name_en", "")), [str(n) for n in spec.get("names") or []],
                             [str(n) for n in spec.get("shared_names") or []], terms, bool(spec.get("verify")), line,
                             str(spec["verified"]) if spec.get("verified") else None,
                             str(spec["source"]) if spec.get("source") else None))
    generic = {k: [str(t) for t in v] for k, v in (data.get("generic_titles") or {}).items()}
    return Facts(offices, people, generic, str(path))


def validate(facts: Facts) -> list[str]:
    """Problems in the base, one line each; an empty list means it is sound."""
    from .arabic import fold

    problems = []
    seen_ids = {}
    for office in facts.offices.values():
        if not (_QID.fullmatch(office.wikidata) or _ENWIKI.fullmatch(office.wikidata)):
            problems.append(f"office {office.id}: wikidata id {office.wikidata!r} is not a Q-id")
    for person in facts.people:
        where = f"{facts.path}:{person.line}: {person.name_en}"
        if not (_QID.fullmatch(person.id) or person.verify and _ENWIKI.fullmatch(person.id)):
            problems.append(f"{where}: {person.id!r} is not a Wikidata Q-id (or, marked verify, an enwiki: title)")
        if person.id in seen_ids:
            problems.append(f"{where}: Q-id {person.id} also belongs to {seen_ids[person.id]}")
        seen_ids[person.id] = person.name_en
        if not person.names:
            problems.append(f"{where}: no Arabic name")
        for term in person.terms:
            if term.start is None:
                problems.append(f"{where}: a term of {term.office} has no start")
            elif term.end is not None and term.end <= term.start:
                problems.append(f"{where}: a term of {term.office} ends ({term.end_text}) before it starts ({term.start_text})")
    for office in facts.offices.values():
        if not office.single:
            continue
        # Two imprecise dates in one month may overlap on paper; only a sure overlap is a problem.
        terms = sorted(((t.start_latest, t.end_earliest, p.name_en) for p in facts.people for t in p.terms
                        if t.office == office.id and t.start), key=lambda x: x[0])
        for (s1, e1, n1), (s2, _, n2) in zip(terms, terms[1:]):
            if e1 is None or e1 > s2:
                problems.append(f"office {office.id}: {n1} (from {s1} to {e1 or 'now'}) overlaps {n2} (from {s2})")
    owners = {}
    for person in facts.people:
        for name in person.names:
            who = owners.setdefault(fold(name), [])
            if person.name_en not in who:  # spellings that fold alike are one name
                who.append(person.name_en)
    for name, who in owners.items():
        if len(who) > 1:
            problems.append(f"name {name!r} belongs to {', '.join(who)}: list it under shared_names")
    return problems


@lru_cache(maxsize=4)
def load_cached(path: str) -> Facts:
    return load(Path(path))
