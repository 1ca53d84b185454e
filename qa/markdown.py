"""What in a Markdown file is not prose: YAML front matter, fenced code blocks and indented code
blocks (CommonMark's rules, simplified). Findings there are suppressed; the text itself is not
changed, so every offset, line and column stays that of the file."""

from __future__ import annotations

import regex

from .rxcache import compile as rx

MARKDOWN_SUFFIXES = (".md", ".markdown")
_LINE = rx(r"[^\r\n]*(?:\r\n|\r|\n)?")
_FENCE = rx(r" {0,3}(`{3,}|~{3,})")
_INDENTED = rx(r"(?: {4}|\t)")
_LIST_ITEM = rx(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _lines(text: str):
    """(start, end without the break, content) for each line."""
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        line = m.group()
        yield m.start(), m.start() + len(line.rstrip("\r\n")), line.rstrip("\r\n")


def code_regions(text: str) -> list[tuple[int, int]]:
    """Spans of front matter, fenced code and indented code, as (start, end) offsets."""
    lines = list(_lines(text))
    out = []
    i = 0
    if lines and lines[0][2] == "---":  # front matter: from the first line to the closing --- or ...
        for j in range(1, len(lines)):
            if lines[j][2] in ("---", "..."):
                out.append((0, lines[j][1]))
                i = j + 1
                break
    previous_blank, in_list = True, False
    while i < len(lines):
        start, end, content = lines[i]
        fence = _FENCE.match(content)
        if fence:
            mark = fence.group(1)
            closing = regex.compile(r" {0,3}" + regex.escape(mark[0]) + "{" + str(len(mark)) + r",}[ \t]*$")
            j = i + 1
            while j < len(lines) and not closing.match(lines[j][2]):
                j += 1
            last = min(j, len(lines) - 1)  # an unclosed fence runs to the end of the file
            out.append((start, lines[last][1]))
            i, previous_blank, in_list = last + 1, False, False
            continue
        blank = not content.strip()
        if not blank and previous_blank and not in_list and _INDENTED.match(content):
            j = i
            block_end = end
            while j < len(lines) and (not lines[j][2].strip() or _INDENTED.match(lines[j][2])):
                if lines[j][2].strip():
                    block_end = lines[j][1]
                j += 1
            out.append((start, block_end))
            i, previous_blank = j, True
            continue
        if not blank:
            # Indented lines after a list item continue the item, not code.
            in_list = bool(_LIST_ITEM.match(content)) or (in_list and bool(_INDENTED.match(content)))
        previous_blank = blank
        i += 1
    return out
