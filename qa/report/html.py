"""The HTML report for editors: one self-contained, right-to-left page with every article's text,
each finding highlighted at its exact span, a summary, filters and an index. Everything from the
articles and the packs goes through Jinja2's autoescaping; nothing is loaded from the network."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..findings import SEVERITIES
from . import summary_counts

SEVERITY_ORDER = {name: i for i, name in enumerate(SEVERITIES)}  # error first
SEVERITY_AR = {"error": "خطأ", "warning": "تحذير", "info": "ملاحظة"}
PACK_AR = {
    "typography": "الطباعة",
    "mt-debris": "بقايا الترجمة الآلية",
    "boilerplate": "عناصر الصفحة",
    "factual-drift": "الوقائع والتواريخ",
    "consistency": "اتساق الأسماء",
    "readability": "المقروئية",
}


@dataclass
class Segment:
    text: str
    findings: list = field(default_factory=list)  # indices into the article's findings
    severity: str = ""  # the gravest severity among them, for the highlight's colour


@dataclass
class Article:
    anchor: str
    path: str
    date: str
    date_source: str
    lines: list  # each a list of Segments
    findings: list
    counts: dict
    stats: object = None


def _segments(doc, findings) -> list[list[Segment]]:
    """Each line of the text cut at every finding boundary, so each piece knows which findings
    cover it. A finding across lines is clipped to each line; an empty finding (an insertion
    point) becomes an empty piece of its own."""
    out = []
    for line in doc.lines:
        inside = [(k, f) for k, f in enumerate(findings) if f.start <= line.end and f.end >= line.start]
        cuts = {line.start, line.end}
        for _, f in inside:
            cuts.update(min(max(x, line.start), line.end) for x in (f.start, f.end))
        points = sorted(cuts)
        pieces = []
        for a, b in zip(points, points[1:] + [None]):
            pieces.extend(Segment("", [k]) for k, f in inside if f.start == f.end == a)
            if b is None:
                break
            covering = [k for k, f in inside if f.start < b and f.end > a]
            pieces.append(Segment(doc.text[a:b], covering))
        for piece in pieces:
            if piece.findings:
                piece.severity = min((findings[k].severity for k in piece.findings), key=SEVERITY_ORDER.get)
        out.append(pieces)
    return out


# Characters HTML forbids in a document (controls other than whitespace, noncharacters, lone
# surrogates), which Word and scrapers leave in copy. Each becomes one visible character, so
# highlights keep their place: a C0 control its Control Pictures symbol (\v is ␋), the rest U+FFFD.
_NOT_HTML = None


def _html_safe(value):
    global _NOT_HTML
    if not isinstance(value, str):
        return value
    if _NOT_HTML is None:
        import regex

        _NOT_HTML = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\p{Noncharacter_Code_Point}\p{Cs}]")
    cleaned = _NOT_HTML.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < "\x20" else
                            "\u2421" if m.group() == "\x7f" else "\ufffd", value)
    return type(value)(cleaned) if cleaned != value else value  # markup stays markup


def environment():
    """The Jinja2 environment of every HTML view (the report and `qa serve`'s page), autoescaped."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_html_safe,
    )


def build_article(anchor: str, doc, findings) -> Article:
    findings = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    counts = Counter(f.severity for f in findings)
    return Article(
        anchor=anchor, path=doc.path, date=doc.date.isoformat() if doc.date else "",
        date_source=doc.date_source or "", lines=_segments(doc, findings), findings=findings,
        counts={s: counts.get(s, 0) for s in SEVERITY_ORDER}, stats=doc.stats,
    )


def render(result, rules, tty: bool = False) -> str:
    by_path = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    articles = [build_article(f"a{n}", doc, by_path.get(doc.path, [])) for n, doc in enumerate(result.documents)]
    summary = summary_counts(result.findings)
    template = environment().get_template("report.html.j2")
    return template.render(
        articles=articles, summary=summary, total=len(result.findings), version=__version__,
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), severity_ar=SEVERITY_AR, pack_ar=PACK_AR,
        packs=sorted(summary["by_pack"]), severities=list(SEVERITY_ORDER), errors=[str(e) for e in result.errors],
    )
