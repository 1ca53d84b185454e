"""Kind `pattern`: a regular expression; each match is a finding, with an optional fix."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from . import Hit, ParamError
from ._anchor import anchored_finditer, find_anchor, literal_anchor, match_at
from ._shape import SPACE_CLASS, has_leading_literal, prefixes, repeated_word, required_literals, starts_after_non_word
from ._util import check_params, compile_regex, expand_macros, expect, expect_choice, rule_deadline, time_left

PARAMS = {
    "pattern": "regular expression (regex module, V1; macros {AR} {ARW} {WORD} {LATIN} {DIGIT} {CLITIC})",
    "flags": "list of IGNORECASE, MULTILINE, DOTALL",
    "group": "the group whose span is reported and replaced (number or name; default the whole match)",
    "replacement": "fix template for the reported span; may use \\1 or \\g<name>",
    "char_map": "fix that maps each character of the reported span (e.g. ک: ك)",
    "transform": "a named fix: nfkc, unify-digits or html-unescape",
    "normalize": "match on the text as is (none), without marks and tatweel (strip), or folded (fold)",
    "exceptions": "matched texts that are never reported",
    "exceptions_pattern": "a regular expression; a match whose whole text it matches is not reported",
}

_WESTERN = "0123456789"
_EASTERN = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
_TO_WESTERN = str.maketrans(_EASTERN + _PERSIAN, _WESTERN * 2)
_TO_EASTERN = str.maketrans(_WESTERN + _PERSIAN, _EASTERN * 2)


def _unify_digits(text: str) -> str:
    # Write the whole number in the digits most of it already uses; a tie goes to Western.
    # Invisible format characters caught inside the number go.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    western = sum(ch in _WESTERN for ch in text)
    return text.translate(_TO_WESTERN if western * 2 >= len(text) - text.count(",") - text.count(".") else _TO_EASTERN)


def _html_unescape(text: str) -> str:
    import html  # only packs that use the transform pay for importing it

    return html.unescape(text)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


TRANSFORMS = {  # named functions, not lambdas: compiled packs are pickled into the cache
    "nfkc": _nfkc,
    "unify-digits": _unify_digits,
    "html-unescape": _html_unescape,
}


@dataclass
class State:
    regex: object
    group: int | str
    replacement: str | None
    char_map: dict | None
    transform: object
    normalize: str
    exceptions: frozenset
    exceptions_pattern: object
    # Where every match starts at one of a few literals: found by one automaton pass (see _anchor).
    anchor: object = None
    # Necessary conditions read off the pattern (see _shape): a document that fails one cannot
    # match, and the regex is not run on it at all.
    required: tuple = ()  # tests: a tuple of strings (one must occur), a character class, an automaton
    repeated: object = None  # _shape.RepeatedWord: the regex is tried only around repeated words


# A set of more strings than this is tested with one automaton pass rather than one `in` each.
_IN_TESTS = 6


def _everywhere(literal: str) -> bool:
    """A character of every Arabic text, many times over: a space, a full stop or comma, a digit,
    a letter of the Arabic alphabet proper. Looking for it saves nothing."""
    return len(literal) == 1 and (literal.isspace() or literal in ".،0123456789"
                                  or "\u0621" <= literal <= "\u064a" and literal != "\u0640")  # not tatweel


def _required_tests(pattern: str, ignorecase: bool, anchor, fast: bool) -> tuple:
    """The required-literal tests worth making: a set with a string found in every text is not, nor
    a whole automaton pass for a regex that finds its own leading literal fast (`fast`)."""
    import ahocorasick

    tests = []
    for strings in required_literals(pattern, ignorecase) or ():
        if any(_everywhere(string) or string == "ال" for string in strings):  # the article too
            continue
        if len(strings) <= (1 if fast else _IN_TESTS):
            tests.append(strings)
        elif not fast and (anchor is None or set(strings) != set(anchor.literals)):  # an anchor makes its own pass
            if all(len(string) == 1 for string in strings):  # a character class: `re` finds it fastest
                import re

                tests.append(re.compile("[" + "".join(map(re.escape, strings)) + "]"))
                continue
            automaton = ahocorasick.Automaton()
            for string in strings:
                automaton.add_word(string, len(string))
            automaton.make_automaton()
            tests.append(automaton)
    # Cheapest first: a document that lacks a rare character is settled by one `in`.
    return tuple(sorted(tests, key=lambda t: len(t) if type(t) is tuple else _IN_TESTS + 1))


def _may_match(text: str, tests: tuple) -> bool:
    for test in tests:
        if type(test) is tuple:
            for string in test:
                if string in text:
                    break
            else:
                return False
        elif hasattr(test, "search"):
            if test.search(text) is None:
                return False
        elif next(test.iter(text), None) is None:
            return False
    return True


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("pattern",))
    rx = compile_regex(params["pattern"], "pattern", expect(params, "flags", list))
    group = expect(params, "group", (int, str), 0)
    if isinstance(group, int) and not 0 <= group <= rx.groups or isinstance(group, str) and group not in rx.groupindex:
        raise ParamError("group", f"group {group!r} does not exist in the pattern")
    fixes = [k for k in ("replacement", "char_map", "transform") if k in params]
    if len(fixes) > 1:
        raise ParamError(fixes[1], "give only one of replacement, char_map and transform")
    char_map = expect(params, "char_map", dict)
    if char_map is not None and any(not isinstance(k, str) or len(k) != 1 or not isinstance(v, str) for k, v in char_map.items()):
        raise ParamError("char_map", "char_map maps single characters to strings")
    transform = expect(params, "transform", str)
    if transform is not None and transform not in TRANSFORMS:
        raise ParamError("transform", f"unknown transform {transform!r} (known: {', '.join(TRANSFORMS)})")
    normalize = expect_choice(params, "normalize", ("none", "strip", "fold"), "none")
    expanded = expand_macros(params["pattern"])
    ignorecase = bool(rx.flags & regex.IGNORECASE)
    # How the regex is spared most of the text: around repeated words, or where a match can start.
    repeated = repeated_word(expanded)
    anchor = None if repeated else find_anchor(expanded, ignorecase)
    fast = has_leading_literal(expanded)
    if anchor is None and not repeated and not fast:
        starts = prefixes(expanded, ignorecase)
        anchor = literal_anchor(starts) if starts and not any(map(_everywhere, starts)) else None
    if anchor is not None:
        anchor.word_start = starts_after_non_word(expanded)
    return State(
        regex=rx,
        group=group,
        replacement=expect(params, "replacement", str),
        char_map=str.maketrans(dict(char_map)) if char_map else None,
        transform=TRANSFORMS[transform] if transform else None,
        normalize=normalize,
        exceptions=frozenset(expect(params, "exceptions", list, [])),
        exceptions_pattern=compile_regex(params["exceptions_pattern"], "exceptions_pattern")
        if "exceptions_pattern" in params else None,
        anchor=anchor,
        required=_required_tests(expanded, ignorecase, anchor, fast),
        repeated=repeated,
    )


def check(doc, state: State, ctx):
    view = doc.view(state.normalize)
    haystack = view.text if view else doc.text
    if state.required and not _may_match(haystack, state.required):
        return ()
    if state.repeated is not None:
        starts = _repeated_word_starts(doc, state.normalize, haystack, state.repeated)
        if not starts:
            return ()
    else:
        starts = None
    return _hits(doc, state, ctx, view, haystack, starts)


def _hits(doc, state: State, ctx, view, haystack: str, starts):
    # One budget for the pattern and its exceptions: finditer counts its own matching time, and
    # each anchored match and each exception test gets what is left of the rule's budget.
    deadline = rule_deadline(ctx)
    if starts is not None:
        found = match_at(state.regex, haystack, starts, lambda: time_left(deadline))
    elif state.anchor is not None:
        found = anchored_finditer(state.regex, haystack, state.anchor, lambda: time_left(deadline))
    else:
        found = state.regex.finditer(haystack, timeout=time_left(deadline))
    for m in found:
        start, end = m.span(state.group)
        if start < 0:
            continue
        if view:
            start, end = view.span(start, end)
        excerpt = doc.text[start:end]
        if excerpt in state.exceptions:
            continue
        if state.exceptions_pattern is not None and state.exceptions_pattern.fullmatch(excerpt, timeout=time_left(deadline)):
            continue
        if state.replacement is not None:
            fix = m.expand(state.replacement)
        elif state.char_map is not None:
            fix = excerpt.translate(state.char_map)
        elif state.transform is not None:
            fix = state.transform(excerpt)
        else:
            fix = None
        if fix == excerpt:
            fix = None
        args = {k: v for k, v in m.groupdict().items() if v is not None}
        args["codepoints"] = " ".join(f"U+{ord(ch):04X}" for ch in excerpt[:4])
        yield Hit(start, end, fix, args)


# A word run, horizontal spaces, and a run the first one ends with: the only places where a
# repeated-word pattern (see _shape) can match. One scan per document serves every such rule.
_REPEATED_WORDS = r"(?<=[\p{L}\p{M}])%s+([\p{L}\p{M}]++)(?<=\1%s+\1)" % (SPACE_CLASS, SPACE_CLASS)


def _repeated_word_starts(doc, normalize: str, text: str, shape) -> list:
    key = ("pattern:repeated-words", normalize)
    pairs = doc.cache.get(key)
    if pairs is None:
        from ..rxcache import compile as rx

        # (where the spaces start, the repeated run's length) for each pair
        pairs = doc.cache[key] = [(m.start(), m.end() - m.start(1))
                                  for m in rx(_REPEATED_WORDS, regex.V1).finditer(text)]
    return [start for space, size in pairs
            for start in range(space - size - shape.pre_max, space - size - shape.pre_min + 1) if start >= 0]
