"""A second, independent set of invented news sites for the line classifier's bench.

Written apart from bench/page_maker.py and modelled on how large Arabic news sites read once their
HTML is flattened to one line per block element (`innerText`, `get_text("\\n")`): teaser cards of
a headline, a one-sentence summary and a date or «منذ 3 ساعات»; «اقرأ أيضا» boxes between
paragraphs; numbered most-read lists; video playlists with durations; author boxes with a short
biography; photo captions and credits; bylines and datelines; share bars; newsletter, app and
cookie banners; tag lists; prayer-time, weather and currency strips; language switchers; pipe
menus; "Title | Site" page titles; comment threads with user names, times and the comments
themselves; pagination. Each site has its own layout, and the order and wording of its blocks vary
from page to page.

Pages are built at run time around ../shared/corpora/ant-news-2018 articles (title + paragraphs,
labelled body); teasers and related lists use OTHER articles' titles and first sentences. No
corpus text is stored. `HELD_OUT` lists sites never looked at while the classifier was tuned.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
SHAMI = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
         "تشرين الثاني", "كانون الأول"]
WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
PEOPLE = ["أحمد عبد الرحمن", "مريم الصباغ", "وليد القاسمي", "نور الهدى بنعلي", "جمال الدين فرحات", "سارة العتيبي",
          "حسام النجار", "إيمان الشامي", "مصطفى الفقي", "ريم حداد", "عادل بوزيد", "دينا كمال", "ياسر الخطيب"]
USERS = ["أبو محمد", "مواطن غيور", "Ahmed_88", "ابن البلد", "سعاد", "مغربي حر", "زائر", "م. خالد", "عاشق الوطن",
         "محمود من طنطا", "Noura", "أم يوسف", "قارئ دائم"]
CITIES = ["القاهرة", "بيروت", "الرباط", "عمّان", "الدوحة", "دبي", "تونس", "الرياض", "الجزائر", "بغداد", "الخرطوم"]
AGENCIES = ["رويترز", "أ ف ب", "فرانس برس", "أسوشيتد برس", "د ب أ", "الأناضول", "وكالات", "أ.ب"]
TOPICS = ["حقوق الإنسان", "الاتحاد الأفريقي", "أسعار النفط", "التغير المناخي", "الدوري الإسباني", "كأس العالم",
          "الهجرة غير الشرعية", "الانتخابات الرئاسية", "مجلس الأمن", "البنك الدولي", "التعليم", "الصحة العامة",
          "السياحة", "الطاقة المتجددة", "فلسطين", "ليبيا", "اليمن", "تركيا", "إيران", "الولايات المتحدة", "أوروبا"]
COMMENTS = [
    "كلام جميل ربنا يحفظ البلد",
    "أين المسؤولين من كل هذا؟؟",
    "مقال رائع شكرا للكاتب على هذا التحليل الموضوعي.",
    "للأسف الإعلام لا ينقل الحقيقة كاملة",
    "هذا ما كنا نقوله منذ سنوات ولم يسمعنا أحد، والنتيجة أمامكم اليوم.",
    "الله المستعان",
    "لا أتفق مع الكاتب في النقطة الأخيرة لأن الواقع مختلف تماما عما ذكره",
    "ممتاز",
    "متى يتحرك المجتمع الدولي؟ الناس تعاني والكل يتفرج",
    "برافو عليكم استمروا",
    "خبر قديم نشر الأسبوع الماضي",
    "نتمنى من الحكومة أن تنظر في أحوال المواطنين البسطاء قبل أي شيء آخر.",
    "تحيا مصر",
    "أرجو نشر تعليقي هذه المرة",
]


def ar_date(rng, year=2018, shami=False, weekday=False):
    m = rng.randrange(12)
    month = f"{MONTHS[m]}/ {SHAMI[m]}" if shami else MONTHS[m]
    text = f"{rng.randint(1, 28)} {month} {year}"
    return f"{rng.choice(WEEKDAYS)} {text}" if weekday else text


def num_date(rng, year=2018, sep="/"):
    return sep.join([f"{rng.randint(1, 28):02d}", f"{rng.randint(1, 12):02d}", str(year)])


def clock(rng, ampm=False):
    h, m = rng.randint(0, 23), rng.randint(0, 59)
    if ampm:
        return f"{h % 12 or 12:02d}:{m:02d} {'ص' if h < 12 else 'م'}"
    return f"{h:02d}:{m:02d}"


def ago(rng):
    return rng.choice([f"منذ {rng.randint(2, 10)} ساعات", f"منذ {rng.randint(2, 59)} دقيقة", "منذ ساعة",
                       f"قبل {rng.randint(2, 6)} أيام", "منذ يومين", f"منذ {rng.randint(11, 23)} ساعة"])


def duration(rng):
    return f"{rng.randint(0, 12):02d}:{rng.randint(0, 59):02d}"


def first_sentence(paragraph: str) -> str:
    """The lead sentence of another article: what a teaser card shows under its headline."""
    match = re.match(r"(.{40,260}?[.!؟])(\s|$)", paragraph)
    text = match.group(1) if match else paragraph[:200].rsplit(" ", 1)[0] + "…"
    return text


class Page:
    def __init__(self):
        self.lines: list[str] = []
        self.labels: list[str] = []

    def fur(self, *lines):
        for line in lines:
            if isinstance(line, (list, tuple)):
                self.fur(*line)
            elif line:
                self.lines.append(line)
                self.labels.append("furniture")

    def body(self, line):
        self.lines.append(line)
        self.labels.append("body")


# --- Blocks --------------------------------------------------------------------------------------

def cookie(rng, site):
    return rng.choice([
        [f"نستخدم ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك على {site}. باستمرارك في التصفح فإنك توافق على ذلك.",
         rng.choice(["أوافق", "موافق", "قبول"]), rng.choice(["المزيد", "الإعدادات", ""])],
        ["يعتمد هذا الموقع على ملفات الارتباط لأغراض التحليل والإعلانات المخصصة", "حسنا"],
        ["خصوصيتك تهمنا", "نحن وشركاؤنا نخزن معلومات على جهازك أو نصل إليها، مثل معرفات فريدة في ملفات تعريف الارتباط، "
         "لمعالجة البيانات الشخصية.", "قبول الكل", "رفض الكل", "خيارات أخرى"],
    ])


def language_switch(rng):
    return rng.choice([["English", "Français", "عربي"], ["English | Français | Español"], ["EN", "FR"],
                       ["النسخة الإنجليزية"], ["عربي", "English"]])


def prayer_strip(rng, city):
    times = [("الفجر", 4), ("الشروق", 6), ("الظهر", 12), ("العصر", 15), ("المغرب", 18), ("العشاء", 20)]
    shape = rng.randrange(3)
    if shape == 0:
        return [f"مواقيت الصلاة في {city}"] + [f"{n} {h:02d}:{rng.randint(0, 59):02d}" for n, h in times]
    if shape == 1:
        return [" ".join(f"{n} {h:02d}:{rng.randint(0, 59):02d}" for n, h in times)]
    return ["مواقيت الصلاة", *[n for n, _ in times], *[f"{h:02d}:{rng.randint(0, 59):02d}" for _, h in times]]


def weather_strip(rng, city):
    return rng.choice([
        [f"{city}", f"{rng.randint(8, 41)}°C", rng.choice(["غائم جزئيا", "مشمس", "أمطار خفيفة", "صحو"])],
        [f"الطقس اليوم: {city} {rng.randint(8, 41)}° / {rng.randint(2, 25)}°"],
        [f"{rng.randint(8, 41)}° {city}"],
    ])


def currency_strip(rng):
    pairs = ["الدولار", "اليورو", "الجنيه الإسترليني", "الريال السعودي", "الذهب عيار 21"]
    chosen = rng.sample(pairs, rng.randint(2, 4))
    if rng.random() < 0.5:
        return ["أسعار العملات"] + [f"{p} {rng.randint(1, 900)}.{rng.randint(10, 99)}" for p in chosen]
    return [" | ".join(f"{p} {rng.randint(1, 900)}.{rng.randint(10, 99)} {rng.choice(['▲', '▼'])}" for p in chosen)]


SECTIONS = [
    ["الرئيسية", "أخبار", "سياسة", "اقتصاد", "رياضة", "فن", "حوادث", "تكنولوجيا", "صحة", "مقالات", "فيديو"],
    ["الرئيسية", "الأخبار", "العالم العربي", "دولي", "اقتصاد", "رياضة", "منوعات", "برامج", "وثائقيات", "البث المباشر"],
    ["أخبار عاجلة", "محافظات", "برلمان وأحزاب", "تعليم", "عقارات", "سيارات", "المرأة والمنوعات", "دين", "لايف ستايل"],
    ["مجتمع", "جهات", "فن وثقافة", "رياضة", "تكنولوجيا", "مغاربة العالم", "كُتّاب وآراء", "صوت وصورة", "تعليم"],
    ["آراء", "تحقيقات", "ثقافة", "علوم", "صحة", "بيئة", "اقتصاد", "منوعات", "تقارير", "الصحافة العالمية"],
]


def nav(rng, style="lines"):
    items = rng.choice(SECTIONS)[:]
    rng.shuffle(items)
    items = items[: rng.randint(5, len(items))]
    if style == "pipe":
        return [rng.choice([" | ", " - ", " · ", " / "]).join(items)]
    if style == "glued-ish":
        return ["  ".join(items)]
    return items


def breaking(rng, titles):
    return rng.choice([[rng.choice(["عاجل", "عاجل |", "الآن"]), rng.choice(titles)],
                       [f"عاجل: {rng.choice(titles)}"], ["أخبار عاجلة", *rng.sample(titles, 3)]])


def crumbs(rng):
    section = rng.choice(["سياسة", "اقتصاد", "أخبار دولية", "ثقافة", "رياضة", "منوعات"])
    return [rng.choice([" > ", " / ", " » ", " ، "]).join(["الرئيسية", section])] if rng.random() < 0.7 else ["الرئيسية", section]


def byline_block(rng, city):
    name = rng.choice(PEOPLE)
    return rng.choice([
        [f"كتب: {name}"], [f"كتبت {name}"], [f"بقلم {name}"], [name],
        [f"{city} - {rng.choice(AGENCIES)}"], [f"{city}: {name}"],
        [f"{name} - {city}"], [f"المحرر: {name}"], [f"{name}", "صحفي"],
        [f"Author, {name}", "Role, مراسل"],
    ])


def stamp(rng):
    return rng.choice([
        [ar_date(rng, weekday=True) + " " + clock(rng, True)],
        [f"نشر في: {num_date(rng)} - {clock(rng)}", f"آخر تحديث: {num_date(rng)} - {clock(rng)}"],
        [f"تاريخ النشر: {ar_date(rng)}"], [ar_date(rng, shami=True)],
        [f"{ar_date(rng)} - {clock(rng)} بتوقيت {rng.choice(['مكة', 'القاهرة', 'غرينتش'])}"],
        [f"{num_date(rng, sep='-')} {clock(rng)}"], [f"آخر تحديث {ago(rng)}"],
        [f"الأحد {clock(rng, True)}"], [f"{ar_date(rng)}", f"وقت القراءة: {rng.randint(2, 8)} دقائق"],
    ])


def share(rng):
    return rng.choice([
        ["مشاركة", "فيسبوك", "تويتر", "واتساب", "لينكدإن"], ["شارك:", "Facebook", "X", "WhatsApp", "Telegram"],
        ["شارك الخبر"], [f"{rng.randint(1, 99)} تعليق", f"{rng.randint(100, 9000)} مشاهدة"],
        ["طباعة", "أ+", "أ-"], ["انسخ الرابط", "تم النسخ"], ["حفظ", "مشاركة", "استمع"],
        ["اضغط هنا للاستماع إلى الخبر", duration(rng)],
    ])


def caption_block(rng, city, agency):
    picture = rng.choice(["الرئيس خلال لقائه الوفد الزائر", f"مشهد من شوارع {city}", "جانب من الاحتجاجات",
                          "صورة أرشيفية", "محتجون يرفعون لافتات أمام مقر الحكومة", "الملعب قبل انطلاق المباراة",
                          f"من اجتماع عقد في {city} الشهر الماضي", "عناصر من الشرطة في موقع الحادث"])
    return rng.choice([
        [f"{picture} ({agency})"], [f"{picture} - {rng.choice(['أرشيفية', 'وكالات', agency])}"],
        [f"الصورة: {agency}"], [picture, f"({agency})"], [f"مصدر الصورة، {rng.choice(['Getty Images', 'AFP', 'Reuters'])}",
                                                          "التعليق على الصورة،", picture],
        [f"{picture} - الصورة من {agency}"], [f"صورة تعبيرية"], [f"{picture} (Getty)"],
    ])


def read_also(rng, titles):
    heading = rng.choice(["اقرأ أيضا", "اقرأ أيضاً:", "إقرأ أيضا", "اقرأ أيضًا..", "ذات صلة", "اقرأ المزيد",
                          "طالع أيضا", "قد يهمك أيضا", "شاهد أيضا"])
    picked = rng.sample(titles, rng.randint(1, 3))
    if rng.random() < 0.3:
        return [f"{heading} {picked[0]}"]
    return [heading, *picked]


def teaser_cards(rng, others, heading=True, when="date"):
    out = [rng.choice(["المزيد من الأخبار", "أخبار ذات صلة", "اخترنا لكم", "مواضيع قد تعجبك", "الأكثر تفاعلا",
                       "تقارير ومقابلات", "المزيد حول هذه القصة", "آخر الأخبار", "مختارات"])] if heading else []
    for title, lead in rng.sample(others, rng.randint(3, 6)):
        card = [title]
        if rng.random() < 0.75:
            card.append(lead)
        stamp_line = ago(rng) if when == "ago" else ar_date(rng) if when == "date" else rng.choice([ago(rng), ar_date(rng)])
        if rng.random() < 0.8:
            card.append(stamp_line) if rng.random() < 0.7 else card.insert(0, stamp_line)
        if rng.random() < 0.2:
            card.insert(0, rng.choice(["سياسة", "اقتصاد", "رياضة", "تقارير", "منوعات"]))
        out += card
    return out


def most_read(rng, titles, numbered=True):
    out = [rng.choice(["الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر قراءة اليوم", "الأعلى مشاهدة"])]
    style = rng.randrange(3) if numbered else 2
    for i, title in enumerate(rng.sample(titles, rng.choice([5, 5, 6, 10])), 1):
        if style == 0:
            out += [str(i), title]
        elif style == 1:
            out.append(f"{i} {title}" if rng.random() < 0.5 else f"{i}. {title}")
        else:
            out.append(title)
    return out


def videos(rng, titles):
    out = [rng.choice(["فيديو", "شاهد", "فيديوهات", "أحدث الفيديوهات", "بالفيديو"])]
    for title in rng.sample(titles, rng.randint(3, 5)):
        item = [duration(rng), title] if rng.random() < 0.5 else [title, duration(rng)]
        if rng.random() < 0.3:
            item.append(f"{rng.randint(1, 900)} ألف مشاهدة")
        out += item
    if rng.random() < 0.5:
        out.append(rng.choice(["المزيد من الفيديوهات", "عرض الكل", "التالي"]))
    return out


def author_box(rng):
    name = rng.choice(PEOPLE)
    bio = rng.choice([
        "صحفي متخصص في الشؤون الاقتصادية، عمل في عدة صحف عربية ودولية.",
        "كاتبة وباحثة في قضايا المجتمع والثقافة",
        "مراسل الموقع في العاصمة، يغطي الشأن السياسي والبرلماني منذ عام 2010.",
        "محرر قسم المنوعات",
        "باحث في العلاقات الدولية وأستاذ جامعي",
    ])
    return rng.choice([[name, bio], ["عن الكاتب", name, bio], [name, bio, f"المزيد من مقالات {name.split()[0]}"],
                       [f"الكاتب: {name}"]])


def tags_block(rng):
    chosen = rng.sample(TOPICS, rng.randint(3, 7))
    return rng.choice([
        [rng.choice(["الكلمات المفتاحية", "وسوم", "مواضيع ذات صلة", "اقرأ حول:", "الموضوعات المتعلقة"]), *chosen],
        ["، ".join(chosen)], [" ".join("#" + t.replace(" ", "_") for t in chosen)], chosen,
    ])


def newsletter_box(rng, site):
    return rng.choice([
        ["اشترك في النشرة الإخبارية", f"احصل على أهم أخبار {site} يوميا في بريدك", "البريد الإلكتروني", "اشترك الآن"],
        [f"النشرة البريدية لـ{site}", "سجل بريدك الإلكتروني ليصلك كل جديد", "اشتراك"],
        ["هل تريد أن تبقى على اطلاع؟ اشترك في نشرتنا الأسبوعية.", "أدخل بريدك", "إرسال"],
        ["بالتسجيل، أنت توافق على شروط الاستخدام وسياسة الخصوصية."],
    ])


def app_box(rng, site):
    return rng.choice([
        [f"حمل تطبيق {site}", "App Store", "Google Play"],
        [f"تابع آخر الأخبار عبر تطبيق {site} على هاتفك الذكي", "تنزيل"],
        ["نزّل التطبيق الآن", "متوفر على أندرويد وآيفون"],
        ["اضغط هنا لتحميل التطبيق"],
    ])


def follow_box(rng, site):
    return rng.choice([
        ["تابعونا على", "فيسبوك", "تويتر", "إنستجرام", "يوتيوب", "تيك توك"],
        [f"تابعوا آخر أخبار {site} عبر Google News"],
        [f"لمتابعة أخبار {site} على واتساب اضغط هنا"],
        ["تابعنا على تطبيق نبض"],
    ])


def comments_thread(rng, site, numbered=False):
    out = [rng.choice([f"التعليقات ({rng.randint(2, 60)})", "تعليقات القراء", "التعليقات", f"{rng.randint(2, 60)} تعليق"])]
    if rng.random() < 0.4:
        out.append(rng.choice([f"التعليقات المنشورة لا تعبر عن رأي {site} وإنما عن رأي أصحابها.",
                               "يرجى الالتزام بقواعد النشر، وسيتم حذف التعليقات المسيئة.",
                               "جميع التعليقات تخضع للمراجعة قبل النشر"]))
    for i, text in enumerate(rng.sample(COMMENTS, rng.randint(2, 6)), 1):
        head = [f"{i}", rng.choice(USERS)] if numbered else [rng.choice(USERS)]
        when = rng.choice([ago(rng), f"{num_date(rng)} {clock(rng)}", ar_date(rng) + " - " + clock(rng, True)])
        out += head + [when, text]
        if rng.random() < 0.6:
            out += rng.choice([["رد"], [f"إعجاب {rng.randint(0, 90)}"], [f"{rng.randint(0, 90)}", f"{rng.randint(0, 30)}"],
                               ["رد", "إبلاغ"]])
    out += rng.choice([["أضف تعليق", "الاسم", "البريد الإلكتروني", "التعليق", "أرسل"],
                       ["اكتب تعليقك هنا", "إرسال"], ["المزيد من التعليقات"], []])
    return out


def pagination(rng):
    pages = rng.randint(3, 9)
    return rng.choice([[" ".join(str(i) for i in range(1, pages + 1)) + " التالي"],
                       ["السابق", *[str(i) for i in range(1, 4)], "التالي"], ["1 2 3 ... " + str(pages), "التالي »"],
                       ["« السابق", "التالي »"], ["عرض المزيد"], ["تحميل المزيد"]])


def footer_block(rng, site, pipe=True):
    year = rng.choice([2018, 2019, 2021, 2024])
    links = rng.sample(["من نحن", "اتصل بنا", "سياسة الخصوصية", "شروط الاستخدام", "أعلن معنا", "وظائف",
                        "خريطة الموقع", "الأرشيف", "هيئة التحرير", "سياسة الكوكيز", "الأسئلة الشائعة"], rng.randint(4, 7))
    out = [" | ".join(links)] if pipe else links
    out.append(rng.choice([f"© {site} {year}", f"جميع الحقوق محفوظة لـ{site} © {year}",
                           f"© {year} {site}. جميع الحقوق محفوظة", f"Copyright © {year} {site}. All rights reserved.",
                           f"حقوق الطبع والنشر © {year} {site}، جميع الحقوق محفوظة"]))
    if rng.random() < 0.3:
        out.append(rng.choice(["رئيس التحرير: " + rng.choice(PEOPLE), "ترخيص رقم " + str(rng.randint(100, 999)),
                               "Powered by " + rng.choice(["Drupal", "WordPress", "Arc XP"])]))
    return out


def page_title(rng, title, site):
    return f"{title}{rng.choice([' | ', ' - ', ' — '])}{site}"


def shuffle_blocks(rng, blocks):
    """Blocks whose order differs from page to page of one site."""
    blocks = [b for b in blocks if b]
    rng.shuffle(blocks)
    return blocks


# --- Sites ---------------------------------------------------------------------------------------

def _paragraphs_with_boxes(rng, p, body, boxes, every=0.25, limit=3):
    """The body paragraphs, with inline boxes between some of them (never before the first). Now
    and then the first paragraph opens with a dateline and agency, as wire copy does: body text."""
    placed = 0
    if body and rng.random() < 0.3:
        body = [f"{rng.choice(CITIES)} - {rng.choice(['(' + rng.choice(AGENCIES) + ')', rng.choice(PEOPLE)])} - {body[0]}"] + body[1:]
    for i, paragraph in enumerate(body):
        p.body(paragraph)
        if i < len(body) - 1 and placed < limit and rng.random() < every:
            p.fur(rng.choice(boxes)())
            placed += 1


def site_jazira(rng, p, title, body, others, heads):
    """A broadcaster's portal: language switch, menu lines, summary cards below, sources line."""
    site = "شبكة المدار"
    city = rng.choice(CITIES)
    agency = rng.choice(AGENCIES)
    if rng.random() < 0.6:
        p.fur(cookie(rng, site))
    p.fur(rng.choice([site, "المدار نت", f"{site} | الرئيسية"]))
    p.fur(language_switch(rng) if rng.random() < 0.7 else [])
    p.fur(nav(rng))
    if rng.random() < 0.5:
        p.fur("البث المباشر")
    if rng.random() < 0.4:
        p.fur(breaking(rng, heads))
    p.fur(rng.choice([["سياسة"], crumbs(rng), []]))
    p.body(title)
    meta = shuffle_blocks(rng, [stamp(rng), byline_block(rng, city) if rng.random() < 0.5 else [],
                                share(rng) if rng.random() < 0.6 else []])
    for block in meta:
        p.fur(block)
    if rng.random() < 0.7:
        p.fur(caption_block(rng, city, agency))
    _paragraphs_with_boxes(rng, p, body, [lambda: read_also(rng, heads), lambda: caption_block(rng, city, agency)])
    p.fur(rng.choice([f"المصدر : {site} + {agency}", f"المصدر: {agency}", f"المصدر : {site}", ""]))
    tail = shuffle_blocks(rng, [tags_block(rng) if rng.random() < 0.7 else [],
                                teaser_cards(rng, others, when="date"),
                                videos(rng, heads) if rng.random() < 0.5 else [],
                                most_read(rng, heads, numbered=False) if rng.random() < 0.5 else []])
    for block in tail:
        p.fur(block)
    p.fur(follow_box(rng, site) if rng.random() < 0.5 else [])
    p.fur(app_box(rng, site) if rng.random() < 0.5 else [])
    p.fur(footer_block(rng, site, pipe=rng.random() < 0.3))


