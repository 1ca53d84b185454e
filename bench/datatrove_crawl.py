"""tadqiq's three-stage boilerplate job at corpus scale, with datatrove's local executor and on Ray.

    nice -n 10 python bench/datatrove_crawl.py ../shared/corpora/ant-news-2018 --documents 10000 100000

For each size it makes a crawl (below), runs signatures → merge → stripper → JSONL writer with
LocalPipelineExecutor and with RayPipelineExecutor on `ray.init(num_cpus=WORKERS)`, WORKERS
workers each and the same tasks, and prints per executor:

- documents per second of wall time, and per CPU second of the task processes (the machine may
  be shared; CPU time is the steadier figure);
- each stage's peak resident memory per worker process (ru_maxrss, which counts pages shared with
  the process it was forked from);
- the share of furniture lines removed (all of them, and those of at least --min-words words, the
  only ones the job compares), and the share of body lines kept.

The crawl: articles of the corpus wrapped in the furniture of --sites invented news sites
(bench/page_maker.py's blocks). Each site draws its template once (menus, banners, footer,
comment and newsletter boxes) with an alternate for some blocks, as sites A/B-test and redesign;
each page varies the rest (dates, bylines, breadcrumbs, tags, teaser titles, inline boxes, which
optional blocks appear), and a site's most-read box changes daily. Every line is labelled body or
furniture. A crawl has far more articles than the corpus, so each page's title is joined to a
second title and each paragraph gains one sentence from another article: body lines stay unique
across pages, as they are in a crawl, instead of 50 copies of 2,000 articles. Nothing from the
corpus is stored: the crawl is made under --work and deleted afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import page_maker as pm

SITES = [  # (name, page_maker configuration): eight sites on the five layouts
    ("بوابة الخليج", "bawaba"), ("صحيفة المساء", "sahifa"), ("قناة الأفق", "qanat"), ("مدونة الرأي", "mudawana"),
    ("مجلة المشهد", "majalla"), ("شبكة النهار", "bawaba"), ("موقع الساحة", "sahifa"), ("أخبار الوادي", "qanat"),
]
SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")


# --- The crawl ------------------------------------------------------------------------------------

class Site:
    """One site's template: its fixed blocks, each with an alternate shown on a share of pages."""

    def __init__(self, name: str, layout: str, seed: int):
        rng = random.Random(seed)
        self.name, self.layout, self.config = name, layout, pm.SITES[layout]
        self.header = name if rng.random() < 0.5 else f"{name} - {rng.choice(['أخبار العالم لحظة بلحظة', 'الخبر اليقين', 'صوت الناس'])}"
        pair = lambda make: (make(), make())  # the template and its alternate
        self.cookie = pair(lambda: pm.cookie_banner(rng, name))
        self.menu = pair(lambda: pm.menu(rng, one_line=self.config["menu"] == "pipe"))
        self.drawer = pm.menu(rng)
        self.share = pair(lambda: pm.share_bar(rng))
        self.newsletter = pm.newsletter(rng, name)
        self.comments = pair(lambda: pm.comments(rng, name))
        self.follow = pm.follow(rng, name)
        self.app = pm.app_banner(rng, name)
        self.footer = pair(lambda: pm.footer(rng, name))
        self.separator = rng.choice([" - ", " | ", " :: "])

    def page(self, rng, day: int, title: str, body: list[str], titles: list[str], summaries: list[str]):
        """(lines, labels): one page of this site."""
        site, p = self.config, pm.Page()
        on = lambda key: rng.random() < site.get(key, 0)
        variant = lambda blocks: blocks[rng.random() < 0.15]
        city = rng.choice(pm.CITIES)
        others = rng.sample(titles, 12)
        if on("cookie"):
            p.add(variant(self.cookie))
        if on("page_title"):
            p.add(f"{title}{self.separator}{self.name}")
        if on("top"):
            p.add(pm.top_bar(rng, city))
        p.add(self.header)
        p.add(variant(self.menu))
        if site["menu"] == "twice":
            p.add(self.drawer)
        if on("ticker"):
            p.add(pm.ticker(rng, others))
        if on("crumb"):
            p.add(pm.breadcrumb(rng, rng.choice(["سياسة", "اقتصاد", "رياضة", "ثقافة", "عالم"])))
        p.add(title, "body")
        meta = (pm.byline(rng, city) if on("byline") else []) + (pm.dateline(rng) if on("dateline") else [])
        p.add(meta[::-1] if rng.random() < 0.5 else meta)
        if on("share_top"):
            p.add(variant(self.share))
        if on("caption"):
            p.add(pm.caption(rng, city))
        boxes = 0
        for i, paragraph in enumerate(body):
            p.add(paragraph, "body")
            if 0 < i < len(body) - 1 and boxes < 2 and rng.random() < site["inline"] / 3:
                p.add(pm.read_also(rng, others) if rng.random() < 0.7 else pm.caption(rng, city))
                boxes += 1
        if rng.random() < 0.5:
            p.add(variant(self.share))
        if on("tags"):
            p.add(pm.tags(rng))
        if on("related"):
            p.add(pm.related(rng, others))
        if site.get("cards"):
            picks = rng.sample(range(len(summaries)), 4)
            p.add(pm.cards(rng, [titles[k] for k in picks], [summaries[k] for k in picks]))
        if on("newsletter"):
            p.add(self.newsletter)
        if on("comments"):
            p.add(variant(self.comments))
        if on("most_read"):
            p.add(pm.most_read(random.Random(f"{self.name}/{day}"), titles))  # the same all day
        if on("follow"):
            p.add(self.follow)
        if on("app"):
            p.add(self.app)
        if on("footer"):
            p.add(variant(self.footer))
        if rng.random() < 0.4:
            p.add(pm.back_to_top(rng))
        return p.lines, p.labels


