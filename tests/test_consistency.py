"""The consistency pack: variant grouping, near misses that must not merge, and `qa variants`."""

from collections import Counter

import pytest
from test_cli import run

from qa.config import Config
from qa.engine import get_engine
from qa.kinds.variants import groups, key, same_name, split_token

STATE = get_engine(Config(select=("consistency/variant-spelling",))).rules[0].state


@pytest.mark.parametrize("a, b", [("ترامب", "ترمب"), ("سيرغي", "سيرجي"), ("دارشييف", "دارشيف"), ("أمريكي", "أميركي"),
                                  ("إسطنبول", "اسطنبول"), ("نيبينزيا", "نيبنزيا")])
def test_true_variants_merge(a, b):
    assert key(a) == key(b)
    assert same_name(a, b, STATE)


# Invented near misses: one root letter apart, or native derivations a long vowel apart.
@pytest.mark.parametrize("a, b", [("سلام", "سلالم"), ("كتب", "كتف"), ("مكتب", "مكاتب"), ("مشروع", "مشاريع"),
                                  ("تركز", "تركيز"), ("محدد", "محدود"), ("العالم", "العلم"), ("إنها", "أنها"),
                                  ("جزيرة", "غزيرة"), ("تمييز", "تميز"), ("كاتب", "كتب"), ("قائد", "قيد")])
def test_near_misses_do_not_merge(a, b):
    counts = Counter({split_token(a, frozenset())[1]: 2, split_token(b, frozenset())[1]: 1})
    assert groups(counts, STATE) == []


def test_inflections_are_one_spelling():
    bases = {split_token(t, frozenset())[1] for t in ["الأمريكي", "الأمريكية", "الأمريكيين", "الأمريكيون", "والأمريكيات"]}
    assert bases == {"أمريكي"}
    assert split_token("الأميركيين", frozenset())[1] == "أميركي"


def test_a_names_own_ending_is_kept():
    assert split_token("بوتين", frozenset())[1] == "بوتين"
    assert split_token("طهران", frozenset())[1] == "طهران"
    assert split_token("لبوتين", frozenset({"بوتين"})) == ("ل", "بوتين", "")


def test_variants_command_lists_the_seed_groups():
    proc = run("variants", "seeds/")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    for pair in [("ترامب", "ترمب"), ("سيرغي", "سيرجي"), ("دارشييف", "دارشيف"), ("أمريكي", "أميركي")]:
        assert any(pair[0] in line and pair[1] in line for line in lines), pair