def site_arabiya(rng, p, title, body, others, heads):
    """A satellite channel's site: tickers of prayers and markets on top, videos, numbered lists."""
    site = "قناة الحدث العربي"
    city = rng.choice(CITIES)
    agency = rng.choice(AGENCIES)
    if rng.random() < 0.5:
        p.fur(page_title(rng, title, site))
    p.fur(rng.choice([[site], ["الحدث.نت"], []]))
    strips = shuffle_blocks(rng, [prayer_strip(rng, city) if rng.random() < 0.5 else [],
                                  currency_strip(rng) if rng.random() < 0.5 else [],
                                  weather_strip(rng, city) if rng.random() < 0.4 else []])
    for block in strips:
        p.fur(block)
    p.fur(nav(rng, rng.choice(["lines", "pipe"])))
    if rng.random() < 0.6:
        p.fur(breaking(rng, heads))
    p.fur(crumbs(rng) if rng.random() < 0.5 else [])
    if rng.random() < 0.3:
        p.fur(rng.choice(["سياسة", "اقتصاد", "منوعات"]))
    p.body(title)
    p.fur(f"{city} - {site}" if rng.random() < 0.5 else f"{site} - {city}")
    p.fur(stamp(rng))
    if rng.random() < 0.5:
        p.fur(share(rng))
    if rng.random() < 0.6:
        p.fur(caption_block(rng, city, agency))
    _paragraphs_with_boxes(rng, p, body, [lambda: read_also(rng, heads), lambda: videos(rng, heads)[:3]], every=0.3)
    tail = shuffle_blocks(rng, [tags_block(rng), most_read(rng, heads), videos(rng, heads),
                                teaser_cards(rng, others, when="ago") if rng.random() < 0.6 else []])
    for block in tail:
        p.fur(block)
    p.fur(app_box(rng, site) if rng.random() < 0.6 else [])
    p.fur(newsletter_box(rng, site) if rng.random() < 0.4 else [])
    p.fur(footer_block(rng, site, pipe=rng.random() < 0.6))


