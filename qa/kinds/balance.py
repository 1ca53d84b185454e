"""Kind `balance`: quotation marks and brackets, within a paragraph and across an article.

  unbalanced  a mark opened and never closed (or closed and never opened) within its line
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
    for opener, closer in state.pairs:
        open_left, close_left = [], []
        for line, positions in zip(lines, per_line):
            stack, stray = [], []
            for i in positions:
                ch = text[i]
                if ch == opener:
                    stack.append(i)
                elif ch == closer:
                    if stack:
                        stack.pop()
                    elif not _list_marker(text, i, line.start):
                        stray.append(i)
            open_left.append(stack)
            close_left.append(stray)
        # A quotation may run on into the next paragraph: an opener left at the end of one
        # paragraph and a closer left at the start of the next are one pair.
        for k in range(len(lines) - 1):
            while open_left[k] and close_left[k + 1]:
                open_left[k].pop()
                close_left[k + 1].pop(0)
        for k in range(len(lines)):
            for i in close_left[k]:
                yield Hit(i, i + 1, None, {"mark": closer, "state": "closed"})
            for i in open_left[k]:
                yield Hit(i, i + 1, None, {"mark": opener, "state": "opened"})
    for mark in state.symmetric:
        odd = [[i for i in positions if text[i] == mark] for positions in per_line]
        k = 0
        while k < len(odd):
            if len(odd[k]) % 2 and k + 1 < len(odd) and len(odd[k + 1]) % 2:
                k += 2  # a quotation carried over into the next paragraph
                continue
            if len(odd[k]) % 2:
                # Straight quotes pair in order; with an odd count the last one is alone.
                i = odd[k][-1]
                yield Hit(i, i + 1, None, {"mark": mark, "state": "opened"})
            k += 1


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
