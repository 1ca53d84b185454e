"""Arabic helpers: tokens, clitics, normalisation that maps back, sentences and paragraphs."""

import regex
from hypothesis import given
from hypothesis import strategies as st
from pyarabic import araby

from qa.arabic import (
    FOLD_TABLE,
    STRIP_TABLE,
    NormalizedView,
    clitic_splits,
    fold,
    paragraphs,
    sentences,
    strip_marks,
    tokenize,
)


def test_vowelled_word_is_one_token():
    # \p{Arabic}+ would split at the marks, which are Script=Inherited.
    assert [t.text for t in tokenize("مُحَمَّدٌ قَالَ")] == ["مُحَمَّدٌ", "قَالَ"]
    assert regex.findall(r"\p{Arabic}+", "مُحَمَّدٌ") != ["مُحَمَّدٌ"]


def test_tokens_by_script():
    tokens = tokenize("قال Keçeli إن 2025 و٢٠٢٥ G20")
    assert [(t.text, t.script) for t in tokens] == [
        ("قال", "ar"), ("Keçeli", "lat"), ("إن", "ar"), ("2025", "num"), ("و", "ar"), ("٢٠٢٥", "num"),
        ("G", "lat"), ("20", "num")]


def test_tokens_split_scripts_glued_together():
    assert [t.text for t in tokenize("سيئاً.en-ja")] == ["سيئاً", "en-ja"]


def test_clitic_splits():
    assert clitic_splits("والاسبوع")[0] == ("وال", "اسبوع")
    assert ("", "بلاد") in clitic_splits("بلاد")
    assert clitic_splits("للأمن")[0] == ("لل", "أمن")
    assert clitic_splits("في") == [("", "في")]


def test_fold_merges_spelling_variants_only():
    assert fold("إسطنبول") == fold("اسطنبول")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("مدرسة") == fold("مدرسه")
    assert fold("الأميركي") != fold("الأمريكي")  # a real spelling difference stays visible


def test_strip_agrees_with_pyarabic():
    samples = ["مُحَمَّدٌ", "الرئيـــس", "إِنَّ الْمَحَادَثَاتِ", "قالَ: «نعم»"]
    for text in samples:
        assert strip_marks(text) == araby.strip_tatweel(araby.strip_tashkeel(text))


arabic_chars = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىة") + ["\u064e", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640", " ", "a", "1"])


@given(st.text(arabic_chars, max_size=60), st.data())
def test_normalised_spans_map_back(text, data):
    for table in (FOLD_TABLE, STRIP_TABLE):
        view = NormalizedView(text, table)
        if not view.text:
            continue
        start = data.draw(st.integers(0, len(view.text)))
        end = data.draw(st.integers(start, len(view.text)))
        o_start, o_end = view.span(start, end)
        assert 0 <= o_start <= o_end <= len(text)
        assert text[o_start:o_end].translate(table) == view.text[start:end]


@given(st.text(arabic_chars | st.sampled_from(list("ٱیکۀ«»\u200f\u2029é😀\x00")) | st.characters(), max_size=60))
def test_byte_translation_equals_str_translate(text):
    # fold() and strip_marks() run through a one-byte code page; any text must come out as
    # str.translate would have made it, including characters outside that page.
    assert fold(text) == text.translate(FOLD_TABLE)
    assert strip_marks(text) == text.translate(STRIP_TABLE)


def test_span_covers_trailing_marks_not_leading():
    text = "قالَ مُحَمَّدٌ اليوم"
    view = NormalizedView(text, STRIP_TABLE)
    m = regex.search("محمد", view.text)
    s, e = view.span(*m.span())
    assert text[s:e] == "مُحَمَّدٌ"


def test_sentences_split_on_arabic_punctuation():
    text = "هل تنجح المفاوضات؟ قال الوزير: نعم. وأضاف «لن نتراجع!» ثم غادر؛ وانتهى الاجتماع… وبقي 3.5 مليون"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["هل تنجح المفاوضات؟", "قال الوزير: نعم.", "وأضاف «لن نتراجع!»", "ثم غادر؛", "وانتهى الاجتماع…",
                   "وبقي 3.5 مليون"]


def test_sentences_end_at_line_breaks():
    text = "عنوان بلا نقطة\r\nجملة أولى. جملة ثانية"
    assert [text[s:e] for s, e in sentences(text)] == ["عنوان بلا نقطة", "جملة أولى.", "جملة ثانية"]


def test_paragraphs_split_on_blank_lines():
    text = "فقرة أولى\nتتمة\n\n\nفقرة ثانية\r\n \r\nثالثة"
    assert [text[s:e] for s, e in paragraphs(text)] == ["فقرة أولى\nتتمة", "فقرة ثانية", "ثالثة"]
