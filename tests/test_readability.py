"""The readability pack's foundations: the Arabic sentence splitter, article statistics in the
reports, and the Osman score against textstat's own."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import SEEDS
from test_cli import run

from qa.arabic import sentences
from qa.stats import _osman_terms, osman


def split(text):
    return [text[s:e] for s, e in sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("هل وصل الوفد؟ نعم وصل.", ["هل وصل الوفد؟", "نعم وصل."]),
    ("يا للهول! لقد انهار المبنى.", ["يا للهول!", "لقد انهار المبنى."]),
    ("قال الوزير كلمته؛ ثم غادر القاعة.", ["قال الوزير كلمته؛", "ثم غادر القاعة."]),
    ("وانتظر الجميع… ولم يأت أحد.", ["وانتظر الجميع…", "ولم يأت أحد."]),
    ("ماذا حدث؟! لا أحد يعرف.", ["ماذا حدث؟!", "لا أحد يعرف."]),
    ("وقال «لن نتراجع.» ثم صمت.", ["وقال «لن نتراجع.»", "ثم صمت."]),
    ('وقال "هذا يكفي!" وخرج.', ['وقال "هذا يكفي!"', "وخرج."]),
    ("وقال “انتهى الأمر.” وأغلق الباب.", ["وقال “انتهى الأمر.”", "وأغلق الباب."]),
    ("ارتفع المؤشر 3.5 في المئة. وتراجع الدولار.", ["ارتفع المؤشر 3.5 في المئة.", "وتراجع الدولار."]),
    ("سطر بلا نقطة\nوسطر آخر.", ["سطر بلا نقطة", "وسطر آخر."]),
    ("Did it work? Yes.", ["Did it work?", "Yes."]),
    ("حوار في إسطنبول.. روسيا وأمريكا تتحدثان", ["حوار في إسطنبول..", "روسيا وأمريكا تتحدثان"]),
])
def test_sentence_splitter_on_arabic_punctuation(text, expected):
    assert split(text) == expected


def test_statistics_for_every_seed_in_json():
    data = json.loads(run("check", str(SEEDS), "--format", "json").stdout)
    assert len(data["documents"]) == 5
    for document in data["documents"]:
        stats = document["stats"]
        assert set(stats) == {"words", "sentences", "paragraphs", "mean_sentence_words", "longest_sentence_words", "osman"}
        assert stats["words"] > 300 and stats["sentences"] > 10 and 40 < stats["osman"] < 90
        assert stats["longest_sentence_words"] >= stats["mean_sentence_words"]


def test_osman_matches_textstat_given_the_same_sentence_count():
    import textstat

    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        assert osman(text, textstat.sentence_count(text)) == pytest.approx(textstat.osman(text), abs=0.01)


def test_textstat_misses_arabic_question_marks():
    import textstat

    text = "هل وصل الوفد؟ نعم وصل الوفد. ومتى يغادر؟ يغادر غدا صباحا."
    assert len(split(text)) == 4
    assert textstat.sentence_count(text) < 4


_OSMAN_ALPHABET = ("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ" "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0657"
                   "abcdestvlr'’*?.!,،؛؟-\u00a0 \n\t0123456789٠١٢")


@given(st.text(alphabet=_OSMAN_ALPHABET, max_size=300) | st.text(max_size=100))
@settings(max_examples=400, deadline=None)
def test_osman_counters_equal_textstats_own(text):
    """The port in qa.stats counts what textstat counts, on any text."""
    import textstat

    words = textstat.lexicon_count(text)
    expected = (words, textstat.count_complex_arabic_words(text) + textstat.count_arabic_long_words(text)
                + textstat.count_arabic_syllables(text) + textstat.count_faseeh(text)) if words else (0, 0)
    assert _osman_terms(text) == expected