def site_youm(rng, p, title, body, others, heads):
    """A busy daily: "Title - Site", a writer's byline, many read-also boxes, reader comments,
    pagination and a long list of latest headlines."""
    site = "الوطن اليوم"
    city = rng.choice(CITIES)
    p.fur(page_title(rng, title, site))
    p.fur(rng.choice([[site], [f"{site} - بوابة الأخبار المصرية"]]))
    p.fur(rng.choice([[ar_date(rng, weekday=True)], [f"{ar_date(rng, weekday=True)} {clock(rng, True)}"], []]))
    p.fur(nav(rng, rng.choice(["lines", "pipe", "glued-ish"])))
    p.fur(breaking(rng, heads) if rng.random() < 0.7 else [])
    p.fur(rng.choice([[rng.choice(["أخبار مصر", "حوادث", "عربي ودولي"])], []]))
    p.body(title)
    p.fur(rng.choice([[f"كتب {rng.choice(PEOPLE)}"], [f"كتبت {rng.choice(PEOPLE)}"], [f"كتب - {rng.choice(PEOPLE)}"]]))
    p.fur([f"{ar_date(rng, weekday=True)} {clock(rng, True)}"])
    p.fur(share(rng))
    if rng.random() < 0.5:
        p.fur(caption_block(rng, city, site))
    _paragraphs_with_boxes(rng, p, body, [lambda: read_also(rng, heads)], every=0.45, limit=4)
    p.fur(rng.choice([["اقرأ أيضا", *rng.sample(heads, 4)], []]))
    tail = shuffle_blocks(rng, [comments_thread(rng, site), tags_block(rng) if rng.random() < 0.5 else [],
                                most_read(rng, heads), [rng.choice(["آخر الأخبار", "أخبار متعلقة"])] + rng.sample(heads, 6)])
    for block in tail:
        p.fur(block)
    p.fur(pagination(rng) if rng.random() < 0.5 else [])
    p.fur(footer_block(rng, site, pipe=rng.random() < 0.5))


