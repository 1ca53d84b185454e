"""tadqiq inside datatrove: real LocalPipelineExecutor runs (4 tasks, 2 workers) over JSONL shards
this test writes, from sentences it writes itself."""

import gzip
import json
import random
import subprocess
import sys

import pytest
from conftest import ROOT
from test_cli import run

pytest.importorskip("datatrove", reason="the 'datatrove' extra is not installed")
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
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

HEADER = "موقع الأفق الإخباري الصفحة الأولى سياسة واقتصاد ورياضة"
FOOTER = "تابعونا على منصات التواصل الاجتماعي لمزيد من الأخبار العاجلة"
SUBJECTS = ["الوزير", "الوفد", "المتحدث", "البرلمان", "المجلس البلدي", "الفريق الطبي", "المنتخب الوطني", "اللجنة"]
VERBS = ["ناقش", "أعلن", "رفض", "درس", "أقر", "تابع", "استعرض", "انتقد"]
OBJECTS = ["خطة الموازنة", "مشروع الطريق", "نتائج المباراة", "أسعار الخبز", "تقرير المياه", "برنامج المدارس",
           "اتفاق الصيد", "ملف الكهرباء"]
PLACES = ["في العاصمة", "في الجنوب", "في الميناء", "في الجامعة", "في القرية", "في المطار"]
TIMES = ["صباح الأحد", "مساء الاثنين", "يوم الثلاثاء", "خلال الأسبوع", "بعد الظهر", "قبل يومين"]


def _sentence(rng) -> str:
    return " ".join([rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(PLACES),
                     rng.choice(TIMES), "وفق ما أفاد مصدر", str(rng.randrange(10, 10_000))]) + "."


def make_articles(count=48, seed=7):
    """(id, body lines, has header, has footer): bodies unique, furniture on most articles."""
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        body = [_sentence(rng) + " " + _sentence(rng) for _ in range(rng.randrange(3, 7))]
        articles.append((f"doc-{n:03d}", body, n % 6 != 0, n % 5 != 0))
    return articles


def text_of(body, header, footer) -> str:
    return "\n".join(([HEADER] if header else []) + body + ([FOOTER] if footer else [])) + "\n"


