"""Necessary conditions read off pattern rules' regexes (qa/kinds/_shape.py): the pattern kind
skips documents and places with their help, and must find exactly what finditer over the whole
text finds."""

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.config import Config
from qa.document import Document
from qa.engine import Engine
from qa.kinds import _util
from qa.kinds import pattern as kind
from qa.kinds._shape import RepeatedWord, prefixes, repeated_word, required_literals, starts_after_non_word
from qa.kinds._util import expand_macros

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_required_literals_are_every_match_needs():
    assert required_literals(r"(?<!\p{L})من قبل(?=\s)") == (("من قبل",),)
    assert ("ab", "cd") in required_literals(r"x?(?:ab|cd)\d")
    # A positive lookahead's text is in the document too; a negative one says nothing.
    assert ("zz",) in required_literals(r"\d+(?=zz)")
    assert required_literals(r"\d+(?!zz)") is None
    # X+ starts and ends with an X: the literal before it and the one after join it.
    assert ("a!", "a.") in required_literals(r"[a]+(?=[!.])")


@pytest.mark.parametrize("pattern", [
    r"(?:ab)?\d",  # optional
    r"ab{e<=1}",  # fuzzy: ab need not occur
    r"(?x) a b",  # verbose
    r"\L<words>",  # a named list
    r"(?i)ab",  # letters in any case
    r"(?:a|\d)x?",  # one alternative has no literal
])
def test_no_literals_are_claimed_where_none_are_certain(pattern):
    found = required_literals(pattern)
    assert found is None or all("a" not in s and "b" not in s for group in found for s in group)


def test_prefixes_cover_optional_openings():
    assert prefixes(r"(?<!\p{L})(?:و)?(?:كما|مثل)\s") == ("كما", "مثل", "وكما", "ومثل")
    assert prefixes(r"&(?:#\d+|\w+);") == ("&",)
    assert prefixes(r"(?:ab)*c") is None  # a match may start with c or with ab
    assert prefixes(r"\d+x") is None


def test_a_leading_not_after_a_letter_is_recognised():
    assert starts_after_non_word(expand_macros(r"(?<!{WORD})(?:و)?(?:كما|مثل)"))
    assert not starts_after_non_word(expand_macros(r"x(?<!{WORD})كما"))  # it does not guard the start
    assert not starts_after_non_word(r"(?<!\p{L})كما")  # a mark may stand before the start


def test_repeated_words_are_recognised_by_shape_only():
    word = expand_macros(r"(?<!{WORD})(?P<w>{AR}+)(?:[ \u00A0]+(?P=w))+(?!{WORD})")
    assert repeated_word(word) == RepeatedWord(0, 0)
    assert repeated_word(expand_macros(r"(?<!{WORD})[وف](?P<w>{AR}{3,}){SP}+(?P=w)(?!{WORD})")) == RepeatedWord(1, 1)
    # The group may hold something other than letters, the separator something other than spaces,
    # or a word may follow the repetition: no shape, no shortcut.
    assert repeated_word(expand_macros(r"(?P<w>\S+) (?P=w)(?!{WORD})")) is None
    assert repeated_word(expand_macros(r"(?P<w>{AR}+)[ .]+(?P=w)(?!{WORD})")) is None
    assert repeated_word(expand_macros(r"(?P<w>{AR}+) (?P=w)")) is None
    assert repeated_word(expand_macros(r"\d*(?P<w>{AR}+) (?P=w)(?!{WORD})")) is None  # unbounded start


def _rules():
    return [r for r in Engine(Config()).all_rules if r.kind == "pattern"]


_RULES = _rules()


def _reference(doc, state):
    """What the kind found before any shortcut: finditer over the whole (normalised) text."""
    view = doc.view(state.normalize)
    spans = []
    for m in state.regex.finditer(view.text if view else doc.text):
        start, end = m.span(state.group)
        if start < 0:
            continue
        start, end = view.span(start, end) if view else (start, end)
        excerpt = doc.text[start:end]
        if excerpt in state.exceptions or state.exceptions_pattern is not None and \
                state.exceptions_pattern.fullmatch(excerpt):
            continue
        spans.append((start, end))
    return spans


def _found(doc, state):
    return [(h.start, h.end) for h in kind.check(doc, state, None)]


def test_every_pattern_rule_agrees_with_finditer_on_seeds_and_examples():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert any(r.state.repeated for r in _RULES) and any(r.state.anchor for r in _RULES)
    for rule in _RULES:
        for text in texts + [x["text"] for k in ("fire", "pass") for x in rule.examples[k]]:
            doc = Document(text)
            assert _found(doc, rule.state) == _reference(doc, rule.state), rule.id


pieces = st.sampled_from([
    "قال", "وقال", "فقال", "الأمن", "في", "من", "جدا", "جداً", "للغاية", "كما", "مثل", "زي", "حول", "كان",
    "الاجتماع", "من قبل", "تم", "الغير", "مارس", "10", "2018", "٢٠١٨", "قائلا", "إستخدام", "بـ", "ـ", "أوف",
    " ", "  ", "\u00a0", "\t", "\n", "\r\n", "،", ",", ".", "؟", "!", "«", "»", '"', "(", ")", "&amp;", "%s",
    "the", "of", ".ar", "\u064b", "\u0651", "\u200f", "\u202b", "\u202c", "ک", "ی", "ﻻ", "x", "A",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_every_pattern_rule_agrees_with_finditer_on_arbitrary_text(text):
    doc = Document(text)
    for rule in _RULES:
        assert _found(doc, rule.state) == _reference(doc, rule.state), rule.id


class _Context:
    deadline = None


@pytest.mark.parametrize("pattern, text", [
    # Anchored at its opening literal, then runaway backtracking.
    (r"(?:قال|ذكر)\s+(?:a|aa)+b", "قال " + "a" * 64 + "\nab"),
    # A repeated word, then runaway backtracking.
    (expand_macros(r"(?<!{WORD})(?P<w>{AR}+) (?P=w)(?!{WORD}) (?:a|aa)+b"), "قال قال " + "a" * 64 + "\nab"),
])
def test_a_runaway_pattern_still_times_out_where_it_is_tried(monkeypatch, pattern, text):
    monkeypatch.setattr(_util, "MATCH_TIMEOUT", 0.3)
    state = kind.compile({"pattern": pattern}, None)
    assert state.anchor is not None or state.repeated is not None
    with pytest.raises(TimeoutError):
        list(kind.check(Document(text), state, _Context()))


def test_literals_absent_means_no_regex_run():
    state = kind.compile({"pattern": "قال (?:a|aa)+b"}, None)
    assert list(kind.check(Document("قال " + "a" * 64), state, _Context())) == []
    assert regex.compile("b").search("قال " + "a" * 64) is None
