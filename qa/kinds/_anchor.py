"""Literal anchors for pattern rules: where a regex can only start at one of a few literal strings
(month names, English function words, the forms of a verb), one Aho-Corasick pass finds those
literals and the regex is tried only there, with `match` at each place, instead of `finditer`
trying it at every position of the text. The matches are the same: every match starts at a
literal (or at an optional character just before one), candidates are tried left to right, and a
candidate inside the previous match is skipped, as finditer does.

The anchor is read off the pattern's own text, so a pack needs no extra parameter: leading
lookarounds are skipped, an optional one-character class before the literal widens the start by
one, and the first group must be an alternation of plain literals (a group nested in a group is
followed). Anything else (a quantifier that makes the group optional, an escape, a class inside a
literal) means no anchor, and the rule runs as before.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_META = set("\\[](){}|.^$*+?")


@dataclass
class Anchor:
    automaton: object  # pyahocorasick, literal -> its length
    offsets: tuple  # how far before a literal a match may start
    casefold: bool  # literals compared case-insensitively (the text is case-folded first)
    literals: tuple
    # The pattern opens with (?<![\p{L}\p{M}]): a place right after a letter or mark is no start.
    word_start: bool = False


def _letter_or_mark(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"  # exactly [\p{L}\p{M}]


def _class_end(p: str, i: int) -> int:
    """Index after the character class starting at p[i] == '[' (V1 sets may nest)."""
    depth, i = 0, i
    while i < len(p):
        ch = p[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _group_end(p: str, i: int) -> int:
    """Index after the group starting at p[i] == '('."""
    depth = 0
    while i < len(p):
        ch = p[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(p, i)
            if i < 0:
                return -1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _top_level_bar(body: str) -> bool:
    depth, i = 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(body, i)
            if i < 0:
                return True
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


def _literals(body: str):
    parts = body.split("|")
    if not parts or any(not part or any(ch in _META for ch in part) for part in parts):
        return None
    return parts


def _anchor_of(p: str, fold: bool):
    """(literals, offsets, fold) for a pattern (or group body) that must start with a literal."""
    if _top_level_bar(p):  # a match may start with either alternative
        return None
    i, offsets = 0, (0,)
    while i < len(p):
        if p.startswith(("(?m)", "(?s)"), i):
            i += 4
            continue
        if p.startswith("(?i)", i):
            fold, i = True, i + 4
            continue
        if p.startswith(("(?<!", "(?<=", "(?=", "(?!"), i):  # zero-width: the match starts after it
            end = _group_end(p, i)
            if end < 0:
                return None
            i = end
            continue
        if p[i] == "[" and offsets == (0,):
            end = _class_end(p, i)
            if end < 0 or p[end : end + 1] != "?":
                return None
            offsets, i = (0, 1), end + 1
            continue
        if p[i] != "(":
            return None
        end = _group_end(p, i)
        if end < 0 or p[end : end + 1] in ("?", "*") or p.startswith(("{0", "{,"), end):
            return None
        if p.startswith("(?P<", i):
            body_start = p.index(">", i) + 1
        elif p.startswith("(?i:", i):
            fold, body_start = True, i + 4
        elif p.startswith("(?:", i):
            body_start = i + 3
        elif p[i + 1 : i + 2] != "?":
            body_start = i + 1
        else:
            return None
        body = p[body_start : end - 1]
        literals = _literals(body)
        if literals is not None:
            return literals, offsets, fold
        inner = _anchor_of(body, fold)
        if inner is None:
            return None
        literals, inner_offsets, fold = inner
        return literals, tuple(sorted({a + b for a in offsets for b in inner_offsets})), fold
    return None


def find_anchor(pattern: str, ignorecase: bool = False) -> Anchor | None:
    """The literal anchor of an expanded pattern, or None."""
    import ahocorasick

    found = _anchor_of(pattern, ignorecase)
    if found is None:
        return None
    literals, offsets, fold = found
    automaton = ahocorasick.Automaton()
    for literal in dict.fromkeys(lit.casefold() if fold else lit for lit in literals):
        if fold and len(literal) != len(literal.casefold()):
            return None
        automaton.add_word(literal, len(literal))
    automaton.make_automaton()
    return Anchor(automaton, offsets, fold, tuple(literals))


def literal_anchor(literals) -> Anchor:
    """The anchor of a pattern every match of which starts with one of these strings."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, len(literal))
    automaton.make_automaton()
    return Anchor(automaton, (0,), False, tuple(literals))


# Trying the regex at one place (finding the place, then a `match` with its timeout) costs about
# as much as letting a pattern that opens with a lookbehind or an alternation scan forty characters.
_CHARS_PER_CANDIDATE = 40


def anchored_finditer(rx, text: str, anchor: Anchor, time_left=lambda: None):
    """rx.finditer(text), trying rx only where the anchor's literals occur. time_left() gives each
    match what is left of the rule's one time budget (and raises TimeoutError when it is spent)."""
    key = text
    if anchor.casefold:
        key = text.casefold()
        if len(key) != len(text):  # a character folds to several (ß): offsets would drift
            yield from rx.finditer(text, timeout=time_left())
            return
    candidates = set()
    most = len(text) // _CHARS_PER_CANDIDATE + 1
    word_start = anchor.word_start
    for last, length in anchor.automaton.iter(key):
        first = last + 1 - length
        for offset in anchor.offsets:
            start = first - offset
            if start >= 0 and not (word_start and start and _letter_or_mark(text[start - 1])):
                candidates.add(start)
        if len(candidates) > most:  # the literals are everywhere: letting the regex scan is cheaper
            yield from rx.finditer(text, timeout=time_left())
            return
    yield from match_at(rx, text, candidates, time_left)


def match_at(rx, text: str, starts, time_left=lambda: None):
    """rx.finditer(text), for a regex whose matches can only start at the given positions: each is
    tried with `match`, left to right, skipping those inside the previous match, as finditer does."""
    consumed = 0
    match = rx.match
    for start in sorted(starts):
        if start < consumed:
            continue
        m = match(text, start, timeout=time_left())
        if m is not None:
            consumed = m.end() if m.end() > start else start + 1
            yield m
