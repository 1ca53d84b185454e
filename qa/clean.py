"""Removing boilerplate lines: the logic behind `qa clean` (and any pipeline that strips furniture).

A line goes when a boilerplate finding covers all of its text: page furniture, a breadcrumb, a
ticker, a counter, a timestamp, a repeated line or, in corpus mode, a line the whole site repeats.
Findings inside a line (two glued words in a body paragraph) never remove it. The article's own
title, its first line that no single-article rule flags, always stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .document import Document

_EXTRA_BLANKS = regex.compile(r"(?:\r?\n|\r)(?:[ \t\u00a0]*(?:\r?\n|\r)){2,}")


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
    keep, removed, words = [], [], 0
    starts = doc.line_starts + [len(doc.text)]
    for line in doc.lines:
        chunk = doc.text[starts[line.number - 1] : starts[line.number]]
        if line.number in covered and line.number != title:
            removed.append(line.number)
            words += len(doc.text[line.start : line.end].split())
        else:
            keep.append(chunk)
    text = "".join(keep)
    if removed:
        # Removing lines can leave stacks of blank lines; one blank line is enough between paragraphs.
        text = _EXTRA_BLANKS.sub(lambda m: doc.newline * 2, text).lstrip("\r\n")
    return CleanResult(text, removed, words)
