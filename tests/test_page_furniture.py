"""The line classifier on scraped pages, `qa clean`'s audit, corpus mode guarding article text,
datelines below the menus, and datatrove's emptied documents. Every text here is written for
these tests: an invented article in invented page furniture."""

import contextlib
import datetime as dt
import io
import json

from qa.cli import main
from qa.config import Config
from qa.dating import dateline_date
from qa.engine import Engine, check_paths, make_document

TITLE = "الحكومة تقر خطة لإصلاح شبكة المياه في المدن الساحلية"
BODY = [
    "أقرت الحكومة في جلستها الأسبوعية أمس خطة لإصلاح شبكة المياه في المدن الساحلية، بعد شكاوى متكررة من "
    "انقطاع المياه عن الأحياء القديمة خلال أشهر الصيف.",
    "وقال وزير الموارد المائية في مؤتمر صحفي إن الخطة تمتد على ثلاث سنوات، وإن المرحلة الأولى تبدأ في "
    "الربيع المقبل بتبديل الأنابيب التالفة في أربع مدن.",
    "مراحل التنفيذ",
    "وأضاف الوزير أن كلفة المشروع تتجاوز مئتي مليون دولار، وأن جزءا منها سيأتي من قرض ميسر تفاوضت عليه "
    "الحكومة مع مصرف تنمية إقليمي منذ العام الماضي.",
    "ومن المقرر أن تعرض الحكومة تفاصيل الخطة على البرلمان الشهر المقبل، حيث يطالب نواب المعارضة بجدول زمني "
    "ملزم وبتقارير دورية عن سير العمل.",
]
HEAD = [
    "نستخدم ملفات تعريف الارتباط لنمنحك أفضل تجربة على موقعنا، وباستمرارك في التصفح فإنك توافق على ذلك.",
    "قبول",
    f"{TITLE} - جريدة الساحل",
    "جريدة الساحل",
    "الأولى",
    "محافظات",
    "عربي ودولي",
    "ملاعب",
    "منوعات",
    "الرئيسية » محليات",
    TITLE,
    "كتب: فريق التحرير",
    "الأحد 14 أبريل 2019 - 10:20",
]
INLINE = ["اقرأ أيضا", "افتتاح الموسم السياحي بمهرجان للفنون الشعبية"]
TAIL = [
    "الوسوم",
    "المياه",
    "الحكومة",
    "المدن الساحلية",
    "أخبار ذات صلة",
    "ارتفاع أسعار الخضار في الأسواق مع بداية الشهر",
    "منتخب الشباب يتأهل إلى نهائي البطولة العربية",
    "افتتاح الموسم السياحي بمهرجان للفنون الشعبية",
    "التعليقات المنشورة تعبر عن آراء أصحابها، ويرجى الالتزام بآداب الحوار.",
    "أضف تعليقك",
    "الأرشيف • فريق العمل • للإعلان • الشكاوى • خدمة القراء • النسخة الورقية",
    "© 2019 جريدة الساحل",
]


def page_lines():
    """(lines, labels): the article in its furniture, with an inline box between paragraphs."""
    lines = HEAD + BODY[:2] + INLINE + BODY[2:] + TAIL
    labels = ["furniture"] * len(HEAD) + ["body"] * 2 + ["furniture"] * len(INLINE) + ["body"] * 3 + ["furniture"] * len(TAIL)
    labels[HEAD.index(TITLE, 3)] = "body"
    return lines, labels


def flagged_lines(text: str) -> set[int]:
    engine = Engine(Config(select=("boilerplate",)))
    doc = make_document(text, "page.txt", Config())
    from qa.clean import clean_document

    return set(clean_document(doc, engine.check_document(doc)).removed_lines)


def test_the_page_loses_its_furniture_and_keeps_every_body_line():
    lines, labels = page_lines()
    removed = flagged_lines("\n".join(lines) + "\n")
    body = {n for n, label in enumerate(labels, 1) if label == "body"}
    furniture = {n for n, label in enumerate(labels, 1) if label == "furniture"}
    assert not removed & body, [lines[n - 1] for n in removed & body]
    assert len(removed & furniture) >= 0.9 * len(furniture), [lines[n - 1] for n in furniture - removed]


