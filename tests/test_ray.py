"""tadqiq's datatrove steps on a real local Ray runtime (ray.init(num_cpus=2), datatrove's
RayPipelineExecutor) give, document by document, the output of LocalPipelineExecutor.

The crawl is made here from sentences this file writes: three "sites", each with its own header,
menu, most-read box and footer (with small variations, as a crawl gives them), a few hundred
articles, listing pages that are nothing but furniture, and articles a filter must drop."""

import gzip
import json
import os
import random
import shutil
import tempfile

import pytest

pytest.importorskip("datatrove", reason="the 'datatrove' extra is not installed")
ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'datatrove[ray]')")

from datatrove.executor import LocalPipelineExecutor
from datatrove.executor.ray import RayPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from qa.integrations.datatrove import (
    BoilerplateMerge,
    BoilerplateSignatures,
    BoilerplateStripper,
    TadqiqAnnotator,
    TadqiqCleaner,
    TadqiqFilter,
)

# datatrove's executor still passes Ray the placement group the old way; not ours to change.
pytestmark = pytest.mark.filterwarnings("ignore:placement_group:DeprecationWarning")

SITES = {
    "ufuq": {
        "header": ["شبكة الأفق الإخبارية أخبار العالم العربي لحظة بلحظة",
                   "الرئيسية سياسة اقتصاد رياضة ثقافة منوعات فيديو"],
        "boxes": [["الأكثر قراءة اليوم في شبكة الأفق", "ارتفاع أسعار الذهب في الأسواق المحلية هذا الأسبوع",
                   "المنتخب يستعد لمباراته الودية المقبلة في الدوحة"],
                  ["الأكثر قراءة اليوم في شبكة الأفق", "افتتاح معرض الكتاب بمشاركة مئة دار نشر عربية",
                   "موجة حر تضرب المنطقة وتحذيرات من الأرصاد الجوية"]],
        "footer": ["اشترك في النشرة البريدية لتصلك أهم الأخبار يوميا",
                   "جميع الحقوق محفوظة لشبكة الأفق الإخبارية {year}"],
    },
    "sahil": {
        "header": ["صحيفة الساحل اليومية المستقلة منذ عام 1998",
                   "أخبار محلية | عربي ودولي | مال وأعمال | رأي | رياضة"],
        "boxes": [["اقرأ أيضا على موقع صحيفة الساحل", "وزارة التربية تعلن مواعيد امتحانات نهاية العام الدراسي"],
                  ["اقرأ أيضا على موقع صحيفة الساحل", "بلدية المدينة تطلق حملة لتنظيف الشواطئ قبل الصيف"],
                  ["اقرأ أيضا على موقع صحيفة الساحل", "انخفاض طفيف في أسعار الخضار بأسواق الجملة"]],
        "footer": ["تابعوا صحيفة الساحل على منصات التواصل الاجتماعي", "© {year} صحيفة الساحل جميع الحقوق محفوظة",
                   "سياسة الخصوصية شروط الاستخدام اتصل بنا"],
    },
    "madar": {
        "header": ["موقع مدار نيوز بوابتك إلى الخبر الموثوق"],
        "boxes": [["مواضيع ذات صلة من مدار نيوز", "خبراء يناقشون مستقبل الطاقة المتجددة في المنطقة",
                   "جامعة العاصمة تفتح باب التسجيل للطلاب الجدد"]],
        "footer": ["شارك هذا الخبر عبر فيسبوك وتويتر وواتساب", "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك",
                   "مدار نيوز {year} كل الحقوق محفوظة"],
    },
}
SUBJECTS = ["الوزير", "الوفد", "المتحدث", "البرلمان", "المجلس البلدي", "الفريق الطبي", "المنتخب الوطني", "اللجنة",
            "المحافظ", "النقابة"]
VERBS = ["ناقش", "أعلن", "رفض", "درس", "أقر", "تابع", "استعرض", "انتقد", "أيد", "راجع"]
OBJECTS = ["خطة الموازنة", "مشروع الطريق", "نتائج المباراة", "أسعار الخبز", "تقرير المياه", "برنامج المدارس",
           "اتفاق الصيد", "ملف الكهرباء", "قانون الإيجار", "مشروع المستشفى"]
PLACES = ["في العاصمة", "في الجنوب", "في الميناء", "في الجامعة", "في القرية", "في المطار", "في الشمال"]
TIMES = ["صباح الأحد", "مساء الاثنين", "يوم الثلاثاء", "خلال الأسبوع", "بعد الظهر", "قبل يومين"]
# Lines a filter drops an article for: a title its holder had left by the article's date (an error),
# and an article thick with untransliterated Latin names (mt-debris warnings).
DRIFT = "التقى الرئيس الأميركي السابق دونالد ترمب الوفد في العاصمة."
LATIN = "قال المتحدث Öncu Keçeli إن الوزير Ahmet Yılmaz التقى نظيره Çağrı Güneş اليوم."


