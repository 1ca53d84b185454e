"""Corpus mode: lines a site repeats across many articles are flagged, and only those."""

import itertools
import tracemalloc

from qa.config import Config
from qa.document import Document
from qa.engine import Corpus, Engine, check_paths

SUBJECTS = ["وزير الخارجية", "رئيس الوزراء", "المتحدث باسم الجيش", "محافظ البنك المركزي", "زعيم المعارضة"]
VERBS = ["أعلن", "نفى", "أكد", "انتقد"]
OBJECTS = ["خطة الإصلاح الجديدة", "نتائج الانتخابات البلدية", "اتفاق التجارة الحرة", "موازنة العام المقبل",
           "قرار رفع الأسعار", "مشروع السد الكبير"]
SENTENCES = [f"{v} {s} {o} في مؤتمر صحفي." for s, v, o in itertools.product(SUBJECTS, VERBS, OBJECTS)]
HEADER = "موقع الأخبار اليومية الرائد في المنطقة"
FOOTER = "جميع الحقوق محفوظة لمؤسسة الأخبار اليومية"


def write_corpus(directory, copies=1):
    sentences = iter(SENTENCES)
    for n in range(20):
        body = [next(sentences) for _ in range(5)]
        lines = ([HEADER] if n < 12 else []) + [f"عنوان الخبر رقم {n} عن {OBJECTS[n % 6]}"] + body + ([FOOTER] if n < 12 else [])
        for c in range(copies):
            (directory / f"a{n:02d}-{c}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_shared_header_and_footer_are_flagged_exactly(tmp_path):
    write_corpus(tmp_path)
    result = check_paths([str(tmp_path)], config=Config(select=("boilerplate/site-furniture",)))
    flagged = {(f.path.rsplit("/", 1)[1], f.excerpt) for f in result.findings}
    expected = {(f"a{n:02d}-0.txt", line) for n in range(12) for line in (HEADER, FOOTER)}
    assert flagged == expected
    assert all("12" in f.message and "20" in f.message for f in result.findings)


def test_corpus_mode_is_off_for_single_files(tmp_path):
    write_corpus(tmp_path)
    files = sorted(str(p) for p in tmp_path.iterdir())
    assert not check_paths(files, config=Config(select=("boilerplate/site-furniture",))).findings
    assert check_paths(files, config=Config(select=("boilerplate/site-furniture",), corpus=True)).findings


def test_corpus_state_grows_with_distinct_lines_not_with_text(tmp_path):
    engine = Engine(Config(select=("boilerplate",)))
    docs = []
    sentences = iter(SENTENCES)
    for n in range(20):
        docs.append(Document("\n".join([HEADER, *(next(sentences) for _ in range(5)), FOOTER])))

    def build(repeat):
        corpus = Corpus()
        tracemalloc.start()
        for doc in docs * repeat:
            corpus.add(engine.collecting_rules, doc)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return corpus, peak

    small, small_peak = build(1)
    large, large_peak = build(10)
    assert large.documents == 10 * small.documents
    assert {k: len(v) for k, v in large.counts.items()} == {k: len(v) for k, v in small.counts.items()}
    assert large_peak < 2 * small_peak + 64_000


def test_corpus_state_merges_like_one_run():
    engine = Engine(Config(select=("boilerplate",)))
    docs = [Document(f"{HEADER}\n{s}\n{FOOTER}") for s in SENTENCES[:10]]
    whole, left, right = Corpus(), Corpus(), Corpus()
    for doc in docs:
        whole.add(engine.collecting_rules, doc)
    for doc in docs[:4]:
        left.add(engine.collecting_rules, doc)
    for doc in docs[4:]:
        right.add(engine.collecting_rules, doc)
    left.merge(right)
    assert left.documents == whole.documents and left.counts == whole.counts
