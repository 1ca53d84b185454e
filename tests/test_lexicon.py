"""The lexicon kind's automaton finds what one regex alternation, tried longest-first at each
word start, would find: the same spans, readings and left-to-right, non-overlapping order."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.kinds import lexicon
from qa.kinds._util import alternation

TERMS = ["اب", "ابت", "ب ت", "تب", "باب", "AbC"]
CLITICS = ["و", "ال", "وال", "ب"]
SUFFIXES = ["ه", "ها"]


class Env:
    pack_dir = None


def compiled(ignorecase):
    params = {"entries": [{"match": t, "fix": "x"} for t in TERMS], "normalize": "strip",
              "clitics": CLITICS, "suffixes": SUFFIXES, "ignorecase": ignorecase}
    return lexicon.compile(params, Env())


def reference(text, ignorecase):
    pattern = (rf"(?<![\p{{L}}\p{{M}}])(?P<pre>{alternation(CLITICS)})?(?P<term>{alternation(TERMS)})"
               rf"(?:{alternation(SUFFIXES)})?(?![\p{{L}}\p{{M}}])")
    rx = regex.compile(pattern, regex.V1 | (regex.IGNORECASE if ignorecase else 0))
    return [(m.start(), m.start("term"), m.end("term"), m.end()) for m in rx.finditer(text)]


pieces = st.sampled_from(["ا", "ب", "ت", "و", "ل", "ه", "ها", " ", "،", "a", "b", "c", "A", "B", "C", "\u0301", "1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join), st.booleans())
def test_automaton_agrees_with_the_regex_it_replaced(text, ignorecase):
    state = compiled(ignorecase)
    found = [(w, s, e, end) for w, s, e, end, _ in lexicon.matches(text, state)]
    assert found == reference(text, ignorecase)


def test_longest_proclitic_then_longest_term_wins():
    state = compiled(False)
    # وباب reads as و+باب (a term), not و+ب+اب: the longer proclitic "وب" is not allowed here.
    assert [m[4] for m in lexicon.matches("وباب", state)] == ["باب"]
    assert [m[4] for m in lexicon.matches("والابته", state)] == ["ابت"]