def _sentence(rng) -> str:
    return " ".join([rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(PLACES),
                     rng.choice(TIMES), "وفق ما أفاد مصدر", str(rng.randrange(10, 100_000))]) + "."


def make_crawl(articles_per_site=90, listings_per_site=6, seed=26):
    """Records as a crawl's JSONL holds them: id, text, date. Every body line is unique; every
    furniture line is on dozens of pages of its site. Listing pages are furniture only."""
    rng = random.Random(seed)
    records = []
    for site, template in SITES.items():
        for n in range(articles_per_site + listings_per_site):
            furniture_only = n >= articles_per_site
            body = [] if furniture_only else [_sentence(rng) + " " + _sentence(rng) for _ in range(rng.randrange(2, 6))]
            if not furniture_only and n % 30 == 7:
                body.insert(1, DRIFT + " " + _sentence(rng))  # unique, so not furniture
            if not furniture_only and n % 30 == 19:
                body.insert(1, LATIN + " " + _sentence(rng))
            box = template["boxes"][n % len(template["boxes"])]
            year = 2024 + n % 2
            lines = template["header"] + body[:2] + box + body[2:] + [f.format(year=year) for f in template["footer"]]
            kind = "listing" if furniture_only else "article"
            records.append({"id": f"{site}-{kind}-{n:03d}", "text": "\n".join(lines) + "\n",
                            "date": f"{year}-0{1 + n % 9}-1{n % 10}"})
    rng.shuffle(records)  # a crawl interleaves sites
    return records


