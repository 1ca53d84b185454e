"""The office-holder base and the factual-drift checks built on it."""

import datetime as dt

import pytest
from test_cli import run

from qa.config import Config
from qa.engine import check_text
from qa.facts import load, validate
from qa.packs import builtin_rules_dir

FACTS = load(builtin_rules_dir() / "facts" / "office-holders.yaml")
D = dt.date


def test_base_is_sound():
    assert validate(FACTS) == []


def _checked_or_anchored(identifier: str, verify: bool) -> bool:
    # A Q-id, or, for an entry marked verify, the English Wikipedia title that resolves to one.
    return identifier.startswith("Q") and identifier[1:].isdigit() or verify and identifier.startswith("enwiki:")


def test_every_entry_has_a_wikidata_id_and_dates_that_parse():
    assert all(_checked_or_anchored(o.wikidata, True) for o in FACTS.offices.values())
    for person in FACTS.people:
        assert _checked_or_anchored(person.id, person.verify), person.name_en
        assert person.names, person.name_en
        for term in person.terms:
            assert isinstance(term.start, dt.date)
            assert term.end is None or term.end > term.start
            assert term.start <= term.start_latest and (term.end is None or term.end_earliest <= term.end)


def test_two_separate_terms_are_modelled_exactly():
    trump = next(p for p in FACTS.people if p.id == "Q22686")
    assert [(t.start, t.end) for t in trump.terms_of("us-president")] == [(D(2017, 1, 20), D(2021, 1, 20)), (D(2025, 1, 20), None)]
    assert trump.holds("us-president", D(2019, 6, 1))
    assert not trump.holds("us-president", D(2023, 6, 1))
    assert trump.holds("us-president", D(2025, 2, 27))


@pytest.mark.parametrize("office, day, name", [
    ("us-president", D(2025, 2, 27), "Donald Trump"),
    ("us-president", D(2022, 1, 1), "Joe Biden"),
    ("us-secretary-of-state", D(2018, 2, 1), "Rex Tillerson"),
    ("us-secretary-of-state", D(2018, 6, 1), "Mike Pompeo"),
    ("uk-prime-minister", D(2018, 6, 1), "Theresa May"),
    ("jp-prime-minister", D(2018, 6, 1), "Shinzo Abe"),
    ("ru-foreign-minister", D(2025, 2, 27), "Sergey Lavrov"),
    ("tr-president", D(2025, 2, 27), "Recep Tayyip Erdoğan"),
])
def test_holders_on_a_date(office, day, name):
    assert [p.name_en for p, _ in FACTS.holders(office, day)] == [name]


def test_overlapping_terms_are_caught(tmp_path):
    bad = tmp_path / "facts.yaml"
    bad.write_text(
        "offices:\n  x:\n    {label_ar: س, label_en: X, wikidata: Q1, kind: president, single: true, titles: [الرئيس]}\n"
        "people:\n"
        "  - {id: Q10, name_en: A, names: [ألف], terms: [{office: x, start: 2000-01-01, end: 2005-01-01}]}\n"
        "  - {id: Q11, name_en: B, names: [باء], terms: [{office: x, start: 2004-01-01}]}\n"
        "  - {id: Q11, name_en: C, names: [ألف], terms: [{office: x, start: 2006-01-01, end: 2003-01-01}]}\n",
        encoding="utf-8")
    problems = "\n".join(validate(load(bad)))
    assert "overlaps" in problems and "also belongs to" in problems and "ends" in problems and "shared_names" in problems


def drift(text, date):
    return [(f.rule, f.severity) for f in check_text(text, date=date, config=Config(select=("factual-drift",)))]


def test_former_marker_on_sitting_president_is_an_error():
    text = "يأتي الاجتماع في أعقاب اتصال هاتفي بين الرئيس الأميركي السابق دونالد ترمب ونظيره الروسي."
    assert drift(text, D(2025, 2, 27)) == [("factual-drift/former-on-sitting", "error")]
    assert drift(text, D(2023, 2, 27)) == []


def test_sitting_title_on_former_holder_names_the_holder():
    [f] = check_text("وقال الرئيس الأمريكي باراک أوباما إن الاتفاق تاريخي.".replace("ک", "ك"), date=D(2025, 2, 27),
                     config=Config(select=("factual-drift",)))
    assert f.rule == "factual-drift/sitting-on-former"
    assert "دونالد ترامب" in f.message and "Donald Trump" in f.message_en and "2009-01-20" in f.message


def test_left_alone():
    for text in ["وانتقد الرئيس السابق القرار.", "في ظل الإدارة الأمريكية السابقة.", "حين كان أوباما رئيسًا زار القاهرة."]:
        assert drift(text, D(2025, 2, 27)) == [], text


def test_quoted_holder_is_info():
    # Inside direct speech the title is the speaker's word: reported, but as info.
    assert drift("وقال ترامب: \"الرئيس أوباما خسر القرم\".", D(2025, 2, 27)) == [("factual-drift/sitting-on-former", "info")]


