"""Every way news names an office holder, and history read from the sentence (issue: factual drift
on real archives). The sentences are written for these tests."""

import datetime as dt

import pytest

from qa.config import Config
from qa.engine import check_text

D = dt.date
LATER = D(2025, 6, 1)  # a 2015 story checked ten years on


def drift(text, day):
    return [(f.rule.split("/")[1], f.severity, f.excerpt) for f in check_text(text, date=day, config=Config(select=("factual-drift",)))]


@pytest.mark.parametrize("text, excerpt", [
    # Title and surname, including a surname that is also a word («هادي» calm, «الأسد» lion).
    ("ورحب الرئيس هادي بقرار مجلس الأمن الجديد.", "الرئيس هادي"),
    ("وتعهد الرئيس الأسد بمواصلة العمليات العسكرية.", "الرئيس الأسد"),
    ("وقال المستشارة ميركل إن برلين ستستقبل المزيد.", "المستشارة ميركل"),
    # A second spelling the base lists, and one that differs in a long vowel (the transliteration key).
    ("وندد الرئيس الفرنسي فرانسوا أولاند بالهجوم.", "الرئيس الفرنسي فرانسوا أولاند"),
    ("واستقبل الرئيس الأمريكي باراك اوباما ضيفه في البيت الأبيض.", "الرئيس الأمريكي باراك اوباما"),
    # Qualifiers and honorifics between the title and the name.
    ("وعاد الرئيس اليمني الشرعي عبد ربه منصور هادي إلى عدن.", "الرئيس اليمني الشرعي عبد ربه منصور هادي"),
    ("والتقى وزير الخارجية الأمريكي السيد جون كيري بالوفد.", "وزير الخارجية الأمريكي السيد جون كيري"),
    # A country's long form.
    ("ووقع رئيس الولايات المتحدة الأمريكية باراك أوباما على القانون.", "رئيس الولايات المتحدة الأمريكية باراك أوباما"),
    ("وزار رئيس الجمهورية العربية السورية بشار الأسد موسكو.", "رئيس الجمهورية العربية السورية بشار الأسد"),
    # A name in quotation marks.
    ("وأعلن الرئيس «هادي» رفضه للمبادرة.", "الرئيس «هادي»"),
    # A counterpart, resolved against the office named before it in the paragraph.
    ("وبحث الرئيس الأمريكي باراك أوباما مع نظيره الروسي ديمتري ميدفيديف ملف التسلح.", "نظيره الروسي ديمتري ميدفيديف"),
    ("واجتمع وزير الخارجية الإيراني محمد جواد ظريف مع نظيره الأمريكي جون كيري.", "نظيره الأمريكي جون كيري"),
])
def test_every_way_a_title_names_a_former_holder(text, excerpt):
    assert excerpt in [e for rule, _, e in drift(text, LATER) if rule == "sitting-on-former"]


@pytest.mark.parametrize("text", [
    # A counterpart of an office the base does not hold: the nationality alone does not decide.
    "وأجرى وزير المالية التركي محادثات مع نظيره الألماني أولاف شولتس.",
    # A deputy or an envoy of the office, not its holder.
    "وقال نائب وزير الخارجية الإيراني عباس عراقجي إن المحادثات مستمرة.",
    # A word after a title that is nobody's surname.
    "وقال الرئيس بدون تردد إن القرار نهائي.",
])
def test_not_a_holder_named(text):
    assert drift(text, LATER) == []


def test_designate_and_elect_are_right_only_before_the_term():
    designate = "وتعهد رئيس الوزراء الأردني المكلف عمر الرزاز بحكومة جديدة."
    assert drift(designate, D(2018, 6, 7)) == []  # named a week before he took office
    assert [r for r, *_ in drift(designate, LATER)] == ["sitting-on-former"]
    new = "وقال وزير الخارجية الأمريكي الجديد مايك بومبيو إن واشنطن لن تتراجع."
    assert drift(new, D(2018, 3, 14)) == []  # nominated, not yet in office
    assert [r for r, *_ in drift(new, LATER)] == ["sitting-on-former"]
    outgoing = "ويسعى رئيس الوزراء العراقي المنتهية ولايته حيدر العبادي إلى ولاية ثانية."
    assert drift(outgoing, D(2018, 6, 13)) == []
    assert [r for r, *_ in drift(outgoing, LATER)] == ["sitting-on-former"]  # «outgoing» claims the office