def site_sharq(rng, p, title, body, others, heads):
    """A pan-Arab daily: edition and date on top, author box with a biography, teaser cards with
    summaries, captions in brackets, an opinion column list."""
    site = "الشرق اللندنية"
    city = rng.choice(CITIES)
    agency = rng.choice(AGENCIES)
    if rng.random() < 0.4:
        p.fur(cookie(rng, site))
    p.fur([f"{ar_date(rng, weekday=True)} - {rng.randint(1438, 1440)} هـ", f"العدد {rng.randint(14000, 15000)}"][: rng.randint(1, 2)])
    p.fur(site)
    p.fur(nav(rng, "lines"))
    if rng.random() < 0.5:
        p.fur(language_switch(rng))
    p.fur(rng.choice([["العالم العربي"], ["أخبار"], crumbs(rng)]))
    p.body(title)
    order = [author_box(rng) if rng.random() < 0.5 else byline_block(rng, city), stamp(rng)]
    if rng.random() < 0.5:
        order.reverse()
    p.fur(order)
    p.fur(caption_block(rng, city, agency) if rng.random() < 0.7 else [])
    _paragraphs_with_boxes(rng, p, body, [lambda: caption_block(rng, city, agency), lambda: read_also(rng, heads)])
    p.fur(rng.choice([[f"{rng.choice(TOPICS)}"], []]))
    p.fur(share(rng) if rng.random() < 0.7 else [])
    tail = shuffle_blocks(rng, [teaser_cards(rng, others, when="date"),
                                ["مقالات ذات صلة", *rng.sample(heads, 3)] if rng.random() < 0.5 else [],
                                most_read(rng, heads, numbered=rng.random() < 0.5),
                                ["كتاب الرأي"] + [x for t in rng.sample(heads, 3) for x in (rng.choice(PEOPLE), t)]
                                if rng.random() < 0.5 else []])
    for block in tail:
        p.fur(block)
    p.fur(newsletter_box(rng, site) if rng.random() < 0.5 else [])
    p.fur(footer_block(rng, site, pipe=False))


