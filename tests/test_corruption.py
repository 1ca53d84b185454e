"""Corruption test for mt-debris: inject each artifact kind into clean sentences written here, and
measure recall per kind. Every kind must be found at least 90% of the time, and the clean
sentences themselves must raise no mt-debris warning."""

import random

import pytest

from qa.config import Config
from qa.engine import Engine
from qa.wordlist import is_known

CLEAN = [
    "قال وزير الخارجية إن المحادثات مع الجانب الروسي ستستمر الأسبوع المقبل في العاصمة.",
    "وأعلنت الحكومة عن خطة جديدة لدعم المزارعين في المناطق الريفية خلال العام الحالي.",
    "وشارك آلاف المواطنين في المسيرة التي انطلقت من وسط المدينة باتجاه مقر البرلمان.",
    "وأكد المتحدث باسم الجيش أن القوات سيطرت على المنطقة بعد معارك استمرت ثلاثة أيام.",
    "وارتفعت أسعار النفط في الأسواق العالمية بعد قرار الدول المنتجة خفض الإنتاج.",
    "ويأتي الاجتماع في إطار الجهود الدبلوماسية الرامية إلى إنهاء الحرب في المنطقة.",
    "وقالت المنظمة الدولية إن الوضع الإنساني في المخيمات يزداد سوءا مع قدوم الشتاء.",
    "وأوضح التقرير أن معدل البطالة تراجع خلال الربع الأخير من العام الماضي.",
    "واستقبل الرئيس في القصر وفدا من رجال الأعمال لبحث فرص الاستثمار في البلاد.",
    "وذكرت وكالة الأنباء الرسمية أن الانتخابات البلدية ستجرى في موعدها المحدد.",
    "وأشارت الوزارة إلى أن المستشفيات استقبلت عشرات المصابين جراء الحادث.",
    "ودعا الأمين العام للأمم المتحدة الأطراف كافة إلى ضبط النفس واحترام الهدنة.",
    "وتعهد رئيس الوزراء بمحاربة الفساد وتحسين الخدمات العامة في المدن الكبرى.",
    "وأفادت مصادر محلية بأن الأمطار الغزيرة تسببت في إغلاق عدد من الطرق الرئيسية.",
    "وتستضيف المدينة الشهر المقبل مهرجانا دوليا للسينما بمشاركة أفلام من عشرين دولة.",
    "وأعرب السفير عن أمله في أن تسهم الزيارة في تعزيز العلاقات الثنائية بين البلدين.",
    "وقررت المحكمة تأجيل النظر في القضية إلى جلسة الشهر المقبل لاستدعاء الشهود.",
    "وأظهرت البيانات الرسمية أن الصادرات الزراعية سجلت نموا ملحوظا هذا العام.",
    "وانتقد زعيم المعارضة سياسة الحكومة الاقتصادية واتهمها بالتقصير في معالجة الأزمة.",
    "وبدأت فرق الإنقاذ البحث عن المفقودين بعد انهيار المبنى في الحي القديم.",
]
QUOTED = [
    ("وقال الوزير", "لن نتراجع عن قرارنا مهما كانت الضغوط"),
    ("وأضاف المتحدث", "الحوار هو الطريق الوحيد لحل الأزمة"),
    ("وأكدت الوزارة في بيان", "الوضع تحت السيطرة ولا داعي للقلق"),
    ("وصرح رئيس الوفد", "أجرينا محادثات صريحة وبناءة مع الجانب الآخر"),
]
DIACRITIC_NAMES = ["Öncü Keçeli", "Mevlüt Çavuşoğlu", "Ömer Çelik", "José Muñoz", "Łukasz Kowalski", "Jiří Novák",
                   "Hakan Fıdan", "Çağlar Söyüncü", "François Hollande", "Jürgen Müller", "Søren Kierkegaard"]
PLAIN_NAMES = ["Sonata Coulter", "John Smith", "Maria Fernandes", "Peter Jackson", "Tammy Bruce", "Alexander Darchiev"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
          "كانون الثاني", "شباط", "نيسان", "أيار", "حزيران", "تموز", "تشرين الأول", "جانفي", "فيفري", "أفريل", "جوان"]
CALQUES = ["على أساس يومي", "سوف لن", "أكد بأن", "كسر القانون", "ليس لدي أي فكرة", "تحت المراجعة", "في نهاية اليوم",
           "على أساس سنوي", "تحت الدراسة", "يبقى أن نرى", "في أي وقت قريب", "قالت بأن", "أخذ قرارا", "بشكل لا يصدق"]

ENGINE = Engine(Config(select=("mt-debris",)))


def findings(text):
    from qa.document import Document

    return ENGINE.check_document(Document(text))


def insert_between_words(rng, sentence, insertion):
    words = sentence.split(" ")
    at = rng.randrange(1, len(words))
    prefix = " ".join(words[:at]) + " "
    return prefix + insertion + " " + " ".join(words[at:]), len(prefix), len(prefix) + len(insertion)


