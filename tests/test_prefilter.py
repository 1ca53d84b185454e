"""Literal anchors (qa/kinds/_anchor.py): a pattern tried only where its literals occur finds
exactly what finditer over the whole text finds."""

from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.config import Config
from qa.engine import Engine
from qa.kinds._anchor import anchored_finditer, find_anchor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def spans(found):
    return [m.span() for m in found]


def test_anchors_are_read_off_the_pattern():
    assert find_anchor(r"(?<!\p{L})(?P<m>ab|cd)\s+\d").literals == ("ab", "cd")
    assert find_anchor(r"(?<!\p{L})(?:[xy]?(?:ab|cd))e").offsets == (0, 1)
    assert find_anchor(r"(?<=\p{L} )(?i:the|of)(?= )").casefold
    assert find_anchor(r"(?:ab|cd)?e") is None  # the literal is optional
    assert find_anchor(r"(?:ab|c.)e") is None  # not a literal
    assert find_anchor(r"x(?:ab)") is None


def test_a_top_level_alternative_is_never_anchored():
    rx = regex.compile(r"(?:ab|cd)|e", regex.V1)
    assert find_anchor(r"(?:ab|cd)|e") is None
    assert find_anchor(r"(?:(?:ab|cd)|e)f") is None
    assert spans(rx.finditer("e ab e")) == [(0, 1), (2, 4), (5, 6)]


def _anchored_rules():
    engine = Engine(Config())
    return [r for r in engine.all_rules if r.kind == "pattern" and r.state.anchor is not None]


def test_packs_have_anchored_rules_and_they_agree_on_examples_and_seeds():
    rules = _anchored_rules()
    assert {"mt-debris/english-date", "mt-debris/english-function-word"} <= {r.id for r in rules}
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for rule in rules:
        for text in texts + [x["text"] for k in ("fire", "pass") for x in rule.examples[k]]:
            assert spans(anchored_finditer(rule.state.regex, text, rule.state.anchor)) == spans(rule.state.regex.finditer(text))


pieces = st.sampled_from(["قام", "وقام", "فيقوم", "ب", "بالعمل", " ", "  ", "مارس", "آذار", "10", "،", ",", "2025",
                          "the", "THE", "Of", "ſ", "ß", "كتاب", "\n", "يناير", "تشرين الأول"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=25).map("".join))
def test_anchored_equals_finditer_on_arbitrary_text(text):
    for rule in _RULES:
        assert spans(anchored_finditer(rule.state.regex, text, rule.state.anchor)) == spans(rule.state.regex.finditer(text))


_RULES = _anchored_rules()