def site_hesba(rng, p, title, body, others, heads):
    """A Maghreb portal (held out): weather and prayer strip, pipe menu, numbered comment thread
    with readers' names and times, newsletter, "منذ" everywhere."""
    site = "هسبريس المغاربية"
    city = rng.choice(["الرباط", "الدار البيضاء", "فاس", "مراكش", "طنجة"])
    p.fur(rng.choice([prayer_strip(rng, city), weather_strip(rng, city), []]))
    p.fur(rng.choice([[site], ["هسبريس"], []]))
    p.fur(language_switch(rng) if rng.random() < 0.5 else [])
    p.fur(nav(rng, "pipe") if rng.random() < 0.6 else nav(rng))
    p.fur(rng.choice([["مجتمع"], ["سياسة"], ["اقتصاد"]]))
    if rng.random() < 0.5:
        p.fur(page_title(rng, title, site))
    p.body(title)
    p.fur(rng.choice([[rng.choice(PEOPLE), ago(rng)], [f"{rng.choice(PEOPLE)} - {ago(rng)}"],
                      ["هسبريس - " + rng.choice(PEOPLE)], [ar_date(rng, weekday=True) + " - " + clock(rng)]]))
    if rng.random() < 0.6:
        p.fur(caption_block(rng, city, "هسبريس"))
    _paragraphs_with_boxes(rng, p, body, [lambda: read_also(rng, heads)], every=0.2)
    tail = shuffle_blocks(rng, [comments_thread(rng, site, numbered=True), newsletter_box(rng, site),
                                teaser_cards(rng, others, when="ago"), tags_block(rng) if rng.random() < 0.5 else []])
    for block in tail:
        p.fur(block)
    p.fur(follow_box(rng, site))
    p.fur(footer_block(rng, site, pipe=True))


