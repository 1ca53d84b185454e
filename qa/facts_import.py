"""Refresh the office-holder base from a Wikidata export: `qa facts import EXPORT`.

The newsroom runs a query (`qa facts query` prints it, for the Wikidata Query Service) or saves
entities (Special:EntityData/Q76.json, or a dump) where it has internet; the package itself never
downloads. Both shapes are read:
  - SPARQL JSON results: head.vars and results.bindings, with ?person ?position ?start ?end
    (and optionally ?personLabel in Arabic, ?personLabelEn, ?startPrecision, ?endPrecision);
  - entities: {"entities": {Q-id: entity}}, a list of entities, or one entity per line, each with
    claims.P39 statements whose qualifiers P580 (start) and P582 (end) carry time values.

For each person and office the export covers, its terms replace the base's, the entry loses its
`verify` mark and gains `verified: DATE`; a person new to the base is added under its Arabic label.
An entry the base keys by an English Wikipedia title (`enwiki:…`) takes the Q-id when the export's
person has the same English or Arabic name and holds the same office. Offices are matched by their
Wikidata item; statements for other positions are counted and left out.

The base is edited as text, entry by entry, so its comments and layout stay as they are.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .arabic import fold
from .facts import Facts, FactsError, load, validate

_ENTITY_URI = regex.compile(r"(?:https?://www\.wikidata\.org/entity/)?(Q[1-9]\d*)")
_TIME = regex.compile(r"[+]?(\d{4})-(\d{2})-(\d{2})")


class ExportError(FactsError):
    """An export that cannot be read; the message says why, in one line."""


@dataclass
class Statement:
    """One P39 statement: a person held a position from start to end (texts as the base writes them)."""

    person: str
    position: str
    start: str | None
    end: str | None
    label_ar: str | None = None
    label_en: str | None = None


def _qid(value) -> str | None:
    m = _ENTITY_URI.fullmatch(str(value or "").strip())
    return m.group(1) if m else None


def _date_text(value, precision) -> str | None:
    """A Wikidata time as the base writes it: YYYY-MM-DD, YYYY-MM or YYYY by its precision
    (11 day, 10 month, 9 year); no precision given reads as a day."""
    if not value:
        return None
    m = _TIME.match(str(value).strip())
    if not m:
        return None
    year, month, day = m.groups()
    precision = int(precision) if precision not in (None, "") else 11
    if precision <= 9 or month == "00":
        return year
    if precision == 10 or day == "00":
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def _from_sparql(data: dict) -> list[Statement]:
    bindings = data.get("results", {}).get("bindings")
    if not isinstance(bindings, list):
        raise ExportError("a SPARQL result needs results.bindings (a list)")
    out = []
    for row in bindings:
        if not isinstance(row, dict):
            continue
        value = lambda *names: next((row[n]["value"] for n in names if isinstance(row.get(n), dict) and "value" in row[n]), None)
        person, position = _qid(value("person", "item", "holder")), _qid(value("position", "office"))
        if not person or not position:
            continue
        label_ar = value("personLabel", "personLabelAr", "label_ar")
        lang = (row.get("personLabel") or {}).get("xml:lang")
        if lang and lang != "ar" or label_ar == person:  # WDQS falls back to the Q-id when there is no label
            label_ar = None
        out.append(Statement(person, position, _date_text(value("start", "startTime"), value("startPrecision")),
                             _date_text(value("end", "endTime"), value("endPrecision")),
                             label_ar, value("personLabelEn", "label_en")))
    return out


def _time_of(snaks) -> str | None:
    for snak in snaks or ():
        if snak.get("snaktype", "value") != "value":
            continue
        value = (snak.get("datavalue") or {}).get("value") or {}
        text = _date_text(value.get("time"), value.get("precision"))
        if text:
            return text
    return None


def _from_entities(entities) -> list[Statement]:
    out = []
    for entity in entities:
        if not isinstance(entity, dict) or not _qid(entity.get("id")):
            continue
        labels = entity.get("labels") or {}
        label_ar = (labels.get("ar") or {}).get("value")
        label_en = (labels.get("en") or {}).get("value")
        for claim in (entity.get("claims") or {}).get("P39", []):
            if claim.get("rank") == "deprecated":
                continue
            snak = claim.get("mainsnak") or {}
            position = _qid(((snak.get("datavalue") or {}).get("value") or {}).get("id"))
            if not position:
                continue
            qualifiers = claim.get("qualifiers") or {}
            out.append(Statement(entity["id"], position, _time_of(qualifiers.get("P580")), _time_of(qualifiers.get("P582")),
                                 label_ar, label_en))
    return out


def read_export(path: Path) -> list[Statement]:
    """The P39 statements of a SPARQL JSON result or of Wikidata entities (see the module's doc)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: cannot read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:  # one entity per line, as the dumps give them (each line may end with a comma)
            data = [json.loads(line.rstrip().rstrip(",")) for line in text.splitlines() if line.strip() not in ("", "[", "]")]
        except json.JSONDecodeError as exc:
            raise ExportError(f"{path}: not JSON: {exc}") from None
    try:
        if isinstance(data, dict) and "results" in data:
            return _from_sparql(data)
        if isinstance(data, dict) and isinstance(data.get("entities"), dict):
            return _from_entities(data["entities"].values())
        if isinstance(data, dict) and "claims" in data:
            return _from_entities([data])
        if isinstance(data, list):
            return _from_entities(data)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from None
    except (AttributeError, TypeError, KeyError) as exc:  # a field of the wrong shape somewhere inside
        raise ExportError(f"{path}: not the shape of a Wikidata export ({type(exc).__name__}: {exc})") from None
    raise ExportError(f"{path}: neither SPARQL JSON results (head, results) nor Wikidata entities")


# --- Writing the base ---------------------------------------------------------------------------

_PLAIN = regex.compile(r"[^,:\[\]{}#&*!|>'\"%@`]+")


def _scalar(value: str) -> str:
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip() and not text[:1] in "-?" and text.lower() not in ("yes", "no", "true", "false", "null", "on", "off"):
        return text
    return json.dumps(text, ensure_ascii=False)  # a double-quoted YAML scalar is JSON


def entry_text(spec: dict) -> str:
    """A person as the base writes one: a flow mapping, terms on a second line."""
    head = [f"id: {spec['id']}", f"name_en: {_scalar(spec['name_en'])}",
            "names: [" + ", ".join(_scalar(n) for n in spec["names"]) + "]"]
    if spec.get("shared_names"):
        head.append("shared_names: [" + ", ".join(_scalar(n) for n in spec["shared_names"]) + "]")
    if spec.get("verify"):
        head.append("verify: true")
    if spec.get("verified"):
        head.append(f"verified: {spec['verified']}")
    if spec.get("source"):
        head.append(f"source: {_scalar(spec['source'])}")
    terms = []
    for term in spec["terms"]:
        parts = [f"office: {term['office']}", f"start: {term['start']}"]
        if term.get("end"):
            parts.append(f"end: {term['end']}")
        terms.append("{" + ", ".join(parts) + "}")
    return "  - {" + ", ".join(head) + ",\n     terms: [" + ", ".join(terms) + "]}\n"


def _spec_of(person) -> dict:
    return {"id": person.id, "name_en": person.name_en, "names": list(person.names), "shared_names": list(person.shared_names),
            "verify": person.verify, "verified": getattr(person, "verified", None), "source": getattr(person, "source", None),
            "terms": [{"office": t.office, "start": t.start_text, "end": t.end_text or None} for t in person.terms]}


@dataclass
class Report:
    statements: int = 0
    unknown_positions: set = field(default_factory=set)
    no_start: int = 0
    verified: list = field(default_factory=list)  # people whose terms the export confirmed unchanged
    changed: list = field(default_factory=list)  # (person, old terms, new terms)
    added: list = field(default_factory=list)  # new people
    skipped: list = field(default_factory=list)  # (Q-id, why)
    problems: list = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{self.statements} statements; {len(self.verified)} entries verified unchanged, {len(self.changed)} changed, "
               f"{len(self.added)} added; {len(self.unknown_positions)} positions not in the base, {self.no_start} statements without a start"]
        out += [f"changed {name}: {old} -> {new}" for name, old, new in self.changed]
        out += [f"added {name}" for name in self.added]
        out += [f"skipped {qid}: {why}" for qid, why in self.skipped]
        out += [f"problem: {p}" for p in self.problems]
        return out


