"""One finding per problem: when two rules report the same problem, keep the more specific one.

Two findings have the same cause when they cover the same span, or when both lie in one word (a
span without whitespace) and one contains the other: a word spelled two ways *and* missing its
hamza is one problem, a missing hamza. The kept finding is the more severe; between equals, of two
nested spans the narrower one when the wider adds only letters (a proclitic: «اوروبي» in
«الاوروبي»), the wider one when it adds marks around a word (the HTML entity «&quot;», not the
Latin word inside it; the placeholder «{{name}}»); on one span, one with a fix. The others ride
along in its `related` list, so reporters can show one card per span that names every rule that saw
it. Findings about sentences, lines or quotations that merely contain a word with its own problem
are different problems and stay.
"""

from __future__ import annotations

import unicodedata

from .findings import SEVERITY_RANK, Finding


def _same_cause(a: Finding, b: Finding, text: str) -> bool:
    if a.rule == b.rule:
        return False
    if (a.start, a.end) == (b.start, b.end):
        return True
    outer, inner = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    # One word: no space in the wider span, and a letter in the narrower (a quotation mark inside
    # «."» is another problem than the full stop beside it).
    return not any(ch.isspace() for ch in text[outer.start : outer.end]) and any(
        ch.isalpha() for ch in text[inner.start : inner.end])


def _keep_first(a: Finding, b: Finding, text: str) -> bool:
    """Is `a` the finding to keep of the two?"""
    rank_a, rank_b = SEVERITY_RANK[a.severity], SEVERITY_RANK[b.severity]  # error is the highest
    if rank_a != rank_b:
        return rank_a > rank_b
    if (a.start, a.end) == (b.start, b.end):
        return (a.fix is None, a.rule) <= (b.fix is None, b.rule)
    outer, inner = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
    added = text[outer.start : inner.start] + text[inner.end : outer.end]
    keep = outer if any(not (ch.isalpha() or unicodedata.category(ch).startswith("M")) for ch in added) else inner
    return keep is a


def one_per_problem(findings: list[Finding], text: str) -> list[Finding]:
    """The findings with each same-cause cluster reduced to its most specific member, which carries
    the rest in `related`. Findings sorted or not; the order of those kept is preserved."""
    if len(findings) < 2:
        return findings
    order = sorted(range(len(findings)), key=lambda i: (findings[i].start, findings[i].end))
    absorbed: dict[int, int] = {}  # index -> index of the finding it rides along with
    # Candidates overlap, so a sweep by start compares each finding only with those still open.
    open_: list[int] = []
    for i in order:
        f = findings[i]
        open_ = [j for j in open_ if findings[j].end > f.start or (findings[j].start, findings[j].end) == (f.start, f.end)]
        for j in open_:
            if _same_cause(findings[j], f, text):
                a, b = _root(absorbed, j), _root(absorbed, i)
                if a != b:
                    keep, drop = (a, b) if _keep_first(findings[a], findings[b], text) else (b, a)
                    absorbed[drop] = keep
        open_.append(i)
    if not absorbed:
        return findings
    for drop in sorted(absorbed):
        keep = _root(absorbed, drop)
        findings[keep].related.append(findings[drop])
    return [f for i, f in enumerate(findings) if i not in absorbed]


def _root(absorbed: dict, i: int) -> int:
    while i in absorbed:
        i = absorbed[i]
    return i
