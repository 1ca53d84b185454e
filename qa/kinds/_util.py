"""Helpers shared by check kinds: regex macros, parameter validation."""

from __future__ import annotations

import time

import regex

from . import ParamError

# Macros a pack may use inside its regexes. Uppercase names in braces never clash with {m,n}.
MACROS = {
    "{AR}": r"[\p{scx=Arabic}&&\p{L}]",
    "{ARW}": r"[\p{scx=Arabic}&&[\p{L}\p{M}]]",
    "{WORD}": r"[\p{L}\p{M}]",
    "{LATIN}": r"[\p{Latin}]",
    "{DIGIT}": r"\p{Nd}",
    "{CLITIC}": r"(?:[وف]?(?:[بك]?ال|لل|[بكل])?)",
    # Horizontal space as scraped pages have it: tabs, no-break and thin spaces too.
    "{SP}": r"[ \t\u00A0\u2007\u2009\u202F]",
}

_FLAG_NAMES = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE, "DOTALL": regex.DOTALL}

# A user pack must not be able to hang a run: all the matching one rule does on one text (its
# pattern and its exceptions together) shares this budget, and exceeding it raises TimeoutError.
MATCH_TIMEOUT = 5.0


def rule_deadline(ctx) -> float:
    """When the rule starting now must stop matching: its own budget, or sooner if the run has a
    deadline of its own (a service request's time budget, set by the engine on the context)."""
    deadline = time.monotonic() + MATCH_TIMEOUT
    run_deadline = getattr(ctx, "deadline", None)
    return deadline if run_deadline is None else min(deadline, run_deadline)


def time_left(deadline: float) -> float:
    """Seconds left before deadline, as a regex timeout; TimeoutError when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the rule's time budget is spent")
    return left


def expand_macros(pattern: str) -> str:
    for name, body in MACROS.items():
        pattern = pattern.replace(name, body)
    return pattern


def compile_regex(pattern, key: str, flags=()) -> regex.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise ParamError(key, f"'{key}' must be a non-empty regular expression string")
    value = 0
    for name in flags or ():
        if name not in _FLAG_NAMES:
            raise ParamError("flags", f"unknown regex flag {name!r} (known: {', '.join(_FLAG_NAMES)})")
        value |= _FLAG_NAMES[name]
    try:
        return regex.compile(expand_macros(pattern), regex.V1 | value)
    except regex.error as exc:
        raise ParamError(key, f"invalid regular expression in '{key}': {exc}") from None


def check_params(params: dict, allowed: dict, required: tuple = ()) -> None:
    for key in params:
        if key not in allowed:
            raise ParamError(key, f"unknown parameter {key!r} (this kind takes: {', '.join(sorted(allowed))})")
    for key in required:
        if key not in params:
            raise ParamError(None, f"missing required parameter {key!r}")


def expect(params: dict, key: str, types, default=None):
    value = params.get(key, default)
    if value is not None and not isinstance(value, types):
        names = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
        raise ParamError(key, f"'{key}' must be a {names}")
    return value


def expect_choice(params: dict, key: str, choices, default=None) -> str:
    """A parameter that must be one of a few names, with an error that lists them."""
    value = expect(params, key, str, default)
    if value not in choices:
        raise ParamError(key, f"{key} is one of {', '.join(choices)}, got {value!r}")
    return value


def alternation(strings) -> str:
    """A regex alternation of literal strings, as a prefix tree: the longer string is tried first
    at each branch, as `regex`'s named lists do. Unlike a named list (\\L<name>), which `regex`
    rebuilds from its members whenever a pattern is unpickled, a tree is ordinary pattern code, so
    a pack loaded from the cache needs no compiling."""
    trie: dict = {}
    for text in set(strings):
        node = trie
        for ch in text:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a string
    if not trie:
        return "(?!)"

    def emit(node) -> str:
        ends = "" in node
        branches = [regex.escape(ch, literal_spaces=True) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return "(?:" + emit(trie) + ")"
