"""Removing boilerplate lines: the logic behind `qa clean` (and any pipeline that strips furniture).

A line goes when a boilerplate finding covers all of its text: page furniture, a breadcrumb, a
ticker, a counter, a timestamp, a repeated line or, in corpus mode, a line the whole site repeats.
Findings inside a line (two glued words in a body paragraph) never remove it. The article's own
title, its first line that no single-article rule flags, always stays.

Each result says what went and why (line numbers and the rules behind them), so a data team can
audit a run, and how much of the document went: a document losing more than half its words is
flagged for a look (`MAX_SHARE`), since cleaning should trim a page, not empty an article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .rxcache import compile as rx

from .document import Document

_EXTRA_BLANKS = rx(r"(?:\r?\n|\r)(?:[ \t\u00a0]*(?:\r?\n|\r)){2,}")


# Above this share of its words removed, a document is reported for a look.
MAX_SHARE = 0.5


@dataclass
class CleanResult:
    text: str
    removed_lines: list  # 1-based line numbers
    removed_words: int
    words: int = 0  # words before cleaning
    lines: int = 0  # non-blank lines before cleaning
    reasons: dict = field(default_factory=dict)  # line number -> {"rules": [...], "reason": message}

    @property
    def removed_share(self) -> float:
        """Share of the document's words removed."""
        return self.removed_words / self.words if self.words else 0.0

    @property
    def too_much(self) -> bool:
        return self.removed_share > MAX_SHARE

    def summary(self) -> dict:
        """The audit record of one file: counts, and each removed line with its reasons."""
        return {"lines": self.lines, "removed_lines": len(self.removed_lines), "words": self.words,
                "removed_words": self.removed_words, "removed_share": round(self.removed_share, 4),
                "warning": self.too_much,
                "removed": [{"line": n, **self.reasons.get(n, {"rules": [], "reason": ""})} for n in self.removed_lines]}


def line_level(doc: Document, findings) -> dict[int, set]:
    """Line number -> rules whose finding covers the whole (trimmed) line."""
    covered: dict[int, set] = {}
    for f in findings:
        if f.pack != "boilerplate" or f.line != f.end_line:
            continue
        line = doc.lines[f.line - 1]
        segment = doc.text[line.start : line.end]
        lead = len(segment) - len(segment.lstrip())
        if f.start <= line.start + lead and f.end >= line.start + lead + len(segment.strip()):
            covered.setdefault(f.line, set()).add(f.rule)
    return covered


def _reasons(doc: Document, findings, covered: dict) -> dict:
    reasons: dict = {}
    for f in findings:
        if f.line in covered and f.rule in covered[f.line] and f.line not in reasons:
            reasons[f.line] = {"rules": sorted(covered[f.line]), "reason": f.message_en}
    return reasons


def clean_document(doc: Document, findings, corpus_rules=("boilerplate/site-furniture",)) -> CleanResult:
    covered = line_level(doc, findings)
    title = None
    for line in doc.lines:
        if doc.text[line.start : line.end].strip() and not (covered.get(line.number, set()) - set(corpus_rules)):
            title = line.number
            break
    removed = [line.number for line in doc.lines if line.number in covered and line.number != title]
    text, words = drop_lines(doc, removed)
    lines = sum(1 for line in doc.lines if doc.text[line.start : line.end].strip())
    return CleanResult(text, removed, words, len(doc.text.split()), lines, _reasons(doc, findings, covered))


def drop_lines(doc: Document, numbers) -> tuple[str, int]:
    """The text without these (1-based) lines, and the words they held. Removing lines can leave
    stacks of blank lines; one blank line is enough between paragraphs."""
    numbers = set(numbers)
    if not numbers:
        return doc.text, 0
    keep, words = [], 0
    starts = [*doc.line_starts, len(doc.text)]
    for line in doc.lines:
        if line.number in numbers:
            words += len(doc.text[line.start : line.end].split())
        else:
            keep.append(doc.text[starts[line.number - 1] : starts[line.number]])
    return _EXTRA_BLANKS.sub(lambda m: doc.newline * 2, "".join(keep)).lstrip("\r\n"), words
