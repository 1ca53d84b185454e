"""Synthetic scraped news pages for calibrating the line classifier, built at run time.

Each article of ../shared/corpora/ant-news-2018 (title, blank line, body) is wrapped in the page
furniture of one of several invented news sites, as a naive scraper would write the page: one line
per block element. Every site is its own template (menus, breadcrumbs, tickers, bylines, share
bars, inline "read also" boxes, tags, related and most-read lists made of OTHER articles' titles,
comment forms and policies, cookie and app banners, newsletter boxes, footers), drawn with
variation. Each line is labelled body or furniture.

No corpus text is stored: pages are made in memory from the corpus each time. The furniture text
below is written for this bench; it is deliberately phrased in many ways, most of them not in the
furniture lexicon, so the bench measures the classifier's features and not its word list.
`HELD_OUT` names a style kept apart while the classifier was tuned.
"""

from __future__ import annotations

import random
from pathlib import Path

MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
NAMES = ["سامر الحلبي", "ليلى منصور", "عمر بن يوسف", "هدى السيد", "كريم العلي", "نادين خوري", "يوسف الشريف", "منى عبد الله",
         "طارق الزين", "رانيا فؤاد", "خالد الدوسري", "سلمى الحداد"]
TAGS = ["فرنسا", "الاتحاد الأوروبي", "ماكرون", "الاقتصاد العالمي", "كرة القدم", "الشرق الأوسط", "النفط", "الانتخابات",
        "السينما", "التكنولوجيا", "الأمم المتحدة", "اللاجئين", "سوريا", "العراق", "مصر", "المغرب", "الصين", "روسيا",
        "الذكاء الاصطناعي", "مهرجان كان", "الدوري الإنجليزي", "البورصة"]
CITIES = ["القاهرة", "بيروت", "الرباط", "عمّان", "الدوحة", "دبي", "تونس", "الرياض"]


def _date(rng, year=2018, levant=False):
    m = rng.randrange(12)
    month = f"{MONTHS[m]}/{LEVANT[m]}" if levant else MONTHS[m]
    return f"{rng.randint(1, 28)} {month} {year}"


def _numeric_date(rng, year=2018):
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"


def _time(rng):
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


class Page:
    def __init__(self):
        self.lines: list[str] = []
        self.labels: list[str] = []

    def add(self, lines, label="furniture"):
        if isinstance(lines, str):
            lines = [lines]
        for line in lines:
            self.lines.append(line)
            self.labels.append(label)

    def blank(self):
        self.lines.append("")
        self.labels.append("blank")


# --- Furniture blocks, each in several phrasings ---------------------------------------------------

def cookie_banner(rng, site):
    texts = [
        f"يستخدم {site} ملفات تعريف الارتباط لتقديم أفضل تجربة ممكنة، وبمتابعتك التصفح فأنت توافق على ذلك.",
        "نحن نهتم بخصوصيتك. نستعين بملفات الكوكيز لتحليل حركة الزوار وتخصيص المحتوى والإعلانات.",
        f"باستخدامك لموقع {site} فإنك تقر بقبول سياسة الخصوصية وشروط الاستخدام المحدثة",
        "هذا الموقع يحفظ بعض البيانات على جهازك لتحسين أدائه. لمعرفة المزيد اطلع على سياستنا.",
    ]
    buttons = [["موافق"], ["قبول الكل", "رفض"], ["حسنا"], ["أوافق", "إدارة التفضيلات"], ["فهمت"]]
    return [rng.choice(texts), *rng.choice(buttons)]


def app_banner(rng, site):
    return rng.choice([
        [f"حمّل تطبيق {site} مجانا على هاتفك", "تحميل"],
        ["تصفح أسرع عبر تطبيقنا", "افتح التطبيق"],
        [f"احصل على تطبيق {site} لتصلك الأخبار العاجلة أولا بأول"],
        ["هل تريد تلقي إشعارات بأهم الأخبار؟", "لا شكرا", "نعم"],
    ])