def site_mustaqil(rng, p, title, body, others, heads):
    """An online daily (held out): "Title | Site", author box, inline "اقرأ المزيد" lists, captions
    with agency in brackets, cards with summaries and relative times, pagination."""
    site = "المستقل العربي"
    city = rng.choice(CITIES)
    agency = rng.choice(AGENCIES)
    p.fur(page_title(rng, title, site))
    if rng.random() < 0.5:
        p.fur(cookie(rng, site))
    p.fur(rng.choice([[site, "English"], [site], ["المستقل"]]))
    p.fur(nav(rng))
    p.fur(rng.choice([["تحقيقات ومطولات"], ["الأخبار", "العالم العربي"], []]))
    p.body(title)
    if rng.random() < 0.5:
        p.fur(caption_block(rng, city, agency))
    p.fur(author_box(rng) if rng.random() < 0.5 else byline_block(rng, city))
    p.fur(stamp(rng))
    _paragraphs_with_boxes(rng, p, body, [lambda: read_also(rng, heads), lambda: caption_block(rng, city, agency)],
                           every=0.35)
    p.fur(tags_block(rng))
    tail = shuffle_blocks(rng, [teaser_cards(rng, others, when="mixed"), most_read(rng, heads),
                                videos(rng, heads) if rng.random() < 0.4 else []])
    for block in tail:
        p.fur(block)
    p.fur(pagination(rng) if rng.random() < 0.4 else [])
    p.fur(app_box(rng, site) if rng.random() < 0.5 else [])
    p.fur(footer_block(rng, site, pipe=rng.random() < 0.5))


