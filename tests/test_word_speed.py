"""The per-word speed work answers exactly what the slower forms answered: the word scan, the
run-wide word table, whole-word counts, the variant keys, and the article's shared variant keys."""

from collections import Counter
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.arabic import AR_WORD, DIACRITICS, TATWEEL, WordTable, arabic_word_texts, count_word, fold, has_marks
from qa.document import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

pieces = st.sampled_from(["ب", "ال", "كتاب", "ة", "أ", "ى", "\u064e", "\u0640", "\u0670", " ", "،", "«", "a", "é",
                          "\u0301", "1", "٣", ".", "\n", "\u00a0", "\u200c", "ﻻ", "ک", "و", "ي", "اا", "يي", "ئ", "😀"])


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join))
def test_word_texts_are_findall(text):
    # In order and with repeats: the code-page split and the regex scan cut the same words.
    assert arabic_word_texts(text) == AR_WORD.findall(text)


def test_word_texts_on_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert arabic_word_texts(text) == AR_WORD.findall(text), path.name


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join), st.sampled_from(["كتاب", "الكتاب", "بالكتاب", "يي"]))
def test_count_word_counts_whole_words(text, word):
    assert count_word(text, word) == AR_WORD.findall(text).count(word)


@settings(max_examples=200, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_has_marks(text):
    assert has_marks(text) == any(ch in DIACRITICS + TATWEEL for ch in text)


def test_word_table_answers_once_and_stays_bounded():
    asked = []

    def answer_new(words):
        asked.append(sorted(words))
        return {w: len(w) for w in words if len(w) > 2}

    cleared = []
    table = WordTable(answer_new, maxsize=4, on_clear=lambda: cleared.append(True))
    assert table.of({"abc": 1, "ab": 2}.keys()) == {"abc": 3}
    assert table.of({"abc", "ab"}) == {"abc": 3}
    assert asked == [["ab", "abc"]]  # nothing new the second time
    assert table.of({"abcd", "x", "abc"}) == {"abc": 3, "abcd": 4}
    assert asked[-1] == ["abcd", "x"]
    # Past the bound it starts afresh, keeping the current document's words whole.
    assert table.of({"wxyz", "pq"}) == {"wxyz": 4}
    assert cleared and asked[-1] == ["pq", "wxyz"]
    assert table.of({"abc"}) == {"abc": 3}


def test_variant_keys_match_their_regex_definitions():
    from qa.kinds import variants

    doubled = regex.compile(r"([اوي])\1+")
    inner = regex.compile(r"(?<=.)[اوي](?=.)")
    words = set()
    for path in sorted(SEEDS.glob("*.txt")):
        words |= set(Document(path.read_text(encoding="utf-8")).arabic_words)
    words |= {"ااا", "وويي", "اي", "يا", "بيييت", "ا", ""}
    for word in words:
        sound = doubled.sub(r"\1", fold(word).translate(variants._SOUND))
        assert variants.sound(word) == sound, word
        assert variants.key(word) == inner.sub("", sound), word


def test_shared_keys_are_the_groups_of_all_spellings():
    """The within rule's C-level shortcut finds the same bases by key as splitting every word."""
    from qa.config import Config
    from qa.engine import Engine
    from qa.kinds import variants

    rule = next(r for r in Engine(Config()).rules if r.id == "consistency/variant-spelling")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    # Articles with marks and one-letter proclitics whose rest stands alone, or not.
    texts += ["وقال ترامب إن ترمب وقال قال", "ولبنان لبنان لُبنان بلبنان", "الأمريكي الأميركي الامريكي والأمريكيين",
              "ماكرون مكرون وماكرون", "الجزيرة الغزيرة جزيرة", "بوتين بوتن وبوتين"]
    for text in texts:
        doc = Document(text)
        counts = variants.spellings(doc, rule.state).base_counts()
        keys = Counter(map(variants.key, counts))
        expected = sorted(sorted({b: counts[b] for b in counts if variants.key(b) == k}.items())
                          for k, n in keys.items() if n > 1)
        found = sorted(sorted(bases.items()) for bases in variants._shared_keys(Document(text), rule.state))
        assert found == expected, text
