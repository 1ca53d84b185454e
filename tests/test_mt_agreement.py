"""mt-debris agreement slips that fluent MT leaves where English marks no gender (issue 21, garbled text)."""

from qa import Config, check_text

AGREEMENT = ("mt-debris/demonstrative-agreement", "mt-debris/demonstrative-agreement-masculine",
             "mt-debris/kana-gender", "mt-debris/relative-after-indefinite")


def findings(text):
    return [(f.rule, f.excerpt, f.fix) for f in check_text(text, config=Config(select=AGREEMENT))]


def test_masculine_demonstrative_before_feminine_noun_is_fixed_in_place():
    text = "لا يوجد عدد كاف من الأشخاص في هذا الدورة."
    [(rule, excerpt, fix)] = findings(text)
    assert rule == "mt-debris/demonstrative-agreement"
    assert excerpt == "هذا الدورة" and fix == "هذه الدورة"


def test_marks_on_the_noun_keep_the_span_on_the_original_text():
    [(_, excerpt, _)] = findings("حتى لو كان هذا الابتسامةَ في الصورة")
    assert excerpt == "هذا الابتسامةَ"


def test_masculine_nouns_that_end_in_ta_marbuta_and_clausal_dhalika_are_left_alone():
    assert findings("كتب هذا الرحالة عن الصين، بما في ذلك الحديدة وهذا الخليفة") == []


def test_feminine_demonstrative_before_masculine_only_noun():
    assert [r for r, *_ in findings("من الصعب أن تقول لا لهذه الشخص")] == ["mt-debris/demonstrative-agreement-masculine"]
    # Broken plurals and nouns feminine in one sense are not in the list.
    assert findings("في هذه الأيام، وفي هذه الحرب، وعلى هذه الرجل") == []


def test_kana_before_feminine_subject_in_a_conditional_is_info():
    found = check_text("استخدم المسطرة إذا كان الأرضية مستوية", config=Config(select=AGREEMENT))
    assert [(f.rule, f.severity) for f in found] == [("mt-debris/kana-gender", "info")]
    assert findings("إذا كان الأساتذة قد وافقوا، وإذا كانت الأرضية مستوية") == []


def test_relative_pronoun_after_indefinite_accusative():
    assert [r for r, *_ in findings("أخذ حجرًا، الذي أصاب جالوت")] == ["mt-debris/relative-after-indefinite"]
    assert findings("زار المصنع أيضًا، الذي افتتح العام الماضي") == []
