"""Inline suppression markers an editor can leave in a text, and baseline fingerprints.

Markers come in two spellings, so one of them survives whatever the CMS does to the text: an HTML
comment, which rich-text editors keep in the source and never show readers, and a bracketed form for
systems that store plain text.

    <!-- qa-ignore typography/doubled-word -->     [qa-ignore typography/doubled-word]
        on a line of its own: silences those rules on the next non-blank line;
        at the end of a line: silences them on that line.
    <!-- qa-ignore-start mt-debris --> … <!-- qa-ignore-end -->     [qa-ignore-start] … [qa-ignore-end]
        silences them on the span between the two markers.

Rule lists are pack or rule ids separated by commas or spaces; no list means every rule. A finding
on the marker itself is always silenced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import regex

from .rxcache import compile as rx

_MARKER = rx(
    r"(?:<!--\s*|\[)qa-ignore(?P<kind>-start|-end)?(?P<ids>(?:[\s,]+[a-z][a-z0-9-]*(?:/[a-z0-9-]+)?)*)\s*(?:-->|\])")


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    ids: frozenset  # empty: every rule
    marker: int = -1  # where the marker that made it starts; -1 for the marker's own region

    def covers(self, finding) -> bool:
        overlaps = finding.start < self.end and finding.end > self.start
        empty_inside = finding.start == finding.end and self.start <= finding.start < self.end
        if not (overlaps or empty_inside):
            return False
        return not self.ids or finding.rule in self.ids or finding.pack in self.ids


def regions(doc) -> list[Region]:
    from .markdown import code_regions, is_markdown

    text = doc.text
    # In Markdown, front matter and code are not prose: nothing in them is reported.
    out = [Region(start, end, frozenset()) for start, end in code_regions(text)] if is_markdown(doc.path) else []
    if "qa-ignore" not in text:
        return out
    open_spans = []
    for m in _MARKER.finditer(text):
        ids = frozenset(regex.split(r"[\s,]+", m.group("ids").strip())) - {""}
        out.append(Region(m.start(), m.end(), frozenset()))  # the marker itself
        kind = m.group("kind")
        if kind == "-start":
            open_spans.append((m.end(), ids, m.start()))
        elif kind == "-end":
            if open_spans:
                start, span_ids, start_marker = open_spans.pop()
                out.append(Region(start, m.start(), span_ids, start_marker))
        else:
            line = doc.line_at(m.start())
            rest = (text[line.start : m.start()] + text[m.end() : line.end]).strip()
            if rest:
                out.append(Region(line.start, line.end, ids, m.start()))
            else:
                following = [ln for ln in doc.lines[line.number:] if text[ln.start : ln.end].strip()]
                if following:
                    out.append(Region(following[0].start, following[0].end, ids, m.start()))
    for start, ids, marker in open_spans:  # an unterminated start runs to the end of the text
        out.append(Region(start, len(text), ids, marker))
    return out


def apply(doc, findings: list, known: set, ran: set) -> tuple[list, list[str]]:
    """The findings that no marker silences, and warnings about the markers themselves, as ruff's
    RUF100 gives them: an id that names no rule or pack (a typo silences nothing), and a marker
    that silenced nothing (the problem was fixed, or the marker is in the wrong place). A marker
    naming only rules that did not run on this text is not called unused. known: every rule and
    pack id; ran: the ids of the rules that ran and of their packs, or a function that gives them
    (asked only for a text with markers)."""
    silenced = regions(doc)
    if not silenced:
        return findings, []
    if callable(ran):
        ran = ran()
    kept, used = [], set()
    for f in findings:
        covering = [region for region in silenced if region.covers(f)]
        if covering:
            used.update(region.marker for region in covering)
        else:
            kept.append(f)
    warnings, seen = [], set()
    for region in silenced:
        if region.marker < 0 or region.marker in seen:
            continue
        seen.add(region.marker)
        line, column = doc.line_col(region.marker)
        unknown = sorted(region.ids - known)
        if unknown:
            warnings.append(f"{line}:{column}: qa-ignore names unknown rule or pack {unknown[0]!r} (see 'qa rules')")
        elif region.marker not in used and (not region.ids or region.ids <= ran):
            named = ", ".join(sorted(region.ids)) or "any rule"
            warnings.append(f"{line}:{column}: unused qa-ignore: no finding of {named} here to silence")
    return kept, warnings


_SPACE = rx(r"\s+")
_WORD = rx(r"[\p{L}\p{M}\p{N}]+")
_WINDOW = 200  # characters either side, plenty for three words


def fingerprint(doc, rule: str, start: int, end: int) -> str:
    """A finding's identity that survives edits elsewhere in the file: the path, the rule, the
    matched text and up to three words either side on its line, normalised; never line numbers."""
    from .arabic import fold

    line = doc.line_at(start)
    # A bounded window: on a line of megabytes, reading the whole line per finding is quadratic.
    before = _WORD.findall(doc.text[max(line.start, start - _WINDOW) : start])[-3:]
    after = _WORD.findall(doc.text[end : min(line.end, end + _WINDOW)])[:3]
    excerpt = _SPACE.sub(" ", doc.text[start:end]).strip()
    key = "|".join([doc.path, rule, fold(excerpt), fold(" ".join(before)), fold(" ".join(after))])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
