"""The article's date: from --date, the file's path (with --date-from-path), YAML front matter, the
dateline the article states near its top, or today, in that order.

A date in the body ("اجتماع سابق جرى في 18 فبراير الماضي في الرياض") is history, not the
publication date, so only short lines of the page's head are read (timestamps, datelines and
bylines), however far down the head runs on a scraped page.
"""

from __future__ import annotations

import datetime as dt

import regex

from .rxcache import compile as rx

# Month names: Egyptian/Gulf (transliterated), Levantine (Syriac) and Maghrebi (French) forms.
MONTHS = {
    1: ["يناير", "كانون الثاني", "جانفي", "ينار"],
    2: ["فبراير", "شباط", "فيفري", "فبرير"],
    3: ["مارس", "آذار", "اذار"],
    4: ["أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل"],
    5: ["مايو", "أيار", "ايار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز"],
    8: ["أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت", "غشت"],
    9: ["سبتمبر", "أيلول", "ايلول", "شتنبر"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون الاول", "دجنبر"],
}
_MONTH_OF = {name: number for number, names in MONTHS.items() for name in names}
_MONTH = "(?:" + "|".join(sorted(map(regex.escape, _MONTH_OF), key=len, reverse=True)) + ")"
_DAY = r"(?P<d>[0-3]?\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# "نيسان/أبريل" and "نيسان (أبريل)": a Levantine name glossed by another; either gives the month.
_MONTH_PAIR = rf"(?P<m>{_MONTH})(?:\s*(?:/|\(|-)\s*{_MONTH}\s*\)?)?"
_PATTERNS = [
    rx(rf"(?<!\d){_DAY}\s*(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR}\s*[,،]?\s*(?:من\s+)?(?:عام\s+|سنة\s+)?{_YEAR}(?!\d)"),  # 10 أبريل 2025
    rx(rf"{_MONTH_PAIR}\s+{_DAY}\s*[,،]?\s*{_YEAR}(?!\d)"),  # أبريل 10, 2025
    rx(rf"(?<!\d){_YEAR}[-/.](?P<mo>[01]?\d)[-/.]{_DAY}(?!\d)"),  # 2025-04-10
    rx(rf"(?<!\d){_DAY}[-/.](?P<mo>[01]?\d)[-/.]{_YEAR}(?!\d)"),  # 10/04/2025
]
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_FRONT_MATTER = rx(r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", regex.DOTALL)
_FRONT_DATE = rx(r"(?m)^date:[ \t]*[\"']?(?P<v>\d{4}-\d{2}-\d{2})")

TOP_LINES = 8  # non-blank lines read for a dateline when the page has no body to stop at
MAX_DATELINE_WORDS = 14  # a longer line is prose, whose dates are history


def parse_date(text: str) -> dt.date | None:
    """The first full date (day, month, year) in a short text, in any of the supported forms."""
    text = text.translate(_EASTERN_DIGITS).replace("\u200f", "").replace("\u200e", "")
    found = []
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTH_OF.get(groups.get("m") or "") or int(groups.get("mo") or 0)
        try:
            found.append((m.start(), dt.date(int(groups["y"]), month, int(groups["d"]))))
        except (ValueError, TypeError):
            continue
    return min(found)[1] if found else None


def front_matter_date(text: str) -> dt.date | None:
    m = _FRONT_MATTER.match(text)
    if not m:
        return None
    d = _FRONT_DATE.search(m.group("body"))
    if not d:
        return None
    try:
        return dt.date.fromisoformat(d.group("v"))
    except ValueError:
        return None


HEAD_LIMIT = 20_000  # code points of a page read for its head: a scraped page puts menus first
NEAR_BODY = 10  # non-blank lines just above the body where a dateline sits


def _is_paragraph(line: str) -> bool:
    return len(line.split()) > MAX_DATELINE_WORDS


_LINE_BREAK = rx(r"\r\n|\r|\n")
_DATELINE_HEAD = rx(r"^[^.،؛]{0,40}?\s[-–—]\s")  # "القاهرة - " opening a paragraph


def dateline_date(text: str) -> dt.date | None:
    """A date stated in the page's head: on a short line (a timestamp, a dateline, a byline)
    anywhere before the body, which starts at the first two paragraphs in a row (a cookie banner
    is one long line, not a body), or at the opening of the first paragraph. A scraped page puts
    its dateline below the menus, so the whole head is read; the date nearest the body wins over
    a date further up (a site's "today" bar), and dates in the body are history."""
    lines = [line.strip() for line in _LINE_BREAK.split(text[:HEAD_LIMIT])]
    lines = [line for line in lines if line]
    body = next((k for k in range(len(lines) - 1) if _is_paragraph(lines[k]) and _is_paragraph(lines[k + 1])), None)
    if body is None:
        body = min(len(lines), TOP_LINES)
    dates = []
    for k, line in enumerate(lines[:body]):
        if not _is_paragraph(line):
            found = parse_date(line)
            if found:
                dates.append((k, found))
    if dates:
        near = [d for k, d in dates if k >= body - NEAR_BODY]
        return near[0] if near else dates[-1][1]
    # A body paragraph opened by a dateline: "القاهرة - 10 أبريل 2025 - قال ..."
    for line in lines[: body + 1]:
        if _is_paragraph(line):
            head = _DATELINE_HEAD.match(line)
            if head:
                found = parse_date(line[: head.end() + 30])
                if found:
                    return found
            break
    return None


# Archives keep the date in names: «…-20180313.txt», «2015-08-04-…», «2015/08/04/…». A run of
# digits longer than a date (an id) is not one.
_PATH_DATES = [
    rx(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    rx(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<mo>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
]
_PATH_FOLDERS = rx(r"(?:^|/)(?P<y>(?:19|20)\d\d)/(?P<mo>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)")


def path_date(path: str) -> dt.date | None:
    """A date in a file's name, else in its folders (the nearest first), else None."""
    parts = str(path).replace("\\", "/").split("/")
    for index in range(len(parts) - 1, -1, -1):
        for pattern in _PATH_DATES:
            for m in pattern.finditer(parts[index]):
                found = _valid(m)
                if found:
                    return found
        if index < len(parts) - 1:  # folders …/2015/08/04/name.txt
            m = _PATH_FOLDERS.search("/".join(parts[max(0, index - 2) : index + 1]))
            found = _valid(m) if m else None
            if found:
                return found
    return None


def _valid(m) -> dt.date | None:
    try:
        return dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None


def article_date(text: str, flag: dt.date | None = None, today: dt.date | None = None,
                 path: str | None = None) -> tuple[dt.date, str]:
    """(date, source) with source one of flag, path, front-matter, text, today. A path is read only
    when given (--date-from-path): an archive's file name is surer than a dateline found in the text."""
    if flag:
        return flag, "flag"
    if path:
        found = path_date(path)
        if found:
            return found, "path"
    found = front_matter_date(text)
    if found:
        return found, "front-matter"
    found = dateline_date(text)
    if found:
        return found, "text"
    return today or dt.date.today(), "today"
