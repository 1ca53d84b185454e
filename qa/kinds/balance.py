"""Kind `balance`: quotation marks and brackets, within a paragraph and across an article.

  unbalanced  a mark opened and never closed (or closed and never opened); a quotation may run on
              over paragraphs, reopened at each one (English) or not (Arabic), and close at the last
  mixed       an article that uses more than one quotation style («» “” ""); reported once, at the
              first mark of each style other than the most used one
"""

from __future__ import annotations

import unicodedata
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
    # mark or pair -> a regex for an opener and its closer on one line with neither between
    closed_on_the_line: dict = None


def _closed_on_the_line(opener: str, closer: str):
    marks = regex.escape(opener + closer if opener != closer else opener)
    return regex.compile(f"{regex.escape(opener)}[^{marks}\r\n]*{regex.escape(closer)}")


def _simply_paired(text: str, opener: str, closer: str, state: State) -> bool:
    """Whether every opener is closed on its own line before the next mark of the pair (or the pair
    is absent): then pairing over paragraphs, with its carrying and nesting, has nothing to report,
    and that is settled by one regex pass instead of a walk over the lines."""
    if opener not in text and closer not in text:
        return True
    rest = state.closed_on_the_line[opener, closer].sub("", text)
    return opener not in rest and closer not in rest


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
                 regex.compile("[" + regex.escape(chars) + "]") if chars else regex.compile(r"(?!)"),
                 {**{tuple(p): _closed_on_the_line(*p) for p in pairs if p[0] != p[1]},
                  **{(m, m): _closed_on_the_line(m, m) for m in symmetric}})


def _list_marker(text: str, index: int, line_start: int) -> bool:
    # "1)" or "أ)" opening a list item is not a bracket left unbalanced.
    head = text[line_start:index].strip()
    return len(head) <= 2 and head.isalnum()


def _pair_article(text, lines, events_per_line, runs_on: bool):
    """Pair openers and closers over the whole article, paragraph by paragraph. A quotation may run
    on over several paragraphs, as Arabic and English conventions allow: with no mark at all at a
    paragraph's start (Arabic), or reopened at the start of each paragraph and closed only at the end
    of the last (English). So an opener left over at a paragraph's end is carried into the next one,
    and is reported only if the article ends before it closes. A bracket (runs_on false) may only
    run into the next paragraph. Yields (position, 'opened'|'closed')."""
    carry, carried_since = None, 0
    for k, (line, events) in enumerate(zip(lines, events_per_line)):
        if carry is not None and not runs_on and k - carried_since > 1:
            yield carry, "opened"  # a bracket left open for more than the next paragraph
            carry = None
        stack = [carry] if carry is not None else []
        if carry is not None and events:
            first, role = events[0]
            if role == "open" and not text[line.start : first].strip():
                events = events[1:]  # the reopening mark of a quotation carried over
        for i, role in events:
            if role == "open":
                stack.append(i)
            elif stack:
                stack.pop()
            elif not _list_marker(text, i, line.start):
                yield i, "closed"
        # Openers nested under the one that goes on into the next paragraph are left unclosed here.
        for i in stack[:-1]:
            yield i, "opened"
        if not stack:
            carry = None
        elif stack[-1] != carry:
            carry, carried_since = stack[-1], k
    if carry is not None:
        yield carry, "opened"


def _pair_symmetric(text, lines, positions_per_line):
    """Straight quotes pair in order; in a paragraph with an odd count the last one is alone. A
    quotation left open goes on into the next paragraphs (reopened at their start or not): a
    paragraph with an odd count closes it, one with an even count is self-contained and passes it
    on. Yields the position of each quotation the article never closes."""
    carry = None
    for line, positions in zip(lines, positions_per_line):
        if carry is not None and positions and not text[line.start : positions[0]].strip():
            positions = positions[1:]  # the reopening mark of a quotation carried over
        if len(positions) % 2:
            carry = None if carry is not None else positions[-1]
    if carry is not None:
        yield carry


def check(doc, state: State, ctx):
    text = doc.text
    if state.mode == "mixed":
        yield from _mixed(text, state)
        return
    pairs = [p for p in state.pairs if p[0] == p[1] or not _simply_paired(text, *p, state)]
    symmetric = [m for m in state.symmetric if not _simply_paired(text, m, m, state)]
    if not pairs and not symmetric:
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
    for opener, closer in pairs:
        events = [[(i, "open" if text[i] == opener else "close") for i in positions if text[i] in (opener, closer)]
                  for positions in per_line]
        # Quotations run on over paragraphs; brackets do not (Ps: an opening bracket, Pi: a quote).
        runs_on = unicodedata.category(opener) != "Ps"
        for i, what in _pair_article(text, lines, events, runs_on):
            found.append((i, opener if what == "opened" else closer, what))
    for mark in symmetric:
        for i in _pair_symmetric(text, lines, [[i for i in positions if text[i] == mark] for positions in per_line]):
            found.append((i, mark, "opened"))
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
