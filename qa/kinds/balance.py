"""Kind `balance`: quotation marks and brackets, within a paragraph and across an article.

  unbalanced  a mark opened and never closed (or closed and never opened); a quotation may run on
              over paragraphs, reopened at each one (English) or not (Arabic), and close at the last
  mixed       an article that uses more than one quotation style («» “” ""); reported once, at the
              first mark of each style other than the most used one
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "mode": "unbalanced or mixed",
    "pairs": "list of [open, close] pairs, e.g. [[«, »], [“, ”], [(, )]]",
    "symmetric": "marks that open and close alike, e.g. ['\"']",
    "styles": "mixed: the quotation styles, each a string of its marks, e.g. ['«»', '“”', '\"']",
}


@dataclass
class State:
    mode: str
    pairs: list
    symmetric: list
    styles: list
    marks: object = None


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("mode",))
    mode = expect_choice(params, "mode", ("unbalanced", "mixed"))
    pairs = expect(params, "pairs", list, [])
    if any(not isinstance(p, list) or len(p) != 2 or not all(isinstance(c, str) and len(c) == 1 for c in p) for p in pairs):
        raise ParamError("pairs", "each pair is [open, close], single characters")
    symmetric = expect(params, "symmetric", list, [])
    styles = expect(params, "styles", list, [])
    if mode == "mixed" and len(styles) < 2:
        raise ParamError("styles", "mixed needs at least two styles")
    chars = "".join(c for p in pairs for c in p) + "".join(symmetric)
    return State(mode, [tuple(p) for p in pairs], symmetric, styles,
                 regex.compile("[" + regex.escape(chars) + "]") if chars else regex.compile(r"(?!)"))


def _list_marker(text: str, index: int, line_start: int) -> bool:
    # "1)" or "أ)" opening a list item is not a bracket left unbalanced.
    head = text[line_start:index].strip()
    return len(head) <= 2 and head.isalnum()


# A straight quote's role comes from what flanks it: after a space, a bracket or a lone proclitic
# (و"  بـ"  لـ") it opens; before a space, punctuation or the line's end it closes.
_OPENS_AFTER = regex.compile(r"(?:^|[\s(\[«“])(?:[وفبلك]{1,2}ـ?|الـ)?$")
_CLOSES_BEFORE = regex.compile(r"^(?:$|[\s.,،؛;:!?؟)\]»”…-])")


def _role(text: str, i: int, line_start: int, line_end: int) -> str:
    before, after = text[max(line_start, i - 4) : i], text[i + 1 : min(line_end, i + 2)]
    if _OPENS_AFTER.search(before if i - 4 >= line_start else "\n" + before):
        return "open"
    if _CLOSES_BEFORE.match(after):
        return "close"
    return "either"


def _pair_article(text, lines, events_per_line):
    """Pair openers and closers over the whole article, paragraph by paragraph. A quotation may run
    on over several paragraphs, as Arabic and English conventions allow: with no mark at all at a
    paragraph's start (Arabic), or reopened at the start of each paragraph and closed only at the end
    of the last (English). So an opener left over at a paragraph's end is carried into the next one,
    and is reported only if the article ends before it closes. Yields (position, 'opened'|'closed')."""
    carry = None
    for line, events in zip(lines, events_per_line):
        stack = [carry] if carry is not None else []
        if carry is not None and events:
            first, role = events[0]
            if role != "close" and not text[line.start : first].strip():
                events = events[1:]  # the reopening mark of a quotation carried over
        for i, role in events:
            if role == "either":
                role = "close" if stack else "open"
            if role == "open":
                stack.append(i)
            elif stack:
                stack.pop()
            elif not _list_marker(text, i, line.start):
                yield i, "closed"
        # Openers nested under the one that goes on into the next paragraph are left unclosed here.
        for i in stack[:-1]:
            yield i, "opened"
        carry = stack[-1] if stack else None
    if carry is not None:
        yield carry, "opened"


def check(doc, state: State, ctx):
    text = doc.text
    if state.mode == "mixed":
        yield from _mixed(text, state)
        return
    lines = [line for line in doc.lines if text[line.start : line.end].strip()]
    marks = state.marks.finditer(text)
    # Positions of every mark, per non-blank line, found in one regex pass over the text.
    per_line, pending = [], next(marks, None)
    for line in lines:
        here = []
        while pending is not None and pending.start() < line.end:
            if pending.start() >= line.start:
                here.append(pending.start())
            pending = next(marks, None)
        per_line.append(here)
    found = []
    for opener, closer in state.pairs:
        events = [[(i, "open" if text[i] == opener else "close") for i in positions if text[i] in (opener, closer)]
                  for positions in per_line]
        for i, what in _pair_article(text, lines, events):
            found.append((i, opener if what == "opened" else closer, what))
    for mark in state.symmetric:
        events = [[(i, _role(text, i, line.start, line.end)) for i in positions if text[i] == mark]
                  for line, positions in zip(lines, per_line)]
        for i, what in _pair_article(text, lines, events):
            found.append((i, mark, what))
    for i, mark, what in sorted(found):
        yield Hit(i, i + 1, None, {"mark": mark, "state": what})


def _mixed(text: str, state: State):
    first, counts = {}, {}
    for style in state.styles:
        for mark in style:
            index = text.find(mark)
            if index != -1:
                first[style] = min(first.get(style, index), index)
                counts[style] = counts.get(style, 0) + text.count(mark)
    if len(counts) < 2:
        return
    main = max(counts, key=lambda s: (counts[s], -first[s]))
    for style in counts:
        if style != main:
            i = first[style]
            yield Hit(i, i + 1, None, {"style": style, "main": main})