SITES = {"jazira": site_jazira, "arabiya": site_arabiya, "youm": site_youm, "sharq": site_sharq,
         "hesba": site_hesba, "mustaqil": site_mustaqil}
# Never looked at while the classifier was tuned.
HELD_OUT = ("hesba", "mustaqil")


def read_article(path: Path):
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()]
    lines = [l for l in lines if l]
    return lines[0], lines[1:]


def pages(corpus: Path, count: int = 200, seed: int = 11, sites=None):
    """Yield (name, site, text, labels) for `count` pages, reproducibly, round-robin over sites."""
    rng = random.Random(seed)
    files = sorted(corpus.glob("*.txt"))
    rng.shuffle(files)
    # Articles from the far end of the shuffled corpus: other pages than page_maker's first ones.
    chosen = files[-count:]
    others_pool = [read_article(f) for f in files[-count - 400 : -count]]
    cards = [(t, first_sentence(b[0])) for t, b in others_pool if b]
    heads = [t for t, _ in others_pool]
    keys = list(sites or SITES)
    for i, path in enumerate(chosen):
        title, body = read_article(path)
        key = keys[i % len(keys)]
        p = Page()
        SITES[key](rng, p, title, body, rng.sample(cards, 30), rng.sample(heads, 40))
        yield path.name, key, "\n".join(p.lines) + "\n", p.labels
