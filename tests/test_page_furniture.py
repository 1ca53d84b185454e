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


# --- Phenomena of real news pages beyond menus: cards, captions, comments, inline boxes ---------

def _page(*blocks):
    """(text, labels) from (label, lines) blocks."""
    lines, labels = [], []
    for label, block in blocks:
        lines += block
        labels += [label] * len(block)
    return "\n".join(lines) + "\n", labels


def _check(text, labels, min_recall=0.9):
    removed = flagged_lines(text)
    lines = text.split("\n")
    body = {n for n, label in enumerate(labels, 1) if label == "body"}
    furniture = {n for n, label in enumerate(labels, 1) if label == "furniture"}
    assert not removed & body, [lines[n - 1] for n in sorted(removed & body)]
    assert len(removed & furniture) >= min_recall * len(furniture), [lines[n - 1] for n in sorted(furniture - removed)]
    return removed


CARDS = [
    "تقارير مختارة",
    "مزارعو الزيتون يترقبون موسما وفيرا بعد أمطار الشتاء",
    "يتوقع مزارعو الزيتون في السهول الشمالية موسما وفيرا هذا العام بعد أمطار غزيرة هطلت طوال الشتاء.",
    "منذ 3 ساعات",
    "جامعة العاصمة تفتتح مختبرا جديدا لأبحاث الطاقة الشمسية",
    "افتتحت جامعة العاصمة مختبرا لأبحاث الطاقة الشمسية بتمويل مشترك من القطاع الخاص ووزارة التعليم العالي.",
    "12 مارس 2019",
    "فرقة المسرح الوطني تعرض مسرحيتها الجديدة في ثلاث مدن",
    "تبدأ فرقة المسرح الوطني الأسبوع المقبل جولة تعرض خلالها مسرحيتها الجديدة في ثلاث مدن.",
    "منذ يومين",
]


def test_teaser_cards_after_the_article_are_a_list_however_long_their_summaries():
    text, labels = _page(("body", [TITLE] + BODY), ("furniture", CARDS))
    removed = _check(text, labels)
    summary = len(BODY) + 3  # the first card's summary sentence
    assert summary in removed


def test_an_article_written_as_headed_sections_keeps_every_section():
    # Subheadings restated by their paragraphs, with no dates and no box heading: the article's own
    # structure, not a list of other stories.
    sections = [
        "اللاعب الأول في خط الوسط",
        "قدم اللاعب الأول في خط الوسط موسما لافتا مع فريقه، وسجل سبعة أهداف وصنع مثلها في الدوري.",
        "اللاعب الثاني في حراسة المرمى",
        "حافظ اللاعب الثاني على نظافة شباكه في اثنتي عشرة مباراة، وكان حارس المرمى الأفضل في البطولة.",
        "اللاعب الثالث في خط الهجوم",
        "عاد اللاعب الثالث إلى خط الهجوم بعد إصابة طويلة، ويأمل المدرب أن يستعيد مستواه قبل البطولة.",
    ]
    text = "\n".join([TITLE, BODY[0], BODY[1], *sections]) + "\n"
    assert flagged_lines(text) == set()


def test_photo_captions_go_by_their_credit_and_wire_credits_stay():
    text, labels = _page(
        ("body", [TITLE, BODY[0]]),
        ("furniture", ["عمال يصلحون أنبوبا في أحد الأحياء القديمة (رويترز)"]),
        ("body", [BODY[1]]),
        ("furniture", ["وزير الموارد المائية خلال المؤتمر الصحفي - أرشيفية", "الصورة: وكالات"]),
        ("body", BODY[2:] + ["وكالات/ أ ف ب"]),
    )
    _check(text, labels, min_recall=1.0)


def test_a_paragraph_ending_with_its_agency_is_not_a_caption():
    paragraph = "وقال المتحدث إن الحكومة ستعلن تفاصيل الخطة الأسبوع المقبل. (رويترز)"
    text = "\n".join([TITLE, BODY[0], paragraph, BODY[1]]) + "\n"
    assert flagged_lines(text) == set()