@pytest.mark.parametrize("text, day, expected", [
    # Monarchs are named with their honorific, titles by country.
    ("وأكد العاهل السعودي الملك عبدالله بن عبدالعزيز دعمه للمبادرة.", D(2020, 5, 1), "factual-drift/sitting-on-former"),
    ("وأكد العاهل السعودي الملك عبدالله بن عبدالعزيز دعمه للمبادرة.", D(2010, 5, 1), None),
    ("والتقى وزير الخارجية السعودي السابق فيصل بن فرحان نظيره.", D(2024, 3, 1), "factual-drift/former-on-sitting"),
    ("والتقى وزير الخارجية السعودي عادل الجبير نظيره.", D(2024, 3, 1), "factual-drift/sitting-on-former"),
    ("واستقبل أمير قطر الشيخ تميم بن حمد الوفد.", D(2024, 3, 1), None),
    ("وقال الرئيس الفلسطيني محمود عباس إن المفاوضات متوقفة.", D(2024, 3, 1), None),
    ("وقال رئيس الوزراء الصيني لي كه تشيانغ إن النمو تباطأ.", D(2024, 3, 1), "factual-drift/sitting-on-former"),
    ("وقال وزير الخارجية الصيني وانغ يي إن بلاده ترفض العقوبات.", D(2023, 3, 1), "factual-drift/sitting-on-former"),
    ("وقال وزير الخارجية الصيني وانغ يي إن بلاده ترفض العقوبات.", D(2024, 3, 1), None),
    # Places named after kings are not titles, and لولا is also a word.
    ("وأقيم الحفل في مجمع الملك فهد لطباعة المصحف.", D(2024, 3, 1), None),
    ("وقال الرئيس، لولا الدعم الدولي لانهار الاقتصاد.", D(2015, 3, 1), None),
    # The rest of the G20, the Arab League, Iran's Supreme Leader and Ukraine.
    ("وقال وزير الخارجية الإسرائيلي يسرائيل كاتس إن الحرب مستمرة.", D(2025, 3, 1), "factual-drift/sitting-on-former"),
    ("وقال وزير الخارجية الإسرائيلي يسرائيل كاتس إن الحرب مستمرة.", D(2024, 5, 1), None),
    ("وحذر المرشد الإيراني علي خامنئي من الرد.", D(2025, 6, 20), None),
    ("وحذر المرشد الإيراني علي خامنئي من الرد.", D(2026, 6, 1), "factual-drift/sitting-on-former"),
    ("وزار رئيس الوزراء العراقي السابق حيدر العبادي طهران.", D(2016, 5, 1), "factual-drift/former-on-sitting"),
    ("وقال رئيس الحكومة الأردنية جعفر حسان إن الموازنة أقرت.", D(2025, 1, 10), None),
    ("وقال رئيس الوزراء الكندي جاستن ترودو إن بلاده سترد.", D(2025, 6, 1), "factual-drift/sitting-on-former"),
    ("وقالت رئيسة الوزراء الإيطالية جورجيا ميلوني إن روما تدعم كييف.", D(2024, 6, 1), None),
    ("واستقبل الرئيس الإندونيسي جوكو ويدودو الوفد.", D(2025, 1, 15), "factual-drift/sitting-on-former"),
    ("وقالت ملكة بريطانيا إليزابيث الثانية في خطابها.", D(2023, 12, 25), "factual-drift/sitting-on-former"),
    ("وقال وزير الخارجية الأوكراني دميترو كوليبا إن كييف تحتاج إلى السلاح.", D(2024, 3, 1), None),
    ("وقال وزير الخارجية الجزائري رمطان لعمامرة إن الجزائر ترفض التدخل.", D(2019, 1, 10), "factual-drift/sitting-on-former"),
    ("وقال رئيس الحكومة التونسية يوسف الشاهد إن الإصلاحات ضرورية.", D(2018, 5, 1), None),
    # Kuwait's and Argentina's foreign ministers, Mauritania's and Libya's prime ministers, earlier Ukrainian ministers.
    ("وقال وزير الخارجية الكويتي الشيخ صباح الخالد إن الوساطة مستمرة.", D(2015, 5, 1), None),
    ("وقال وزير الخارجية الكويتي الشيخ صباح الخالد إن الوساطة مستمرة.", D(2021, 5, 1), "factual-drift/sitting-on-former"),
    ("وقال الوزير الأول الموريتاني محمد ولد بلال إن الحكومة ستواصل الإصلاح.", D(2025, 1, 10), "factual-drift/sitting-on-former"),
    ("وقالت وزيرة الخارجية الأرجنتينية ديانا موندينو إن بلادها ستصوت ضد القرار.", D(2025, 3, 1), "factual-drift/sitting-on-former"),
    ("وقال رئيس الوزراء السوداني عبدالله حمدوك إنه لن يستقيل.", D(2021, 11, 1), None),
    ("وقال وزير الخارجية الموريتاني إسماعيل ولد الشيخ أحمد إن القمة ستعقد في موعدها.", D(2018, 6, 20), None),
    ("وقال وزير الخارجية الموريتاني إسماعيل ولد الشيخ أحمد إن القمة ستعقد في موعدها.", D(2023, 6, 20), "factual-drift/sitting-on-former"),
    ("وقال رئيس الحكومة الليبية عبد الله الثني إن الانتخابات ممكنة.", D(2018, 6, 1), None),
    ("وقالت وزيرة الخارجية الليبية نجلاء المنقوش إن طرابلس ترحب بالمبادرة.", D(2022, 4, 1), None),
    ("وقالت وزيرة الخارجية الليبية نجلاء المنقوش إن طرابلس ترحب بالمبادرة.", D(2024, 4, 1), "factual-drift/sitting-on-former"),
    ("والتقى وزير الخارجية الأوكراني كوستيانتين غريشينكو نظيره الروسي.", D(2004, 5, 1), None),
    # «المنتهية ولايته»: right for a caretaker before a known handover, wrong on a term with no end in sight.
    ("ويسعى رئيس الوزراء العراقي المنتهية ولايته حيدر العبادي إلى ولاية ثانية.", D(2018, 6, 13), None),
    ("وقال الرئيس الأميركي المنتهية ولايته جو بايدن إن الانتقال سلس.", D(2024, 12, 1), None),
    ("وقال الرئيس الأميركي المنتهية ولايته دونالد ترمب إن الرسوم باقية.", D(2025, 6, 1), "factual-drift/former-on-sitting"),
])
def test_titles_by_country(text, day, expected):
    assert [rule for rule, _ in drift(text, day)] == ([expected] if expected else [])