def top_bar(rng, city):
    out = []
    if rng.random() < 0.7:
        out.append(rng.choice([f"{DAYS[rng.randrange(7)]}، {_date(rng)}", f"{DAYS[rng.randrange(7)]} {_numeric_date(rng)}",
                               f"{_date(rng)} | {city}"]))
    if rng.random() < 0.4:
        out.append(rng.choice([f"{city} {rng.randint(12, 38)}°", f"الطقس في {city}: مشمس جزئيا",
                               f"سعر الدولار {rng.randint(3, 18)}.{rng.randint(10, 99)}"]))
    return out


MENUS = [
    ["الرئيسية", "سياسة", "اقتصاد", "رياضة", "ثقافة وفنون", "منوعات", "فيديو", "مقالات"],
    ["الأولى", "عربي ودولي", "مال وأعمال", "ملاعب", "صحتك", "تكنولوجيا", "ستايل", "إنفوغرافيك", "بث مباشر"],
    ["أخبار", "محليات", "العالم", "اقتصاد", "رياضة", "علوم", "سيارات", "سفر", "آراء", "كاريكاتير"],
    ["مصر", "الخليج", "المغرب العربي", "أوروبا", "أمريكا", "آسيا", "أفريقيا"],
    ["نشرتنا", "برامج", "وثائقيات", "حوارات", "تحقيقات", "بودكاست", "ألعاب"],
    ["المحافظات", "برلمان", "حوادث", "جامعات", "أسعار الذهب", "مواقيت الصلاة", "الطقس"],
]


def menu(rng, one_line=False):
    items = rng.choice(MENUS)[:]
    rng.shuffle(items)
    items = items[: rng.randint(5, len(items))]
    if one_line:
        return [rng.choice([" | ", " - ", " • ", "  "]).join(items)]
    return items


def ticker(rng, titles):
    head = rng.choice(["عاجل", "الآن", "آخر الأخبار", "مباشر"])
    if rng.random() < 0.5:
        return [head, *rng.sample(titles, 2)]
    return [f"{head}: {rng.choice(titles)}"]


def breadcrumb(rng, section):
    sep = rng.choice([" > ", " / ", " » ", " ‹ "])
    return [sep.join(["الرئيسية", section] + ([rng.choice(["أخبار دولية", "تقارير", "متابعات"])] if rng.random() < 0.4 else []))]


def byline(rng, city):
    name = rng.choice(NAMES)
    choices = [
        [f"بقلم: {name}"],
        [f"كتب - {name}"],
        [name, rng.choice(["مراسل الشؤون الدولية", "محرر الاقتصاد", "صحفي مستقل"])],
        [f"{city} - {rng.choice(['وكالات', 'رويترز', 'خاص'])}"],
        [f"إعداد: {name}", f"تحرير: {rng.choice(NAMES)}"],
    ]
    return rng.choice(choices)


def dateline(rng):
    return rng.choice([
        [f"نشر في {_date(rng)} - {_time(rng)}"],
        [f"آخر تحديث: {_numeric_date(rng)} {_time(rng)}"],
        [_date(rng), f"الساعة {_time(rng)} بتوقيت غرينتش"],
        [f"{DAYS[rng.randrange(7)]} {_date(rng, levant=True)}"],
        [f"{_numeric_date(rng)} | {_time(rng)}"],
        [f"تاريخ النشر {_date(rng)}", f"مدة القراءة {rng.randint(2, 9)} دقائق"],
    ])


def share_bar(rng):
    return rng.choice([
        ["شارك", "فيسبوك", "تويتر", "واتساب", "تلغرام", "نسخ الرابط"],
        ["شارك هذا الخبر:"],
        ["Facebook", "Twitter", "WhatsApp", "Email"],
        ["حجم الخط", "طباعة", "إرسال بالبريد"],
        ["أضف للمفضلة", "مشاركة"],
        [f"{rng.randint(0, 900)} مشاركة", f"{rng.randint(10, 9000)} مشاهدة"],
    ])


def caption(rng, city):
    return rng.choice([
        ["صورة أرشيفية"],
        [f"مصدر الصورة: {rng.choice(['Getty Images', 'AFP', 'Reuters', 'EPA'])}"],
        [f"مشهد عام من مدينة {city} (أرشيف)"],
        [f"{rng.choice(['AFP', 'Reuters'])}", f"من الفعالية التي أقيمت في {city} الأسبوع الماضي"],
        ["الصورة: وكالات"],
        [f"جانب من الاجتماع - {_date(rng)}"],
    ])