def shuffled_nonword(rng, word):
    letters = list(word)
    for _ in range(50):
        rng.shuffle(letters)
        candidate = "".join(letters)
        if candidate != word and not is_known(candidate):
            return candidate
    return None


# Each injector returns (text, start, end) of the artifact, or None if it cannot apply.
def inject_diacritics(rng, s):
    return insert_between_words(rng, s, rng.choice(DIACRITIC_NAMES))


def inject_latin_name(rng, s):
    return insert_between_words(rng, s, rng.choice(PLAIN_NAMES))


def inject_shuffled_definite(rng, s):
    words = s.rstrip(".").split(" ")
    candidates = [i for i, w in enumerate(words) if w.startswith("ال") and len(w) >= 6]
    if not candidates:
        return None
    i = rng.choice(candidates)
    garbled = shuffled_nonword(rng, words[i][2:])
    if not garbled:
        return None
    words[i] = "ال" + garbled
    start = len(" ".join(words[:i])) + (1 if i else 0)
    return " ".join(words) + ".", start, start + len(words[i])


def inject_garbled_clause(rng, s):
    words = s.rstrip(".").split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 4]
    if len(long_words) < 3:
        return None
    for i in rng.sample(long_words, 3):
        garbled = shuffled_nonword(rng, words[i])
        if not garbled:
            return None
        words[i] = garbled
    text = " ".join(words) + "."
    return text, 0, len(text)


def inject_english_date(rng, s):
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1990, 2030)}"
    return insert_between_words(rng, s, date)


def inject_stop_inside_quote(rng, s):
    lead, quote = rng.choice(QUOTED)
    open_q, close_q = rng.choice([("“", "”"), ('"', '"'), ("«", "»")])
    text = f"{lead} {open_q}{quote}.{close_q} {s}"
    start = len(lead) + 2 + len(quote)
    return text, start, start + 2


def inject_unclosed_quote(rng, s):
    lead, quote = rng.choice(QUOTED)
    open_q = rng.choice(["“", '"', "«", "("])
    text = f"{lead} {open_q}{quote}. {s}"
    return text, len(lead) + 1, len(lead) + 2


def inject_calque(rng, s):
    return insert_between_words(rng, s, rng.choice(CALQUES))


def inject_lang_tag(rng, s):
    tag = rng.choice([".en-ja", ".ar", ".en", ".fr-FR", ".ar-SA", "en-US"])
    base = s.rstrip(".")
    return base + tag + " " + rng.choice(CLEAN), len(base), len(base) + len(tag)


def inject_html_entity(rng, s):
    return insert_between_words(rng, s, rng.choice(["&quot;", "&amp;", "&#39;", "&nbsp;", "&lt;", "&#8220;"]))


def inject_placeholder(rng, s):
    return insert_between_words(rng, s, rng.choice(["{name}", "{{title}}", "[TRANSLATION]", "%s", "<b>", "</p>", "{city}"]))


def inject_function_word(rng, s):
    return insert_between_words(rng, s, rng.choice(["the", "of", "and", "to", "for", "with", "The"]))


KINDS = {
    "latin-diacritics": (inject_diacritics, "mt-debris/latin-diacritics"),
    "latin-name": (inject_latin_name, "mt-debris/latin-name"),
    "shuffled-definite-word": (inject_shuffled_definite, "mt-debris/unknown-word"),
    "garbled-clause": (inject_garbled_clause, "mt-debris/garbled-sentence"),
    "english-date": (inject_english_date, "mt-debris/english-date"),
    "stop-inside-quote": (inject_stop_inside_quote, "mt-debris/punct-inside-quote"),
    "unclosed-quote": (inject_unclosed_quote, "mt-debris/unclosed-quote"),
    "calque": (inject_calque, "mt-debris/calque"),
    "lang-tag": (inject_lang_tag, "mt-debris/lang-tag"),
    "html-entity": (inject_html_entity, "mt-debris/html-entity"),
    "placeholder": (inject_placeholder, "mt-debris/placeholder"),
    "english-function-word": (inject_function_word, "mt-debris/english-function-word"),
}


def test_clean_sentences_raise_no_mt_debris_warning():
    for sentence in CLEAN:
        warnings = [f for f in findings(sentence) if f.severity != "info"]
        assert not warnings, (sentence, [(f.rule, f.excerpt) for f in warnings])


@pytest.mark.parametrize("kind", list(KINDS))
def test_recall_per_artifact_kind(kind):
    inject, rule = KINDS[kind]
    rng = random.Random(kind)
    found = tried = 0
    while tried < 100:
        case = inject(rng, rng.choice(CLEAN))
        if case is None:
            continue
        tried += 1
        text, start, end = case
        if any(f.rule == rule and f.start < end and start < f.end for f in findings(text)):
            found += 1
    recall = found / tried
    print(f"recall {kind}: {recall:.2f}")
    assert recall >= 0.9, f"{kind}: recall {recall:.2f} < 0.9"
