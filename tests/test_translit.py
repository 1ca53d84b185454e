"""Issue 21, item 4 and names evidence: an unknown word followed by another unknown word is the first
half of a foreign name, not garble (the next-word evidence of the word-list kind)."""

import pytest

from qa import Config, check_text

pytest.importorskip("qalsadi")


def rules_on(text, *rules):
    return [(f.rule, f.excerpt) for f in check_text(text, config=Config(select=rules))]


def test_next_word_is_read():
    from qa.kinds.wordlist import _Span, _next

    class Doc:
        text = "أعلنت أوللا فيرسكنتس أمس"

    assert _next(Doc, _Span("أوللا", 6, 11)) == "فيرسكنتس"
    assert _next(Doc, _Span("أمس", 21, 24)) == ""


def test_given_name_before_an_unknown_surname_is_a_name():
    # «أوللا» has the letters of «الأول», but the unknown word after it makes it a given name.
    assert rules_on("وأعلنت أوللا فيرسكنتس المدعية العامة أن التحقيق مستمر", "mt-debris/unknown-word") == []


def test_shuffle_between_arabic_words_is_still_caught():
    assert rules_on("وقال المتحدث إن المفاوضات ستكون طيلوة وصعبة", "mt-debris/unknown-word") == [
        ("mt-debris/unknown-word", "طيلوة")]