def read_also(rng, titles):
    title = rng.choice(titles)
    return rng.choice([
        [f"اقرأ أيضا: {title}"],
        ["اقرأ أيضاً", title],
        ["قد يهمك", title, rng.choice(titles)],
        [f"ذات صلة: {title}"],
        ["إعلان", "تابع القراءة أدناه"],
        ["شاهد الفيديو", title],
        ["إعلان"],
    ])


def tags(rng):
    chosen = rng.sample(TAGS, rng.randint(3, 6))
    return rng.choice([
        [rng.choice(["الوسوم", "كلمات مفتاحية", "الكلمات الدالة", "مواضيع"]), *chosen],
        [f"الكلمات المفتاحية: {'، '.join(chosen)}"],
        [" #".join([""] + [t.replace(" ", "_") for t in chosen]).strip()],
        chosen,
    ])


def related(rng, titles, heading=True):
    heads = ["أخبار ذات صلة", "مقالات مشابهة", "اقرأ المزيد", "ننصحك بقراءة", "المزيد من الأخبار", "قد يعجبك أيضا",
             "من نفس القسم", "تقارير أخرى", "مختارات المحرر", "لا تفوتك"]
    out = [rng.choice(heads)] if heading else []
    picked = rng.sample(titles, rng.randint(3, 6))
    style = rng.randrange(4)
    for title in picked:
        if style == 0:
            out.append(title)
        elif style == 1:
            out += [title, _date(rng)]
        elif style == 2:
            out += [rng.choice(["سياسة", "اقتصاد", "رياضة", "ثقافة", "منوعات"]), title]
        else:
            out += [title, rng.choice([f"منذ {rng.randint(2, 11)} ساعات", f"قبل {rng.randint(2, 50)} دقيقة", _time(rng)])]
    return out


def most_read(rng, titles):
    out = [rng.choice(["الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأعلى قراءة هذا الأسبوع"])]
    numbered = rng.random() < 0.5
    for i, title in enumerate(rng.sample(titles, 5), 1):
        out += [str(i), title] if numbered else [title]
    return out


def comments(rng, site):
    blocks = [
        [f"التعليقات ({rng.randint(0, 40)})", "أضف تعليقك", "الاسم", "البريد الإلكتروني", "إرسال"],
        ["اترك تعليقا", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "التعليق", "الاسم *", "نشر التعليق"],
        [f"التعليقات المنشورة تعبر عن آراء أصحابها ولا تعبر بالضرورة عن رأي {site}.",
         "نرجو الالتزام بآداب الحوار وتجنب الإساءة أو التجريح، وسيتم حذف أي تعليق مخالف."],
        ["شاركنا رأيك", "عدد الأحرف المتبقية: 500", "أرسل"],
        [f"تنبيه: {site} غير مسؤول عن محتوى التعليقات، ويحق للإدارة حذف ما يخالف شروط النشر."],
    ]
    return rng.choice(blocks)


def newsletter(rng, site):
    return rng.choice([
        ["النشرة البريدية", "اشترك ليصلك ملخص أهم الأخبار كل صباح على بريدك الإلكتروني", "اشترك"],
        [f"سجّل في نشرة {site} اليومية مجانا", "بريدك الإلكتروني", "تسجيل"],
        ["لا تفوت أي خبر! انضم إلى قائمتنا البريدية الآن.", "انضم"],
    ])


def follow(rng, site):
    return rng.choice([
        ["تابعنا على", "فيسبوك", "تويتر", "يوتيوب", "إنستغرام"],
        [f"تابعوا {site} على تلغرام لتصلكم آخر المستجدات"],
        ["تابعنا", "Facebook", "X", "YouTube"],
    ])


