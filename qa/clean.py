"""Removing boilerplate lines: the logic behind `qa clean` (and any pipeline that strips furniture).

A line goes when a boilerplate finding covers all of its text: page furniture, a breadcrumb, a
ticker, a counter, a timestamp, a repeated line or, in corpus mode, a line the whole site repeats.
Findings inside a line (two glued words in a body paragraph) never remove it. The article's own
title, its first line that no single-article rule flags, always stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .rxcache import compile as rx

from .document import Document

_EXTRA_BLANKS = rx(r"(?:\r?\n|\r)(?:[ \t\u00a0]*(?:\r?\n|\r)){2,}")


@dataclass
class CleanResult:
    text: str
    removed_lines: list  # 1-based line numbers
    removed_words: int


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


def clean_document(doc: Document, findings, corpus_rules=("boilerplate/site-furniture",)) -> CleanResult:
    covered = line_level(doc, findings)
    title = None
    for line in doc.lines:
        if doc.text[line.start : line.end].strip() and not (covered.get(line.number, set()) - set(corpus_rules)):
            title = line.number
            break
    removed = [line.number for line in doc.lines if line.number in covered and line.number != title]
    text, words = drop_lines(doc, removed)
    return CleanResult(text, removed, words)


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