def _terms_text(terms) -> str:
    return "; ".join(f"{t['office']} {t['start']}..{t.get('end') or 'now'}" for t in terms) or "none"


def merge(base_path: Path, statements: list[Statement], as_of: dt.date, write: bool = True) -> Report:
    """Merge statements into the base at base_path (see the module's doc); write it unless asked not to."""
    facts: Facts = load(base_path)
    report = Report(statements=len(statements))
    office_of = {o.wikidata: o.id for o in facts.offices.values()}
    by_id = {p.id: p for p in facts.people}
    grouped: dict = {}
    for st in statements:
        office = office_of.get(st.position)
        if not office:
            report.unknown_positions.add(st.position)
            continue
        if not st.start:
            report.no_start += 1
            continue
        grouped.setdefault(st.person, {}).setdefault(office, []).append(st)
    edits: dict = {}  # line of an existing entry -> new entry text
    new_entries = []
    for qid, offices in grouped.items():
        sample = next(iter(offices.values()))[0]
        person = by_id.get(qid) or _by_name(facts, sample, set(offices))
        if person is not None:
            spec = _spec_of(person)
            spec["id"] = qid
        else:
            if not sample.label_ar:
                report.skipped.append((qid, "no Arabic label"))
                continue
            spec = {"id": qid, "name_en": sample.label_en or qid, "names": [sample.label_ar], "terms": []}
        if sample.label_ar and fold(sample.label_ar) not in {fold(n) for n in spec["names"] + spec.get("shared_names", [])}:
            spec["names"].append(sample.label_ar)
        old_terms = [dict(t) for t in spec["terms"]]
        for office, sts in offices.items():
            kept = [t for t in spec["terms"] if t["office"] != office]
            fresh = sorted(({"office": office, "start": s.start, "end": s.end} for s in sts), key=lambda t: t["start"])
            fresh = [t for i, t in enumerate(fresh) if t not in fresh[:i]]
            spec["terms"] = kept + fresh
        spec["verify"] = False
        spec["verified"] = as_of.isoformat()
        spec["source"] = f"Wikidata {qid}, P39, export of {as_of.isoformat()}"
        text = entry_text(spec)
        if person is None:
            new_entries.append(text)
            report.added.append(f"{spec['name_en']} ({qid}): {_terms_text(spec['terms'])}")
        else:
            edits[person.line] = text
            if person.id != qid:
                report.changed.append((f"{spec['name_en']} ({qid})", person.id, qid))
            elif sorted(map(str, old_terms)) == sorted(map(str, spec["terms"])):
                report.verified.append(spec["name_en"])
            else:
                report.changed.append((f"{spec['name_en']} ({qid})", _terms_text(old_terms), _terms_text(spec["terms"])))
    covered = {office for offices in grouped.values() for office in offices}
    text = _rewrite(Path(base_path).read_text(encoding="utf-8"), edits, new_entries, covered, facts, as_of)
    if write and (edits or new_entries):
        tmp = Path(str(base_path) + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(base_path)  # atomically: a reader never sees half a base
        report.problems = validate(load(base_path))
    return report


def _by_name(facts: Facts, st: Statement, offices: set):
    """An entry keyed by an English Wikipedia title that is this person: same name, same office."""
    for person in facts.people:
        if not person.id.startswith("enwiki:") or not offices & {t.office for t in person.terms}:
            continue
        if st.label_en and st.label_en.casefold() == person.name_en.casefold():
            return person
        if st.label_ar and fold(st.label_ar) in {fold(n) for n in person.names}:
            return person
    return None


def _rewrite(text: str, edits: dict, new_entries: list, covered: set, facts: Facts, as_of: dt.date) -> str:
    lines = text.splitlines(keepends=True)
    out, i = [], 0
    while i < len(lines):
        number = i + 1
        if number in edits:
            out.append(edits[number])
            i += 1
            while i < len(lines) and lines[i].startswith("     "):  # the entry's continuation lines
                i += 1
            continue
        out.append(lines[i])
        i += 1
    if new_entries:
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.append(f"\n  # --- Added by `qa facts import` from a Wikidata export of {as_of.isoformat()} ---\n")
        out.extend(new_entries)
    result = "".join(out)
    # An office the export covers is known to the export's date.
    for office in covered:
        known = facts.offices[office].known_until
        if known and known < as_of:
            result = regex.sub(rf"(?m)(^  {regex.escape(office)}:\n(?:    .*\n)*?    known_until: )\S+", rf"\g<1>{as_of.isoformat()}", result, count=1)
    return result


def query(facts: Facts) -> str:
    """The Wikidata Query Service query whose JSON result `qa facts import` reads."""
    positions = " ".join(f"wd:{o.wikidata}" for o in facts.offices.values() if o.wikidata.startswith("Q"))
    return f"""SELECT ?person ?personLabel ?personLabelEn ?position ?start ?startPrecision ?end ?endPrecision WHERE {{
  VALUES ?position {{ {positions} }}
  ?person p:P39 ?statement .
  ?statement ps:P39 ?position ; wikibase:rank ?rank .
  FILTER(?rank != wikibase:DeprecatedRank)
  OPTIONAL {{ ?statement pqv:P580 [ wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision ] }}
  OPTIONAL {{ ?statement pqv:P582 [ wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision ] }}
  OPTIONAL {{ ?person rdfs:label ?personLabel FILTER(LANG(?personLabel) = "ar") }}
  OPTIONAL {{ ?person rdfs:label ?personLabelEn FILTER(LANG(?personLabelEn) = "en") }}
}}
"""


def export(facts: Facts) -> dict:
    """The base's verifiable entries (Q-ids, offices with a Wikidata item) as a SPARQL JSON result:
    what the query would return if Wikidata agreed with the base. Import reads it back unchanged."""
    bindings = []
    for person in facts.people:
        if not person.id.startswith("Q"):
            continue
        for term in person.terms:
            office = facts.offices[term.office]
            if not office.wikidata.startswith("Q"):
                continue
            row = {"person": {"type": "uri", "value": f"http://www.wikidata.org/entity/{person.id}"},
                   "position": {"type": "uri", "value": f"http://www.wikidata.org/entity/{office.wikidata}"},
                   "personLabel": {"xml:lang": "ar", "type": "literal", "value": person.names[0]},
                   "personLabelEn": {"xml:lang": "en", "type": "literal", "value": person.name_en}}
            for key, text in (("start", term.start_text), ("end", term.end_text)):
                if text:
                    parts = text.split("-")
                    full = "-".join(parts + ["01"] * (3 - len(parts)))
                    row[key] = {"datatype": "http://www.w3.org/2001/XMLSchema#dateTime", "type": "literal", "value": f"{full}T00:00:00Z"}
                    row[key + "Precision"] = {"datatype": "http://www.w3.org/2001/XMLSchema#integer", "type": "literal",
                                              "value": str({1: 9, 2: 10, 3: 11}[len(parts)])}
            bindings.append(row)
    return {"head": {"vars": ["person", "personLabel", "personLabelEn", "position", "start", "startPrecision", "end", "endPrecision"]},
            "results": {"bindings": bindings}}