def write_shards(folder, articles, shards=4):
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(shards):
        with gzip.open(folder / f"shard-{k}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for doc_id, body, header, footer in articles[k::shards]:
                handle.write(json.dumps({"id": doc_id, "text": text_of(body, header, footer)}, ensure_ascii=False) + "\n")


def read_output(folder) -> dict:
    out = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                out[record["id"]] = record
    return out


def total(stat) -> int:
    """A stat from datatrove's stats.json: a bare number, or a summary with its total."""
    return stat if isinstance(stat, int) else stat["total"]


def boilerplate_job(base, shards, tasks, workers, min_documents=5):
    """The three-stage cross-document job; returns the output folder."""
    signatures, lines, output, logs = (base / name for name in ("signatures", "lines", "output", "logs"))
    stage1 = LocalPipelineExecutor(
        [JsonlReader(str(shards)), BoilerplateSignatures(str(signatures), buckets=4)],
        tasks=tasks, workers=workers, logging_dir=str(logs / "1"))
    stage2 = LocalPipelineExecutor(
        [BoilerplateMerge(str(signatures), str(lines), min_documents=min_documents, buckets=4)],
        tasks=min(tasks, 4), workers=workers, logging_dir=str(logs / "2"), depends=stage1)
    stage3 = LocalPipelineExecutor(
        [JsonlReader(str(shards)), BoilerplateStripper(str(lines)), JsonlWriter(str(output))],
        tasks=tasks, workers=workers, logging_dir=str(logs / "3"), depends=stage2)
    stage3.run()
    return output


@pytest.fixture(scope="module")
def articles():
    return make_articles()


@pytest.fixture(scope="module")
def shards(tmp_path_factory, articles):
    folder = tmp_path_factory.mktemp("shards")
    write_shards(folder, articles)
    return folder


def test_three_stage_job_removes_exactly_the_shared_lines(tmp_path, shards, articles):
    output = read_output(boilerplate_job(tmp_path, shards, tasks=4, workers=2))
    assert len(output) == len(articles)
    for doc_id, body, header, footer in articles:
        assert output[doc_id]["text"] == "\n".join(body) + "\n", doc_id
        assert output[doc_id]["metadata"]["tadqiq_boilerplate_lines"] == header + footer
    stats = json.loads((tmp_path / "logs" / "3" / "stats.json").read_text())
    stripper = next(s for s in stats if "stripper" in s["name"])
    removed = sum(h + f for _, _, h, f in articles)
    assert total(stripper["stats"]["lines_removed"]) == removed


def test_one_task_and_four_tasks_give_identical_output(tmp_path, shards):
    one = read_output(boilerplate_job(tmp_path / "one", shards, tasks=1, workers=1))
    four = read_output(boilerplate_job(tmp_path / "four", shards, tasks=4, workers=2))
    strip = lambda records: {k: (v["text"], v["metadata"]["tadqiq_boilerplate_lines"]) for k, v in records.items()}
    assert strip(one) == strip(four)


def test_threshold_is_documents_not_copies(tmp_path):
    """A line repeated inside one article many times is not site furniture: T counts documents."""
    rng = random.Random(3)
    folder = tmp_path / "shards"
    folder.mkdir()
    records = [{"id": "a", "text": "\n".join([HEADER] * 10 + [_sentence(rng)])},
               {"id": "b", "text": HEADER + "\n" + _sentence(rng)},
               {"id": "c", "text": _sentence(rng)}]
    with gzip.open(folder / "s.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out = read_output(boilerplate_job(tmp_path, folder, tasks=1, workers=1, min_documents=3))
    assert HEADER in out["a"]["text"] and HEADER in out["b"]["text"]
    out2 = read_output(boilerplate_job(tmp_path / "t2", folder, tasks=1, workers=1, min_documents=2))
    assert HEADER not in out2["a"]["text"] and HEADER not in out2["b"]["text"]


def test_annotator_counts_equal_qa_check(tmp_path, articles):
    rng = random.Random(11)
    # Texts with findings from several packs: spaces before commas, Latin names, furniture.
    texts = {}
    for doc_id, body, header, footer in articles[:12]:
        extra = rng.choice(["قال المتحدث ، إن الوفد غادر.", "أكد Öncu Keçeli أن الاجتماع انتهى.", "اترك تعليقاً",
                            "الرئيس الأميركي السابق دونالد ترمب يلتقي الوفد."])
        texts[doc_id] = text_of(body + [extra], header, footer)
    shards = tmp_path / "shards"
    shards.mkdir()
    items = list(texts.items())
    for k in range(4):
        with gzip.open(shards / f"s{k}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for doc_id, text in items[k::4]:
                handle.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    LocalPipelineExecutor([JsonlReader(str(shards)), TadqiqAnnotator(keep_findings=True), JsonlWriter(str(tmp_path / "out"))],
                          tasks=4, workers=2, logging_dir=str(tmp_path / "logs")).run()
    annotated = read_output(tmp_path / "out")
    files = tmp_path / "files"
    files.mkdir()
    for doc_id, text in texts.items():
        (files / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    report = json.loads(run("check", str(files), "--format", "json", "--no-corpus", "--no-config", "--jobs", "1").stdout)
    expected = {}
    for f in report["findings"]:
        doc_id = f["path"].rsplit("/", 1)[1][:-4]
        pack = expected.setdefault(doc_id, {}).setdefault(f["pack"], {})
        pack[f["severity"]] = pack.get(f["severity"], 0) + 1
    found = 0
    for doc_id in texts:
        summary = annotated[doc_id]["metadata"]["tadqiq"]
        assert summary["by_pack"] == expected.get(doc_id, {}), doc_id
        assert [i["rule"] for i in summary["items"]] == [f["rule"] for f in report["findings"] if f["path"].endswith(f"/{doc_id}.txt")]
        found += summary["findings"]
    assert found == len(report["findings"]) >= 10
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    annotator = next(s for s in stats if "annotator" in s["name"])["stats"]
    by_pack = report["summary"]["by_pack"]
    for pack, count in by_pack.items():
        assert total(annotator[pack]) == count


def test_filter_drops_with_named_reasons_into_an_exclusion_writer(tmp_path):
    docs = [
        {"id": "clean", "text": "ناقش الوزير خطة الموازنة في العاصمة صباح الأحد.\n"},
        {"id": "drift", "text": "التقى الرئيس الأميركي السابق دونالد ترمب الوفد.\n", "metadata": {"date": "2025-03-01"}},
        {"id": "latin", "text": "قال المتحدث Öncu Keçeli في المؤتمر الصحفي إن الوزير Ahmet Yılmaz التقى نظيره Çağrı Güneş اليوم في العاصمة.\n"},
    ]
    shards = tmp_path / "shards"
    shards.mkdir()
    with gzip.open(shards / "s.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    excluded = JsonlWriter(str(tmp_path / "excluded"))
    step = TadqiqFilter(max_errors=0, max_per_1000_words={"mt-debris": 50}, exclusion_writer=excluded)
    LocalPipelineExecutor([JsonlReader(str(shards)), step, JsonlWriter(str(tmp_path / "kept"))],
                          tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    assert set(read_output(tmp_path / "kept")) == {"clean"}
    dropped = read_output(tmp_path / "excluded")
    assert dropped["drift"]["metadata"]["filter_reason"] == "tadqiq_errors"
    assert dropped["latin"]["metadata"]["filter_reason"] == "tadqiq_mt_debris_density"
    stats = next(s for s in json.loads((tmp_path / "logs" / "stats.json").read_text()) if "filter" in s["name"])["stats"]
    assert total(stats["dropped_tadqiq_errors"]) == 1 and total(stats["dropped_tadqiq_mt_debris_density"]) == 1


def test_boilerplate_share_policy():
    furniture = "الرئيسية\nاترك تعليقاً\nمقالات ذات صلة\nجميع الحقوق محفوظة\n"
    mostly_furniture = Document(text="عنوان الخبر\n" + furniture + "قال الوزير إن الخطة جاهزة.\n", id="x")
    step = TadqiqFilter(max_errors=None, max_boilerplate_share=0.3)
    assert step.filter(mostly_furniture) == (False, "tadqiq_boilerplate_share")
    assert step.filter(Document(text="ناقش الوزير خطة الموازنة في العاصمة صباح الأحد.\n", id="y")) is True


def test_cleaner_removes_furniture_lines_like_qa_clean(tmp_path):
    text = "عنوان الخبر: الوزير يناقش الموازنة\nناقش الوزير خطة الموازنة في العاصمة صباح الأحد.\nاترك تعليقاً\nمقالات ذات صلة\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert run("clean", str(tmp_path / "a.txt"), "--out", str(tmp_path / "clean"), "--no-corpus").returncode in (0, 1)
    expected = next((tmp_path / "clean").rglob("a.txt")).read_text(encoding="utf-8")
    step = TadqiqCleaner()
    [doc] = list(step.run(iter([Document(text=text, id="a")])))
    assert doc.text == expected and "اترك" not in doc.text
    assert doc.metadata["tadqiq_removed_lines"] == 2


def test_core_install_does_not_import_datatrove():
    probe = "import sys, qa, qa.engine, qa.cli, qa.clean; qa.check_text('نص'); print('datatrove' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["False", "False"]
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(dep.startswith(("datatrove", "numpy")) for dep in project["dependencies"])
    assert any(dep.startswith("datatrove") for dep in project["optional-dependencies"]["datatrove"])