def test_a_date_known_to_the_month_never_raises_an_alarm_inside_that_month(tmp_path):
    base = tmp_path / "facts.yaml"
    base.write_text(
        "offices:\n  x-spokesperson: {label_ar: المتحدث باسم وزارة الخارجية الأمريكية, label_en: Spokesperson, wikidata: Q1,\n"
        "    kind: spokesperson, single: true, titles: [المتحدث باسم وزارة الخارجية الأمريكية]}\n"
        "people:\n"
        "  - {id: Q2, name_en: A, names: [ريتشارد باوتشر], terms: [{office: x-spokesperson, start: 2000-05, end: 2005-06}]}\n"
        "  - {id: Q3, name_en: B, names: [شون ماكورماك], terms: [{office: x-spokesperson, start: 2005-06}]}\n",
        encoding="utf-8")
    facts = load(base)
    assert validate(facts) == []  # both in office "in June 2005" is not an overlap
    a, b = facts.people
    [term] = a.terms
    assert (term.start, term.start_latest, term.end_earliest, term.end) == (D(2000, 5, 1), D(2000, 5, 31), D(2005, 6, 1), D(2005, 6, 30))
    assert term.start_text == "2000-05" and term.end_text == "2005-06"
    assert a.holds("x-spokesperson", D(2005, 6, 20)) and b.holds("x-spokesperson", D(2005, 6, 20))
    assert not a.holds("x-spokesperson", D(2005, 6, 20), surely=True)
    assert a.holds("x-spokesperson", D(2005, 5, 31), surely=True)


def test_an_office_is_silent_after_the_base_stops_knowing_it():
    iraq = FACTS.offices["iq-prime-minister"]
    assert iraq.known_until and not iraq.known_on(D(2026, 11, 1)) and iraq.known_on(D(2025, 1, 1))
    text = "وقال رئيس الوزراء العراقي محمد شياع السوداني إن الانتخابات ستجرى في موعدها."
    assert drift(text, D(2025, 6, 1)) == []
    text = "وقال رئيس الوزراء العراقي السابق محمد شياع السوداني إن الانتخابات ستجرى في موعدها."
    assert drift(text, D(2025, 6, 1)) == [("factual-drift/former-on-sitting", "warning")]  # an entry not yet verified
    assert drift(text, D(2026, 11, 1)) == []  # he may well have left office by then
    proc = run("facts", "--office", "iq-prime-minister", "--on", "2026-11-01")
    assert proc.returncode == 0 and "unknown" in proc.stdout


def test_qa_facts_command():
    proc = run("facts", "--office", "us-president", "--on", "2025-02-27")
    assert proc.returncode == 0 and "Donald Trump" in proc.stdout
    assert run("facts", "--validate").returncode == 0
    assert run("facts", "--office", "nope").returncode == 2


def test_former_is_right_on_the_day_of_a_handover():
    """On 2025-01-20 Biden handed over at noon: «السابق» is right that day, and no error is raised."""
    from qa import check_text

    text = "قال الرئيس الأميركي السابق جو بايدن إن الاقتصاد قوي."
    rules = lambda day: [f.rule for f in check_text(text, date=day)]
    assert "factual-drift/former-on-sitting" in rules("2025-01-19")
    assert "factual-drift/former-on-sitting" not in rules("2025-01-20")
