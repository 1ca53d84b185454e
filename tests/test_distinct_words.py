"""The per-distinct-word API on Document: counts of distinct words agree with the tokens, and the
lazily found spans of a word are exactly the spans of its tokens."""

import pickle
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.arabic import WordMemo, folded_bare_word
from qa.document import Document

pieces = st.sampled_from(["ب", "ال", "كتاب", "ة", "\u064e", "\u0640", " ", "،", "a", "b", "'", "-", "é", "\u0301",
                          "1", "٣", ".", "\n", "ﻻ", "ک", "و"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join))
def test_distinct_words_agree_with_tokens(text):
    tokens = Document(text).tokens
    doc = Document(text)
    assert doc.arabic_words == Counter(t.text for t in tokens if t.script == "ar")
    assert doc.latin_words == Counter(t.text for t in tokens if t.script == "lat")
    for word in doc.arabic_words:
        assert doc.word_spans(word) == [(t.start, t.end) for t in tokens if t.text == word]
    for word in doc.latin_words:
        assert doc.word_spans_of([word])[word] == [(t.start, t.end) for t in tokens if t.text == word]


def test_word_memo_answers_once_and_stays_bounded():
    asked = []

    def question(word):
        asked.append(word)
        return len(word)

    memo = WordMemo(question, maxsize=3)
    assert [memo[w] for w in ["ab", "ab", "abc", "ab"]] == [2, 2, 3, 2]
    assert asked == ["ab", "abc"]
    for w in ["a", "b", "c", "d"]:
        memo[w]
    assert len(memo) <= 3
    answered = WordMemo(len)
    answered["ab"]
    copy = pickle.loads(pickle.dumps(answered))
    assert len(copy) == 0 and copy["xyz"] == 3


def test_folded_bare_word_is_the_usual_key():
    assert folded_bare_word["أَحْمَد"] == "احمد"