def test_readers_comments_under_a_name_and_a_time_go():
    comments = [
        "تعليقات القراء",
        "ابن المدينة",
        "منذ 5 ساعات",
        "نتمنى أن تنفذ الخطة هذه المرة فعلا وألا تبقى حبرا على ورق كما حدث في السنوات الماضية.",
        "رد",
        "قارئة دائمة",
        "12/04/2019 14:20",
        "شكرا على هذا التقرير المفصل، ونرجو متابعة الموضوع مع المسؤولين.",
    ]
    text, labels = _page(("body", [TITLE] + BODY), ("furniture", comments))
    _check(text, labels, min_recall=1.0)


def test_a_video_list_with_durations_inside_the_body_goes_and_a_restated_subheading_stays():
    videos = ["فيديوهات", "لحظة افتتاح الجسر الجديد فوق النهر", "02:45", "سباق القوارب التقليدية في الميناء", "01:30"]
    box = ["اقرأ أيضا", "افتتاح الموسم السياحي بمهرجان للفنون الشعبية"]
    subheading = "كلفة المشروع وتمويله"
    funding = ("وبلغت كلفة المشروع مئتي مليون دولار، ويأتي تمويله من قرض ميسر ومن موازنة الدولة على ثلاث "
               "سنوات، بحسب ما أعلنت الوزارة.")
    text, labels = _page(
        ("body", [TITLE, BODY[0], BODY[1]]), ("furniture", videos), ("body", [BODY[3]]),
        ("furniture", box), ("body", [subheading, funding, BODY[4]]),
    )
    _check(text, labels, min_recall=1.0)


def test_the_title_between_a_breadcrumb_and_a_byline_is_kept():
    text, labels = _page(
        ("furniture", ["جريدة الساحل", "الرئيسية » محليات"]),
        ("body", ["ارتفاع أسعار المياه في المدن الساحلية"]),
        ("furniture", ["نشر في 14 أبريل 2019 - 10:20"]),
        ("body", BODY),
        ("furniture", ["© 2019 جريدة الساحل"]),
    )
    _check(text, labels)


def test_a_closing_paragraph_with_a_notices_words_on_the_articles_subject_stays():
    closing = ("ويحق للبلديات منذ العام الماضي طلب تمويل إضافي لشبكة المياه بعد التطبيق الصارم لقانون "
               "المياه الجديد في المدن الساحلية.")
    text = "\n".join([TITLE, *BODY, closing]) + "\n"
    assert flagged_lines(text) == set()


def test_a_caption_split_from_its_credit_and_a_subheading_between_captions():
    text, labels = _page(
        ("body", [TITLE, BODY[0]]),
        ("furniture", ["عمال يصلحون أنبوبا في أحد الأحياء", "(رويترز)"]),
        ("body", ["إصلاح الأنابيب التالفة"]),
        ("furniture", ["AFP", "موظفو البلدية أمام محطة الضخ"]),
        ("body", ["وبدأ إصلاح الأنابيب التالفة في الأحياء القديمة قبل أسبوع، على أن ينتهي العمل فيها قبل حلول الصيف المقبل.",
                  BODY[1]]),
    )
    _check(text, labels, min_recall=1.0)


def test_a_list_the_article_announces_after_its_last_paragraph_is_the_articles():
    ranking = ["1- المدينة الأولى: 40 مليون دولار", "2- المدينة الثانية: 35 مليون دولار",
               "3- المدينة الثالثة: 20 مليون دولار", "4- المدينة الرابعة: 12 مليون دولار"]
    text = "\n".join([TITLE, BODY[0], BODY[1], "وجاءت حصص المدن كالآتي:", *ranking]) + "\n"
    assert flagged_lines(text) == set()


def test_a_lone_symbol_and_a_lone_duration_go():
    text, labels = _page(("body", [TITLE] + BODY), ("furniture", ["↑", "03:15"]))
    _check(text, labels, min_recall=1.0)