@pytest.mark.parametrize("text", [
    "وفي عام 2009 ألقى الرئيس الأمريكي باراك أوباما خطابه في القاهرة.",  # a past year, at the name
    "وكان الرئيس الأمريكي آنذاك باراك أوباما قد وقع الاتفاق.",  # «then» in the apposition
    "ووقعت الاتفاقية في عهد الرئيس الأمريكي باراك أوباما.",  # a history word that governs the name
    "وعادت الحركة الإصلاحية كما في زمن الرئيس محمد خاتمي.",
    "وقالت إدارة الرئيس باراك أوباما في حينها إنها تتابع الوضع.",  # «at the time» after the name
    "وكتب الرئيس الأمريكي باراك أوباما (2009-2017) في مذكراته أن القرار كان صعبا.",  # a term in brackets
])
def test_history_in_the_sentence(text):
    assert drift(text, LATER) == []


def test_history_that_does_not_govern_the_name_is_not_history():
    # «إبان حكم سلفه» is about the predecessor; the title given to Obama is the present one.
    text = "وحمل الرئيس الأمريكي باراك أوباما سلفه المسؤولية عن الفوضى التي عمت إبان حكم سلفه."
    assert [r for r, *_ in drift(text, LATER)] == ["sitting-on-former"]
    text = "وكان الإرهاب قد انتشر إبان حكم سلفه، كما قال الرئيس الأمريكي باراك أوباما أمس."
    assert [r for r, *_ in drift(text, LATER)] == ["sitting-on-former"]


def test_years_that_are_not_history():
    # The article's own year (its dateline) and future years never make a sentence history.
    dated = "القاهرة - 12 مايو 2015\nوقال الرئيس الأمريكي باراك أوباما في عام 2015 إن المفاوضات ستنتهي.\n"
    assert [r for r, *_ in drift(dated, LATER)] == ["sitting-on-former"]
    future = "وقال الرئيس الأمريكي باراك أوباما إن بلاده ستخفض الانبعاثات بحلول عام 2030."
    assert [r for r, *_ in drift(future, LATER)] == ["sitting-on-former"]
    # A year far from the name, or a number that is not a time, is not history either.
    far = ("وفي عام 2014 بدأت الأزمة في المنطقة وتوسعت تدريجيا حتى شملت مدنا عديدة وقرى كثيرة في الشمال، "
           "وقال الرئيس الأمريكي باراك أوباما إن الحل سياسي.")
    assert [r for r, *_ in drift(far, LATER)] == ["sitting-on-former"]
    plan = "وعرض الرئيس الأمريكي باراك أوباما خطة 2012 للطاقة."
    assert [r for r, *_ in drift(plan, LATER)] == ["sitting-on-former"]


def test_direct_speech_is_info():
    # Decided: a holder named inside a quotation is reported as info, since the title is the
    # speaker's word; outside it, the same words are a warning.
    quoted = "وقال المتحدث: «على الرئيس أوباما أن يتحرك الآن»."
    assert drift(quoted, LATER) == [("sitting-on-former", "info", "الرئيس أوباما")]
    assert [s for _, s, _ in drift("وعلى الرئيس أوباما أن يتحرك الآن.", LATER)] == ["warning"]


def test_silent_at_the_articles_own_date():
    for text in ["ورحب الرئيس هادي بقرار مجلس الأمن الجديد.", "وبحث الرئيس الأمريكي باراك أوباما مع نظيره الروسي فلاديمير بوتين الأزمة.",
                 "ووقع رئيس الولايات المتحدة الأمريكية باراك أوباما على القانون.", "وأعلن الرئيس «هادي» رفضه للمبادرة."]:
        assert drift(text, D(2015, 8, 4)) == [], text


def test_unverified_entry_makes_former_on_sitting_a_warning():
    # Trump's entry is checked against Wikidata; Sisi's is not yet.
    assert drift("وقال الرئيس الأمريكي السابق دونالد ترامب إن الرسوم باقية.", LATER)[0][:2] == ("former-on-sitting", "error")
    assert drift("وقال الرئيس المصري السابق عبد الفتاح السيسي إن الاقتصاد يتعافى.", LATER)[0][:2] == ("former-on-sitting", "warning")