def footer(rng, site):
    year = rng.choice([2018, 2019, 2023, 2024])
    about = rng.choice([
        f"{site} موقع إخباري مستقل يقدم تغطية شاملة لأخبار المنطقة والعالم على مدار الساعة.",
        f"تأسس {site} عام 2009 ليكون منبرا للصحافة المهنية الحرة",
        "",
    ])
    links = rng.choice([
        ["من نحن", "اتصل بنا", "أعلن معنا", "سياسة الخصوصية", "شروط الاستخدام"],
        ["عن الموقع", "فريق العمل", "وظائف", "الأرشيف", "خريطة الموقع", "RSS"],
        ["هيئة التحرير", "للإعلان", "الشكاوى", "الخصوصية"],
    ])
    copyright_line = rng.choice([
        f"© {year} {site}. جميع الحقوق محفوظة",
        f"جميع الحقوق محفوظة © {site} {year}",
        f"حقوق النشر {year} - {site}",
        f"Copyright © {year} {site}",
    ])
    out = [about] if about else []
    if rng.random() < 0.5:
        out.append(" | ".join(links))
    else:
        out += links
    out.append(copyright_line)
    if rng.random() < 0.3:
        out.append(rng.choice(["تصميم وتطوير شركة الحلول الرقمية", "Powered by WordPress", "برمجة وتصميم: ويب ستوديو"]))
    return out


def back_to_top(rng):
    return [rng.choice(["العودة للأعلى", "↑", "للأعلى", "إلى أعلى الصفحة"])]


# --- Sites ----------------------------------------------------------------------------------------

SITES = {
    # A portal: cookie banner, one-line-per-item menu, breadcrumb, byline and date, share bar,
    # inline boxes, tags, related list with dates, comments, footer.
    "bawaba": dict(name="بوابة الخليج", cookie=0.8, app=0.2, top=0.6, menu="lines", ticker=0.3, crumb=0.8, page_title=0.5,
                   byline=0.9, dateline=0.9, share_top=0.6, caption=0.5, inline=0.6, tags=0.8, related=0.9,
                   most_read=0.5, comments=0.7, newsletter=0.3, follow=0.4, footer=1.0),
    # A newspaper: pipe menus, page title "Headline | Site", dateline under the title, most-read
    # numbered list, comment policy in sentences, newsletter.
    "sahifa": dict(name="صحيفة المساء", cookie=0.3, app=0.5, top=0.9, menu="pipe", ticker=0.6, crumb=0.3, page_title=0.9,
                   byline=0.6, dateline=1.0, share_top=0.3, caption=0.7, inline=0.4, tags=0.5, related=0.7,
                   most_read=0.9, comments=0.8, newsletter=0.6, follow=0.6, footer=1.0),
    # A broadcaster's site: short menus twice (header and drawer), video promos, captions with
    # agency credits, "read also" boxes between paragraphs, related with categories.
    "qanat": dict(name="قناة الأفق", cookie=0.9, app=0.4, top=0.2, menu="twice", ticker=0.8, crumb=0.5, page_title=0.3,
                  byline=0.5, dateline=0.8, share_top=0.8, caption=0.9, inline=0.9, tags=0.6, related=1.0,
                  most_read=0.6, comments=0.2, newsletter=0.2, follow=0.8, footer=1.0),
    # A minimal blog-like site: little header, the article, tags, comments and a footer.
    "mudawana": dict(name="مدونة الرأي", cookie=0.2, app=0.0, top=0.0, menu="lines", ticker=0.0, crumb=0.2, page_title=0.8,
                     byline=1.0, dateline=0.7, share_top=0.2, caption=0.2, inline=0.2, tags=0.9, related=0.5,
                     most_read=0.2, comments=1.0, newsletter=0.5, follow=0.3, footer=0.8),
}
# Kept apart while the classifier was tuned: a magazine whose related block is cards of a title,
# a one-sentence summary and a date, with a region menu and an app banner at the bottom.
HELD_OUT = "majalla"
SITES[HELD_OUT] = dict(name="مجلة المشهد", cookie=0.6, app=0.6, top=0.5, menu="pipe", ticker=0.4, crumb=0.6, page_title=0.6,
                       byline=0.8, dateline=0.8, share_top=0.5, caption=0.6, inline=0.5, tags=0.7, related=0.0,
                       most_read=0.7, comments=0.5, newsletter=0.7, follow=0.5, footer=1.0, cards=1.0)