def test_a_clean_article_loses_nothing():
    text = "\n\n".join([TITLE, *BODY]) + "\n"
    assert flagged_lines(text) == set()


def test_each_new_rule_names_its_lines():
    lines, _ = page_lines()
    engine = Engine(Config(select=("boilerplate",)))
    doc = make_document("\n".join(lines) + "\n", "page.txt", Config())
    rules = {}
    for f in engine.check_document(doc):
        rules.setdefault(f.line, set()).add(f.rule)
    assert "boilerplate/page-title" in rules[3]
    assert "boilerplate/site-notice" in rules[1]
    assert "boilerplate/menu" in rules[6]
    assert any("boilerplate/headline-list" in rules.get(n, ()) for n in range(len(lines) - 8, len(lines)))


def test_dateline_below_the_menus_dates_the_page():
    lines, _ = page_lines()
    assert dateline_date("\n".join(lines)) == dt.date(2019, 4, 14)
    doc = make_document("\n".join(lines), "page.txt", Config())
    assert (doc.date, doc.date_source) == (dt.date(2019, 4, 14), "text")


def test_a_date_in_the_body_is_not_the_articles():
    text = "\n".join([TITLE, BODY[0], "وكان اجتماع سابق قد عقد في 3 مارس 2015 في العاصمة لبحث المشروع نفسه مع الممولين.", BODY[1]])
    assert dateline_date(text) is None


def _clean(args):
    out = io.StringIO()
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["clean", *args])
    return code, out.getvalue(), err.getvalue()


def test_clean_reports_per_file_and_in_json(tmp_path):
    lines, labels = page_lines()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = _clean([str(tmp_path / "in" / "page.txt"), "--out", str(tmp_path / "out"), "--format", "json"])
    assert code == 0
    report = json.loads(out)
    [record] = report["files"]
    assert record["removed_lines"] == len(record["removed"]) == report["summary"]["removed_lines"]
    assert all(item["rules"] and item["reason"] for item in record["removed"])
    assert {item["line"] for item in record["removed"]} <= {n for n, label in enumerate(labels, 1) if label == "furniture"}
    code, out, _ = _clean([str(tmp_path / "in" / "page.txt"), "--out", str(tmp_path / "out2")])
    assert f"of {len(lines)} lines" in out and "words (" in out


def test_clean_warns_when_a_file_loses_more_than_half(tmp_path):
    (tmp_path / "in").mkdir()
    text = "\n".join(["مقالات ذات صلة", "اترك تعليقاً", "زر الذهاب إلى الأعلى", "شارك", "إغلاق", "الرئيسية",
                      "لن يتم نشر عنوان بريدك الإلكتروني.", "عنوان"]) + "\n"
    (tmp_path / "in" / "menu.txt").write_text(text, encoding="utf-8")
    code, out, err = _clean([str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert "warning" in err and "menu.txt" in err
    assert "more than 50%" in out


def test_near_copies_never_lose_article_text_in_corpus_mode(tmp_path):
    """Wire copy: the same paragraphs in many files of the run. Site lines go, the article stays."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(20):
        body = BODY if n % 2 else [p.replace("الحكومة", "الوزارة") for p in BODY]
        lines = ["جريدة الساحل", "الأولى", "محافظات", "عربي ودولي", "ملاعب", f"{TITLE} {n}", *body,
                 "جميع الحقوق محفوظة لجريدة الساحل ومؤسسة الأخبار المتحدة"]
        (folder / f"a{n:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_paths([str(folder)], config=Config(select=("boilerplate/site-furniture",)))
    flagged = {f.excerpt for f in result.findings}
    assert "جميع الحقوق محفوظة لجريدة الساحل ومؤسسة الأخبار المتحدة" in flagged
    assert not flagged & {*BODY}
    code, out, err = _clean([str(folder), "--out", str(tmp_path / "out")])
    assert code == 0 and "warning" not in err
    for n in range(20):
        cleaned = (tmp_path / "out" / f"a{n:02d}.txt").read_text(encoding="utf-8")
        assert "وقال وزير الموارد المائية" in cleaned and "مراحل التنفيذ" in cleaned


def test_today_fallback_is_said(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(TITLE + "\n\n" + BODY[0] + "\n", encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", str(path), "--select", "typography"])
    assert "checked as of today" in out.getvalue()