def write_shards(folder, records, shards=4):
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(shards):
        with gzip.open(folder / f"crawl-{k}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for record in records[k::shards]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_output(folder) -> dict:
    out = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                assert record["id"] not in out, record["id"]
                out[record["id"]] = record
    return out


def counters(stats_file) -> dict:
    """Each step's counters from datatrove's stats.json, without the times (which differ per run)."""
    out = {}
    for step in json.loads(stats_file.read_text()):
        for key, value in step["stats"].items():
            out[(step["name"], key)] = value if isinstance(value, int | float) else value["total"]
    return out


def stages(executor, base, shards, **options):
    """The three-stage cross-document job, then the single-article steps, all on one executor kind."""
    signatures, lines, logs = base / "signatures", base / "lines", base / "logs"
    first = executor(pipeline=[JsonlReader(str(shards)), BoilerplateSignatures(str(signatures), buckets=4)],
                     tasks=4, logging_dir=str(logs / "signatures"), **options)
    second = executor(pipeline=[BoilerplateMerge(str(signatures), str(lines), min_documents=5, buckets=4)],
                      tasks=4, logging_dir=str(logs / "merge"), depends=first, **options)
    third = executor(
        pipeline=[
            JsonlReader(str(shards)),
            TadqiqCleaner(),
            BoilerplateStripper(str(lines)),
            TadqiqFilter(max_errors=0, max_per_1000_words={"mt-debris": 20},
                         exclusion_writer=JsonlWriter(str(base / "excluded"))),
            TadqiqAnnotator(keep_findings=True),
            JsonlWriter(str(base / "clean")),
        ],
        tasks=4, logging_dir=str(logs / "clean"), depends=second, **options)
    return first, second, third


def run_stages(executors):
    # One stage at a time, each checked complete: Ray's executor only logs a task that raised, and
    # a stage whose dependency is incomplete waits for it in two-minute sleeps.
    for executor in executors:
        executor.run()
        assert executor.get_incomplete_ranks(range(executor.world_size)) == [], executor.logging_dir.path


@pytest.fixture(scope="module")
def crawl():
    return make_crawl()


@pytest.fixture(scope="module")
def shards(tmp_path_factory, crawl):
    folder = tmp_path_factory.mktemp("crawl")
    write_shards(folder, crawl)
    return folder


@pytest.fixture(scope="module")
def ray_runtime():
    """A local Ray runtime with two CPUs. Its session files and the executor's task logs (written
    under the workers' temporary folder) go to a short private folder: Unix socket paths are
    limited to about 100 bytes, and concurrent runs must not share /tmp/ray_logs."""
    private = tempfile.mkdtemp(prefix="tq-ray-")
    saved = {k: os.environ.get(k) for k in ("TMPDIR", "RAY_USAGE_STATS_ENABLED")}
    os.environ["TMPDIR"] = private
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # no usage report sent from a test
    tempfile.tempdir = None  # gettempdir() reads TMPDIR again
    try:
        ray.init(num_cpus=2, include_dashboard=False, _temp_dir=private, object_store_memory=80 * 2**20,
                 log_to_driver=False)
        yield ray
    finally:
        ray.shutdown()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        tempfile.tempdir = None
        shutil.rmtree(private, ignore_errors=True)


@pytest.fixture(scope="module")
def both(tmp_path_factory, shards, ray_runtime):
    """(local base folder, Ray base folder) after the whole job ran on each."""
    local, remote = tmp_path_factory.mktemp("local"), tmp_path_factory.mktemp("ray")
    run_stages(stages(LocalPipelineExecutor, local, shards, workers=2))
    # Each Ray task asks for half a GB of the runtime's memory resource, so a small CI machine fits two.
    run_stages(stages(RayPipelineExecutor, remote, shards, workers=2, mem_per_cpu_gb=0.5))
    return local, remote


def test_ray_and_local_write_identical_documents(both, crawl):
    local, remote = (read_output(base / "clean") for base in both)
    assert local == remote
    assert 200 < len(local) < len(crawl)


def test_ray_and_local_exclude_identical_documents_for_the_same_reasons(both):
    local, remote = (read_output(base / "excluded") for base in both)
    assert local == remote
    reasons = {record["metadata"]["filter_reason"] for record in local.values()}
    assert reasons == {"tadqiq_errors", "tadqiq_mt_debris_density"}


def test_ray_and_local_agree_on_the_furniture_and_the_counts(both):
    local, remote = both
    for folder in ("signatures", "lines"):
        files = sorted(p.relative_to(local / folder) for p in (local / folder).rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(remote / folder) for p in (remote / folder).rglob("*") if p.is_file())
        for name in files:
            assert (local / folder / name).read_bytes() == (remote / folder / name).read_bytes(), name
    for stage in ("signatures", "merge", "clean"):
        assert counters(local / "logs" / stage / "stats.json") == counters(remote / "logs" / stage / "stats.json")


def test_the_job_removes_the_header_and_footer_and_keeps_every_body_line(both, crawl):
    """Boxes set between paragraphs are left to the stripper's article guard, which keeps lines
    it reads as article text; everything else is fixed."""
    clean, excluded = read_output(both[1] / "clean"), read_output(both[1] / "excluded")
    framing = {line.format(year=year) for t in SITES.values() for year in (2024, 2025) for line in t["header"] + t["footer"]}
    boxes = {line for t in SITES.values() for box in t["boxes"] for line in box}
    for record in crawl:
        if "-listing-" in record["id"]:
            continue  # nothing but furniture: the next test
        out = (clean.get(record["id"]) or excluded[record["id"]])["text"].splitlines()
        assert not framing & set(out), record["id"]
        body = [x for x in record["text"].splitlines() if x not in framing and x not in boxes]
        assert [x for x in out if x not in boxes] == body, record["id"]


def test_no_emptied_document_reaches_the_writer(both, crawl):
    """The listing pages, nothing but furniture, are dropped by the stripper on both executors."""
    listings = {r["id"] for r in crawl if "-listing-" in r["id"]}
    for base in both:
        written = {**read_output(base / "clean"), **read_output(base / "excluded")}
        assert all(record.get("text", "").strip() for record in written.values())
        assert not listings & set(written) and len(written) == len(crawl) - len(listings)
        stats = counters(base / "logs" / "clean" / "stats.json")
        assert next(v for (step, key), v in stats.items() if "stripper" in step and key == "dropped_emptied") == len(listings)


def test_kept_emptied_documents_are_written_whole_and_flagged_on_both(both, shards, crawl, tmp_path):
    """With keep_emptied=True the stripper passes a page it would empty through unchanged."""
    outputs = []
    for executor, base, options in ((LocalPipelineExecutor, both[0], {}), (RayPipelineExecutor, both[1], {"mem_per_cpu_gb": 0.5})):
        out = tmp_path / executor.__name__
        run_stages([executor(pipeline=[JsonlReader(str(shards)), BoilerplateStripper(str(base / "lines"), keep_emptied=True),
                                       JsonlWriter(str(out))],
                             tasks=2, workers=2, logging_dir=str(out / "logs"), **options)])
        outputs.append(read_output(out))
    assert outputs[0] == outputs[1] and len(outputs[0]) == len(crawl)
    for record in crawl:
        written = outputs[0][record["id"]]
        if "-listing-" in record["id"]:
            assert written["text"] == record["text"] and written["metadata"]["tadqiq_emptied"] is True
        else:
            assert "tadqiq_emptied" not in written["metadata"]