def cards(rng, titles, summaries):
    out = [rng.choice(["قصص أخرى", "في العمق", "تقارير مختارة", "من المجلة"])]
    for _ in range(rng.randint(3, 5)):
        i = rng.randrange(len(titles))
        out += [titles[i], summaries[i], _date(rng)]
    return out


def make_page(rng, site_key, title, body, others, other_summaries=None):
    """(lines, labels) of one page: the article (title and body paragraphs) in the site's furniture."""
    site = SITES[site_key]
    name = site["name"]
    city = rng.choice(CITIES)
    section = rng.choice(["سياسة", "اقتصاد", "رياضة", "ثقافة", "عالم"])
    p = Page()
    on = lambda key: rng.random() < site.get(key, 0)
    if on("cookie"):
        p.add(cookie_banner(rng, name))
    if on("page_title"):
        p.add(f"{title}{rng.choice([' - ', ' | ', ' :: '])}{name}")
    p.add(top_bar(rng, city) if on("top") else [])
    p.add(name if rng.random() < 0.7 else f"{name} - {rng.choice(['أخبار العالم لحظة بلحظة', 'الخبر اليقين', 'صوت الناس'])}")
    if site["menu"] == "pipe":
        p.add(menu(rng, one_line=True))
    else:
        p.add(menu(rng))
        if site["menu"] == "twice":
            p.add(rng.choice(["القائمة", "أقسام", "المزيد"]))
            p.add(menu(rng))
    if on("ticker"):
        p.add(ticker(rng, others))
    if on("crumb"):
        p.add(breadcrumb(rng, section))
    p.add(title, "body")
    meta = []
    if on("byline"):
        meta += byline(rng, city)
    if on("dateline"):
        meta += dateline(rng)
    if rng.random() < 0.5:
        meta.reverse()
    p.add(meta)
    if on("share_top"):
        p.add(share_bar(rng))
    if on("caption"):
        p.add(caption(rng, city))
    boxes = 0
    for i, paragraph in enumerate(body):
        p.add(paragraph, "body")
        if 0 < i < len(body) - 1 and boxes < 2 and rng.random() < site["inline"] / 3:
            p.add(read_also(rng, others) if rng.random() < 0.7 else caption(rng, city))
            boxes += 1
    if rng.random() < 0.5:
        p.add(share_bar(rng))
    if on("tags"):
        p.add(tags(rng))
    if on("related"):
        p.add(related(rng, others))
    if site.get("cards") and other_summaries:
        p.add(cards(rng, others, other_summaries))
    if on("newsletter"):
        p.add(newsletter(rng, name))
    if on("comments"):
        p.add(comments(rng, name))
    if on("most_read"):
        p.add(most_read(rng, others))
    if on("follow"):
        p.add(follow(rng, name))
    if on("app"):
        p.add(app_banner(rng, name))
    if on("footer"):
        p.add(footer(rng, name))
    if rng.random() < 0.4:
        p.add(back_to_top(rng))
    return p.lines, p.labels


def read_article(path: Path):
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()]
    lines = [l for l in lines if l]
    return lines[0], lines[1:]


def pages(corpus: Path, count: int = 200, seed: int = 7, sites=None):
    """Yield (name, site, text, labels) for `count` pages made from the corpus, reproducibly."""
    rng = random.Random(seed)
    files = sorted(corpus.glob("*.txt"))
    rng.shuffle(files)
    articles = [read_article(f) for f in files[: count + 300]]
    titles = [t for t, _ in articles[count:]]
    summaries = [b[0] for _, b in articles[count:]]
    short_summaries = [(t, s) for t, s in zip(titles, summaries) if len(s.split()) <= 40] or list(zip(titles, summaries))
    keys = list(sites or SITES)
    for i, (title, body) in enumerate(articles[:count]):
        key = keys[i % len(keys)]
        others = rng.sample(titles, 40)
        pool = rng.sample(short_summaries, min(20, len(short_summaries)))
        lines, labels = make_page(rng, key, title, body, others if key != HELD_OUT else [t for t, _ in pool],
                                  [s for _, s in pool])
        yield files[i].name, key, "\n".join(lines) + "\n", labels
