"""The article's date: flag, front matter, a dateline near the top, or today."""

import datetime as dt

import pytest

from qa.dating import article_date, parse_date

D = dt.date

# (dateline as written, expected date): 30+ formats a newsroom's copy carries.
DATELINES = [
    ("أبريل 10, 2025 - 08:43", D(2025, 4, 10)),
    ("الخميس 10 أبريل 2025", D(2025, 4, 10)),
    ("10 نيسان/أبريل 2025", D(2025, 4, 10)),
    ("10 نيسان (أبريل) 2025", D(2025, 4, 10)),
    ("الخميس، 10 أبريل 2025 - 08:43 م", D(2025, 4, 10)),
    ("نشر في 10 إبريل 2025", D(2025, 4, 10)),
    ("آخر تحديث: 10 ابريل 2025 الساعة 10:15", D(2025, 4, 10)),
    ("١٠ أبريل ٢٠٢٥", D(2025, 4, 10)),
    ("الأحد ٢ فبراير ٢٠٢٥", D(2025, 2, 2)),
    ("3 كانون الثاني 2024", D(2024, 1, 3)),
    ("15 شباط 2023", D(2023, 2, 15)),
    ("1 آذار 2022", D(2022, 3, 1)),
    ("20 أيار/مايو 2021", D(2021, 5, 20)),
    ("7 حزيران 2020", D(2020, 6, 7)),
    ("30 تموز/يوليو 2019", D(2019, 7, 30)),
    ("12 آب/أغسطس 2018", D(2018, 8, 12)),
    ("9 أيلول/سبتمبر 2017", D(2017, 9, 9)),
    ("25 تشرين الأول/أكتوبر 2016", D(2016, 10, 25)),
    ("11 تشرين الثاني 2015", D(2015, 11, 11)),
    ("31 كانون الأول 2014", D(2014, 12, 31)),
    ("5 جانفي 2025", D(2025, 1, 5)),
    ("14 فيفري 2024", D(2024, 2, 14)),
    ("8 أفريل 2023", D(2023, 4, 8)),
    ("1 ماي 2022", D(2022, 5, 1)),
    ("19 جوان 2021", D(2021, 6, 19)),
    ("4 جويلية 2020", D(2020, 7, 4)),
    ("15 أوت 2019", D(2019, 8, 15)),
    ("الثلاثاء 17 سبتمبر 2024 - 11:02", D(2024, 9, 17)),
    ("2025-04-10 08:43", D(2025, 4, 10)),
    ("10/04/2025", D(2025, 4, 10)),
    ("10-04-2025 | 08:43", D(2025, 4, 10)),
    ("١٠/٠٤/٢٠٢٥", D(2025, 4, 10)),
    ("مارس 3، 2024", D(2024, 3, 3)),
    ("يوم 22 نوفمبر من عام 2026", D(2026, 11, 22)),
]


@pytest.mark.parametrize("line, expected", DATELINES)
def test_dateline_formats(line, expected):
    assert parse_date(line) == expected
    text = f"عنوان الخبر\n{line}\n\nقال الوزير إن المحادثات ستستمر الأسبوع المقبل في العاصمة."
    assert article_date(text) == (expected, "text")


def test_flag_wins_then_front_matter_then_text_then_today():
    text = "---\ntitle: خبر\ndate: 2024-05-01\n---\nأبريل 10, 2025 - 08:43\nنص."
    assert article_date(text, D(2020, 1, 1)) == (D(2020, 1, 1), "flag")
    assert article_date(text) == (D(2024, 5, 1), "front-matter")
    assert article_date("عنوان\nأبريل 10, 2025 - 08:43\nنص.") == (D(2025, 4, 10), "text")
    assert article_date("عنوان\nنص بلا تاريخ.", today=D(2026, 11, 22)) == (D(2026, 11, 22), "today")


def test_a_historical_date_in_the_body_is_not_the_publication_date():
    body = ("عقد الاجتماع في مقر القنصل العام، وهو ثاني لقاء بين ممثلي البلدين منذ بدء الحرب، بعد اجتماع سابق "
            "جرى في 18 فبراير 2025 في الرياض وتأتي هذه اللقاءات بعد انقطاع دام أكثر من عامين.")
    assert article_date(f"عنوان الخبر\n\n{body}", today=D(2026, 1, 1)) == (D(2026, 1, 1), "today")


def test_a_dateline_opening_the_first_paragraph_counts():
    text = "عنوان\n\nالقاهرة - 10 أبريل 2025 - قال وزير الخارجية إن المحادثات مع الجانب الروسي ستستمر الأسبوع المقبل في العاصمة."
    assert article_date(text) == (D(2025, 4, 10), "text")


def test_impossible_dates_are_ignored():
    assert parse_date("31 فبراير 2025") is None
