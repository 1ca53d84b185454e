"""Kind `metric`: a measure of a sentence, a paragraph or the article against a threshold.

  sentence-words   a sentence longer than `max` words (split on . ؟ ! ؛ … and line ends)
  paragraph-words  a paragraph (a line of the article: news copy puts one paragraph per line)
                   longer than `max` words
  osman            an article of at least `min_words` words whose Osman score is below `min`
  wa-chain         more than `max` clauses chained by و in one stretch without punctuation
Thresholds are set in the pack from the calibration corpus; see the pack's descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..arabic import fold, strip_marks
from ..stats import document_stats, sentence_lengths, word_count
from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "measure": "sentence-words, paragraph-words, osman or wa-chain",
    "max": "the largest value that passes (sentence-words, paragraph-words, wa-chain)",
    "min": "the smallest Osman score that passes (osman)",
    "min_words": "osman: articles shorter than this are not scored (default 150)",
}

_STRETCH = regex.compile(r"[^،,؛;:()\"«»“”.؟?!…\n\r]+")
# و then a word without the article: "والأمن والتعليم" is a list of nouns, not of clauses.
_WA = regex.compile(r"(?<![\p{L}\p{M}])و(?!ال)(?=[\p{L}\p{M}]{2})([\p{L}\p{M}]+)")
# Words that begin with و as a root letter, not the conjunction (وزير is not و + زير).
_ROOT_WAW = frozenset(fold(w) for w in (
    "وزير وزيرة وزارة وزراء وقت وفد وضع وسط وطني وطنية وكالة ولاية ولايات واشنطن وثيقة وقف ورقة وجود وحدة وحدات "
    "وصول وفق وفقا وراء وسيلة وسائل واحد واحدة وجه وجهة ولد والد والدة وظيفة وعد وقائع وكيل وثائق ورشة وزن وادي "
    "وافق وصل وقع وجد ولي وسام واقع واضح واسع وصف وفاة وباء وطن وفاق وئام وجبة ودية وسيط وساطة وصية وعي وقود "
    "ولاء وفرة ولادة ولاءات وقوع وزاري وزارية وسطاء ورد وارد واردات ورث ورثة وكر وحش ولاية").split())


@dataclass
class State:
    measure: str
    limit: float
    min_words: int


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("measure",))
    measure = expect_choice(params, "measure", ("sentence-words", "paragraph-words", "osman", "wa-chain"))
    key = "min" if measure == "osman" else "max"
    if key not in params:
        raise ParamError(None, f"measure {measure} needs '{key}'")
    return State(measure, float(expect(params, key, (int, float))), expect(params, "min_words", int, 150))


def wa_chains(text: str, start: int = 0):
    """(start, end, clauses) for each stretch without punctuation, counting conjunction و."""
    for m in _STRETCH.finditer(text):
        joins = [w for w in _WA.finditer(m.group()) if fold(strip_marks(w.group())) not in _ROOT_WAW]
        if joins:
            yield start + m.start(), start + m.end(), len(joins)


def check(doc, state: State, ctx):
    if state.measure == "sentence-words":
        for (start, end), words in zip(doc.sentences, sentence_lengths(doc)):
            if words > state.limit:
                yield Hit(start, end, None, {"words": words, "max": int(state.limit)})
    elif state.measure == "paragraph-words":
        for line in doc.lines:
            words = word_count(doc.text[line.start : line.end])
            if words > state.limit:
                yield Hit(line.start, line.end, None, {"words": words, "max": int(state.limit)})
    elif state.measure == "wa-chain":
        for start, end in doc.sentences:
            for s, e, joins in wa_chains(doc.text[start:end], start):
                if joins > state.limit:
                    yield Hit(s, e, None, {"clauses": joins + 1, "max": int(state.limit) + 1})
    else:
        stats = document_stats(doc)
        if stats.words >= state.min_words and stats.osman is not None and stats.osman < state.limit:
            first = doc.lines[0]
            yield Hit(first.start, first.end, None, {"osman": stats.osman, "min": state.limit})
