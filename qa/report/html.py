"""The HTML report for editors: one self-contained, right-to-left page with every article's text,
each finding highlighted at its exact span, a summary, filters and an index. It says where to
start: errors first, every table row a link to its highlight, one card per span with every finding
on it. Everything from the articles and the packs goes through Jinja2's autoescaping; nothing is
loaded from the network, and a content-security policy lets only the page's own script run."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
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

DATE_SOURCE_AR = {"flag": "من سطر الأوامر", "front-matter": "من ترويسة الملف", "text": "من نص المقال", "today": "تاريخ اليوم"}
# How many warnings the «start here» list shows after every error.
START_WARNINGS = 12


@dataclass
class Segment:
    text: str
    findings: list = field(default_factory=list)  # indices into the article's findings
    severity: str = ""  # the gravest severity among them, for the highlight's colour
    spans: list = field(default_factory=list)  # indices of the span groups covering it (one card each)
    starts: list = field(default_factory=list)  # span groups that start here: their anchors go before it
    narrow: bool = False  # a space or one mark: widened so it can be pointed at


@dataclass
class Span:
    """Every finding on one exact span: one card, one anchor."""
    id: str
    start: int
    end: int
    findings: list  # indices into the article's findings, gravest first
    severity: str


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
    spans: list = field(default_factory=list)  # Span groups, in text order
    span_of: list = field(default_factory=list)  # each finding's Span index
    table: list = field(default_factory=list)  # finding indices, gravest first, then in text order


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
                piece.narrow = len(piece.text.strip()) <= 1 and len(piece.text) <= 2
        out.append(pieces)
    return out


def _spans(anchor: str, findings, lines) -> tuple[list[Span], list[int]]:
    """The span groups, and for each finding the index of its group. Each segment learns which
    groups cover it, and the first segment of a group carries the group's anchor."""
    by_span: dict = {}
    for k, f in enumerate(findings):
        by_span.setdefault((f.start, f.end), []).append(k)
    spans, group_of = [], [0] * len(findings)
    for n, ((start, end), members) in enumerate(by_span.items()):
        members.sort(key=lambda k: (SEVERITY_ORDER[findings[k].severity], findings[k].rule))
        spans.append(Span(f"{anchor}-s{n}", start, end, members, findings[members[0]].severity))
        for k in members:
            group_of[k] = n
    anchored = set()
    for line in lines:
        for seg in line:
            groups = sorted({group_of[k] for k in seg.findings}, key=lambda g: (SEVERITY_ORDER[spans[g].severity], g))
            seg.spans = groups
            seg.starts = [g for g in groups if g not in anchored]
            anchored.update(seg.starts)
    return spans, group_of


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

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_html_safe,
    )
    env.globals["date_source_ar"] = DATE_SOURCE_AR  # the article macro is imported without context
    return env


def build_article(anchor: str, doc, findings) -> Article:
    findings = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    counts = Counter(f.severity for f in findings)
    lines = _segments(doc, findings)
    spans, span_of = _spans(anchor, findings, lines)
    table = sorted(range(len(findings)), key=lambda k: (SEVERITY_ORDER[findings[k].severity], findings[k].start, findings[k].rule))
    return Article(
        anchor=anchor, path=doc.path, date=doc.date.isoformat() if doc.date else "",
        date_source=doc.date_source or "", lines=lines, findings=findings,
        counts={s: counts.get(s, 0) for s in SEVERITY_ORDER}, stats=doc.stats, spans=spans, span_of=span_of, table=table,
    )


def start_here(articles) -> list[tuple]:
    """Where an editor starts: every error, then the first warnings, as (article, finding index)."""
    errors, warnings = [], []
    for a in articles:
        for k in a.table:
            {"error": errors, "warning": warnings}.get(a.findings[k].severity, []).append((a, k))
    return errors + warnings[:START_WARNINGS]


def script_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run, and no other."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def read_template_file(name: str) -> str:
    return (Path(__file__).parent / "templates" / name).read_text(encoding="utf-8")


def render(result, rules, tty: bool = False) -> str:
    by_path = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    articles = [build_article(f"a{n}", doc, by_path.get(doc.path, [])) for n, doc in enumerate(result.documents)]
    summary = summary_counts(result.findings)
    script = read_template_file("report.js")
    template = environment().get_template("report.html.j2")
    return template.render(
        articles=articles, summary=summary, total=len(result.findings), version=__version__,
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), severity_ar=SEVERITY_AR, pack_ar=PACK_AR,
        packs=sorted(summary["by_pack"]), severities=list(SEVERITY_ORDER), errors=[str(e) for e in result.errors],
        start=start_here(articles), remaining_warnings=max(0, summary["by_severity"]["warning"] - START_WARNINGS),
        script=script, csp=f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash(script)}; img-src data:",
    )