def make_crawl(corpus: Path, documents: int, folder: Path, shards: int, sites: int, seed: int = 26) -> None:
    """JSONL shards of `documents` pages, page n in shard n % shards, each with its line labels
    ('b' body, 'f' furniture) in `labels`."""
    rng = random.Random(seed)
    articles = [pm.read_article(path) for path in sorted(corpus.glob("*.txt"))]
    if not articles:
        sys.exit(f"error: no .txt articles in {corpus}")
    titles = [title for title, _ in articles]
    summaries = [body[0] if body else title for title, body in articles]
    sentences = [s for _, body in articles for paragraph in body for s in SENTENCE_END.split(paragraph) if len(s.split()) >= 4]
    chosen = [Site(name, layout, seed + k) for k, (name, layout) in enumerate(SITES[:sites])]
    folder.mkdir(parents=True)
    handles = [open(folder / f"{k:05d}.jsonl", "w", encoding="utf-8") for k in range(shards)]
    try:
        for n in range(documents):
            title, body = articles[rng.randrange(len(articles))]
            title = f"{title}: {rng.choice(titles)}"
            body = [f"{paragraph} {rng.choice(sentences)}" for paragraph in body]
            site = chosen[n % len(chosen)]
            lines, labels = site.page(rng, n * 40 // documents, title, body, titles, summaries)
            record = {"id": f"page-{n:06d}", "text": "\n".join(lines) + "\n",
                      "labels": "".join("b" if label == "body" else "f" for label in labels)}
            handles[n % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        for handle in handles:
            handle.close()


# --- Measuring the workers ------------------------------------------------------------------------

def probe(folder: str, stage: str, data, rank: int = 0, world_size: int = 1):
    """A last pipeline step: passes documents through, then records this process's CPU time and
    peak memory so far (a worker may run several tasks: the last record per process counts)."""
    count = 0
    for document in data or ():
        count += 1
        yield document
    usage = resource.getrusage(resource.RUSAGE_SELF)
    record = {"stage": stage, "rank": rank, "pid": os.getpid(), "documents": count,
              "cpu": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss}
    Path(folder, f"{stage}-{rank:05d}.json").write_text(json.dumps(record))


def workers_report(folder: Path) -> dict:
    """Per stage: peak memory of the worst worker, and CPU seconds summed over workers."""
    last: dict[tuple[str, int], dict] = {}
    for path in folder.glob("*.json"):
        record = json.loads(path.read_text())
        key = (record["stage"], record["pid"])
        if key not in last or record["cpu"] > last[key]["cpu"]:
            last[key] = record
    out = {}
    for (stage, _), record in last.items():
        entry = out.setdefault(stage, {"peak_mib": 0.0, "cpu": 0.0, "processes": 0})
        entry["peak_mib"] = max(entry["peak_mib"], record["peak_kib"] / 1024)
        entry["cpu"] += record["cpu"]
        entry["processes"] += 1
    return out


# --- The job --------------------------------------------------------------------------------------

def run_job(kind: str, crawl: Path, base: Path, tasks: int, workers: int, buckets: int, min_documents: int,
            min_words: int) -> float:
    """The three stages on one executor kind; returns the wall seconds."""
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from qa.integrations.datatrove import BoilerplateMerge, BoilerplateSignatures, BoilerplateStripper

    if kind == "local":
        from datatrove.executor import LocalPipelineExecutor as Executor

        options = {"workers": workers}
    else:
        from datatrove.executor.ray import RayPipelineExecutor as Executor

        options = {"workers": workers, "mem_per_cpu_gb": 1}
    probes = base / "probes"
    probes.mkdir(parents=True)
    step = lambda stage: functools.partial(probe, str(probes), stage)
    signatures, lines, logs = base / "signatures", base / "lines", base / "logs"
    stages = [
        Executor(pipeline=[JsonlReader(str(crawl)), BoilerplateSignatures(str(signatures), buckets=buckets, min_words=min_words),
                           step("signatures")], tasks=tasks, logging_dir=str(logs / "signatures"), **options),
        Executor(pipeline=[BoilerplateMerge(str(signatures), str(lines), min_documents=min_documents, buckets=buckets),
                           step("merge")], tasks=min(tasks, buckets), logging_dir=str(logs / "merge"), **options),
        Executor(pipeline=[JsonlReader(str(crawl)), BoilerplateStripper(str(lines), min_words=min_words),
                           JsonlWriter(str(base / "clean"), compression=None), step("strip")],
                 tasks=tasks, logging_dir=str(logs / "strip"), **options),
    ]
    start = time.perf_counter()
    for stage in stages:
        stage.run()
        missing = stage.get_incomplete_ranks(range(stage.world_size))
        if missing:
            sys.exit(f"error: {kind}: tasks {missing} of {stage.logging_dir.path} did not complete (see its logs)")
    return time.perf_counter() - start


def line_shares(crawl: Path, clean: Path, min_words: int) -> dict:
    """Furniture lines removed and body lines kept, from each page's labels. Output shard k holds
    input shard k's pages in order, less the dropped ones; a page's kept lines are a subsequence
    of its lines."""
    from qa.kinds.repetition import normalize_line

    counts = dict.fromkeys(["furniture", "furniture_removed", "comparable", "comparable_removed", "body", "body_kept"], 0)
    for source in sorted(crawl.glob("*.jsonl")):
        out_path = clean / source.name
        written = open(out_path, encoding="utf-8") if out_path.exists() else iter(())
        with open(source, encoding="utf-8") as pages, written:
            pending = next(written, None)
            for line in pages:
                page = json.loads(line)
                out = json.loads(pending) if pending else None
                kept_lines = []
                if out and out["id"] == page["id"]:
                    kept_lines = out["text"].splitlines()
                    pending = next(written, None)
                cursor = 0
                for text, label in zip(page["text"].splitlines(), page["labels"]):
                    kept = cursor < len(kept_lines) and kept_lines[cursor] == text
                    cursor += kept
                    if label == "b":
                        counts["body"] += 1
                        counts["body_kept"] += kept
                        continue
                    counts["furniture"] += 1
                    counts["furniture_removed"] += not kept
                    key = normalize_line(text)
                    if key and key.count(" ") + 1 >= min_words:
                        counts["comparable"] += 1
                        counts["comparable_removed"] += not kept
    return counts


def ray_runtime(workers: int):
    import ray

    private = tempfile.mkdtemp(prefix="tq-ray-")  # short: Ray's socket paths must stay under ~100 bytes
    os.environ["TMPDIR"] = private  # the executor's task logs go under the workers' temp folder
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    tempfile.tempdir = None
    ray.init(num_cpus=workers, include_dashboard=False, _temp_dir=private, log_to_driver=False,
             object_store_memory=256 * 2**20)  # the job passes files, not objects
    return ray, private


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a folder of .txt articles (title, blank line, body)")
    parser.add_argument("--documents", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sites", type=int, default=8, choices=range(1, len(SITES) + 1))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, default=8, help="tasks per stage, whatever the size (default 8)")
    parser.add_argument("--buckets", type=int, default=16)
    parser.add_argument("--min-documents", type=int, default=5)
    parser.add_argument("--min-words", type=int, default=3)
    parser.add_argument("--executors", default="local,ray")
    parser.add_argument("--work", type=Path, default=None, help="where the crawl and outputs go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the crawl and outputs")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"error: {args.corpus} is not a folder")
    kinds = args.executors.split(",")
    if set(kinds) - {"local", "ray"}:
        sys.exit("error: --executors takes local, ray or local,ray")
    work = Path(tempfile.mkdtemp(prefix="tadqiq-crawl-", dir=args.work))
    runtime = private = None
    try:
        if "ray" in kinds:
            runtime, private = ray_runtime(args.workers)
        print(f"{args.sites} sites, {args.tasks} tasks per stage, {args.workers} workers, {args.buckets} buckets, "
              f"a line on at least {args.min_documents} pages is furniture")
        for documents in args.documents:
            crawl = work / f"crawl-{documents}"
            start = time.perf_counter()
            make_crawl(args.corpus, documents, crawl, args.tasks, args.sites)
            size = sum(p.stat().st_size for p in crawl.iterdir()) / 2**20
            print(f"\n{documents:,} pages, {size:,.0f} MiB of JSONL (made in {time.perf_counter() - start:.0f} s)")
            for kind in kinds:
                base = work / f"{kind}-{documents}"
                wall = run_job(kind, crawl, base, args.tasks, args.workers, args.buckets, args.min_documents, args.min_words)
                stages = workers_report(base / "probes")
                cpu = sum(s["cpu"] for s in stages.values())
                shares = line_shares(crawl, base / "clean", args.min_words)
                peaks = ", ".join(f"{stage} {stages[stage]['peak_mib']:.0f}" for stage in ("signatures", "merge", "strip"))
                print(f"  {kind:5s} {documents / wall:6.0f} pages/s wall ({wall:.0f} s), {documents / cpu:6.0f} pages per CPU second "
                      f"({cpu:.0f} s); peak MiB per worker: {peaks}")
                print(f"        furniture lines removed {shares['furniture_removed'] / shares['furniture']:.1%} "
                      f"(of {shares['furniture']:,}; of the {shares['comparable']:,} with {args.min_words}+ words: "
                      f"{shares['comparable_removed'] / shares['comparable']:.1%}); body lines kept "
                      f"{shares['body_kept'] / shares['body']:.2%} (of {shares['body']:,})")
                if not args.keep:
                    shutil.rmtree(base)
            if not args.keep:
                shutil.rmtree(crawl)
    finally:
        if runtime:
            runtime.shutdown()
            shutil.rmtree(private, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


# The guard matters: datatrove's local workers start with "forkserver", which imports this file.
if __name__ == "__main__":
    main()
