"""Benchmark: cold start, throughput and peak memory, for the whole rule set and per pack.

    python -m qa.bench [PATH] [--repeat N] [--packs] [--cold-file FILE] [--jobs N] [--lexicon] [--large]
    python -m qa.bench ../shared/corpora/ant-news-2018 --side-by-side --packs --repeat 1

PATH defaults to a corpus synthesised from seeds/ (the seeds repeated with their lines shuffled,
so corpus-mode state sees many documents). Every figure is the median of --repeat runs. Nothing
here asserts a speed: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACKS = ("typography", "mt-debris", "boilerplate", "factual-drift", "consistency", "readability")


def synthesise(seeds: Path, copies: int = 40) -> Path:
    out = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    rng = random.Random(7)
    for seed in sorted(seeds.glob("*.txt")):
        lines = seed.read_text(encoding="utf-8").splitlines()
        for n in range(copies):
            body = lines[:2] + rng.sample(lines[2:], len(lines) - 2)
            (out / f"{seed.stem}-{n:03d}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    return out


def _median_run(command, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(file: Path, repeat: int) -> dict:
    python = sys.executable
    return {
        "python -c pass": _median_run([python, "-c", "pass"], repeat),
        "python -c 'import qa'": _median_run([python, "-c", "import qa"], repeat),
        f"qa check {file.name}": _median_run([python, "-m", "qa", "check", str(file)], repeat),
    }


def throughput(paths, select, repeat: int, ignore=()) -> dict:
    """Words and bytes per second of checking, in this process, after one warm-up run."""
    from .config import Config
    from .engine import Engine, expand_paths, read_document

    config = Config(select=tuple(select), ignore=tuple(ignore))
    engine = Engine(config)
    files, _ = expand_paths(paths)
    texts = [read_document(f, config) for f in files]
    size = sum(len(d.text.encode("utf-8")) for d in texts)
    words = sum(len(d.text.split()) for d in texts)
    from .document import Document

    def once():  # CPU time: the machine is shared, and wall time would measure the neighbours
        start = time.process_time()
        for d in texts:
            engine.check_document(Document(d.text, path=d.path, date=d.date))
        return time.process_time() - start

    once()
    seconds = statistics.median(once() for _ in range(repeat))
    return {"files": len(files), "MB": size / 1e6, "seconds": seconds, "MB/s": size / 1e6 / seconds,
            "words/s": words / seconds, "articles/s": len(files) / seconds}


def parallel(path: Path, jobs: int, repeat: int) -> float:
    """Wall seconds of the CLI over the corpus with --jobs N, in a fresh process (start-up included)."""
    command = [sys.executable, "-m", "qa", "check", str(path), "--jobs", str(jobs), "--quiet", "--no-config",
               "--format", "json", "--output", "/dev/null"]
    return _median_run(command, repeat)


def lexicon_versus_grep(path: Path, repeat: int) -> dict:
    """The lexicon stage (every lexicon-kind rule, on already-read documents) against
    `grep -c -w -F -f TERMS` over the same files with the same terms, in one run. Timed on the
    normalised views the engine builds once per document for all rules, and again with building
    them counted in."""
    import shutil

    from .config import Config
    from .document import Document
    from .engine import Engine, expand_paths, read_document

    engine = Engine(Config())
    rules = [r for r in engine.rules if r.kind == "lexicon"]
    terms = sorted({t for r in rules for t in r.state.by_term})
    files, _ = expand_paths([str(path)])
    texts = [read_document(f, Config()).text for f in files]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(terms) + "\n")
    grep = shutil.which("grep")

    def views():
        docs = [Document(text) for text in texts]
        for doc in docs:
            for rule in rules:
                doc.view(rule.state.normalize)
        return docs

    def ours(include_views: bool):
        prepared = None if include_views else views()  # normalised once per document, for every rule
        start = time.perf_counter()
        for doc in views() if include_views else prepared:
            for rule in rules:
                for _ in rule.kind_module.check(doc, rule.state, engine.context.for_rule(rule.id)):
                    pass
        return time.perf_counter() - start

    ours(True)
    ours_s = statistics.median(ours(False) for _ in range(repeat))
    with_views_s = statistics.median(ours(True) for _ in range(repeat))
    grep_s = _median_run([grep, "-c", "-w", "-F", "-f", handle.name, *files], repeat) if grep else float("nan")
    Path(handle.name).unlink()
    return {"rules": [r.id for r in rules], "terms": len(terms), "ours": ours_s, "with views": with_views_s,
            "grep": grep_s}


def large_inputs(corpus: Path, megabytes: int = 50, lines: int = 1_000_000) -> dict:
    """Wall time and peak memory of `qa check --format json` on two dumps built from the corpus's
    lines: one single line of `megabytes` MB, and `lines` short lines of six words."""
    from .engine import expand_paths

    files, _ = expand_paths([str(corpus)])
    corpus_lines = [line.strip() for f in files for line in Path(f).read_text(encoding="utf-8").splitlines()
                    if line.strip()]
    workdir = Path(tempfile.mkdtemp(prefix="qa-large-"))
    single, many = workdir / f"one-line-{megabytes}MB.txt", workdir / f"{lines}-lines.txt"
    with single.open("w", encoding="utf-8") as out:
        size, i = 0, 0
        while size < megabytes * 1_000_000:
            piece = corpus_lines[i % len(corpus_lines)] + " "
            out.write(piece)
            size, i = size + len(piece.encode("utf-8")), i + 1
        out.write("\n")
    words = " ".join(corpus_lines).split()
    with many.open("w", encoding="utf-8") as out:
        for n in range(lines):
            start = (n * 6) % (len(words) - 6)
            out.write(" ".join(words[start : start + 6]) + "\n")
    # Each run reports its own peak: RUSAGE_CHILDREN would give the larger of the two runs.
    measure = ("import resource, sys\nfrom qa.cli import main\nmain(sys.argv[1:])\n"
               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    results = {}
    for path in (single, many):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", measure, "check", str(path), "--no-config", "--format", "json",
                               "--output", os.devnull], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        peak_kb = int(proc.stderr.split()[-1]) if proc.stderr.split() and proc.stderr.split()[-1].isdigit() else 0
        results[path.name] = {"MB": path.stat().st_size / 1e6, "seconds": seconds, "peak MB": peak_kb / 1024}
        path.unlink()
    workdir.rmdir()
    return results


# --- Side by side (issue 24): the CLI and other checkers, each a child process measured alone ------

def _child(command, env=None) -> dict:
    """CPU seconds (user + system), wall seconds and peak memory of one child process, from its own
    rusage (os.wait4), so that one run's figures never mix with another's."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": time.perf_counter() - start,
            "peak MB": usage.ru_maxrss / 1024, "exit": proc.returncode}


def _median_child(command, repeat: int, env=None) -> dict:
    runs = [_child(command, env) for _ in range(repeat)]
    return {key: statistics.median(r[key] for r in runs) for key in ("cpu", "wall", "peak MB")} | {"exit": runs[0]["exit"]}


def _bytecode_env() -> dict:
    # Measure as users run it: with compiled bytecode (a PYTHONDONTWRITEBYTECODE shell would make
    # every start compile tadqiq's sources again).
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _qa(corpus: Path, *options) -> list:
    return [sys.executable, "-m", "qa", "check", str(corpus), "--quiet", "--no-config", "--format", "json",
            "--output", os.devnull, *options]


def _prh_dictionary(directory: Path, limit: int = 280) -> Path:
    """A prh dictionary of `limit` entries from tadqiq's own house style and hamza lexicons, so the
    two tools look for comparable things."""
    import yaml

    rules = []
    lexicons = Path(__file__).resolve().parent.parent / "rules" / "lexicons"
    for entry in yaml.safe_load((lexicons / "house-style.yaml").read_text(encoding="utf-8"))["entries"]:
        if entry.get("prefer"):
            rules.append({"expected": entry["prefer"], "patterns": list(entry["variants"])})
    for entry in yaml.safe_load((lexicons / "hamza.yaml").read_text(encoding="utf-8"))["entries"]:
        if entry.get("fix"):
            rules.append({"expected": entry["fix"], "patterns": [entry["match"]]})
    path = directory / "prh.yml"
    path.write_text(yaml.safe_dump({"version": 1, "rules": rules[:limit]}, allow_unicode=True), encoding="utf-8")
    return path


def side_by_side(corpus: Path, cold_file: Path, repeat: int) -> None:
    """The figures of issue 24, in one run: MB/s per core with 1 and 2 jobs, corpus mode's cost,
    cold start beside `python -c pass`, peak memory, and textlint+prh and proselint if installed."""
    import shutil

    files = sorted(str(p) for p in corpus.rglob("*") if p.suffix in (".txt", ".md"))
    size = sum(os.path.getsize(f) for f in files) / 1e6
    env = _bytecode_env()
    subprocess.run(_qa(Path(files[0])), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm caches
    rows = []
    one = _median_child(_qa(corpus, "--jobs", "1", "--no-corpus"), repeat, env)
    rows.append(("qa --jobs 1 --no-corpus", one))
    with_corpus = _median_child(_qa(corpus, "--jobs", "1", "--corpus"), repeat, env)
    rows.append(("qa --jobs 1 (corpus mode)", with_corpus))
    two = _median_child(_qa(corpus, "--jobs", "2", "--no-corpus"), repeat, env)
    rows.append(("qa --jobs 2 --no-corpus", two))
    workdir = Path(tempfile.mkdtemp(prefix="qa-side-"))
    textlint = shutil.which("textlint")
    if textlint:
        (workdir / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(_prh_dictionary(workdir))]}}}))
        rows.append(("textlint + prh (280 entries)",
                     _median_child([textlint, "--config", str(workdir / ".textlintrc.json"), *files], repeat)))
    proselint = shutil.which("proselint") or os.environ.get("PROSELINT")
    if proselint:
        # proselint 0.14 and later take a `check` command; earlier versions take the files directly.
        usage = subprocess.run([proselint, "--help"], capture_output=True, text=True).stdout
        command = [proselint, "check", *files] if " check " in usage or "{version,check" in usage else [proselint, *files]
        rows.append(("proselint", _median_child(command, repeat)))
    print(f"side by side on {corpus} ({len(files)} files, {size:.1f} MB), medians of {repeat}; CPU = user + system")
    print(f"  {'tool':<30} {'CPU s':>7} {'MB/s/core':>10} {'wall s':>7} {'MB/s wall':>10} {'peak MB':>8}")
    for label, r in rows:
        print(f"  {label:<30} {r['cpu']:7.1f} {size / r['cpu']:10.2f} {r['wall']:7.1f} {size / r['wall']:10.2f} {r['peak MB']:8.0f}")
    print(f"  corpus mode costs {with_corpus['cpu'] / one['cpu'] - 1:+.0%} CPU; --jobs 2 is {one['wall'] / two['wall']:.2f}x "
          f"faster by the clock ({two['cpu'] / one['cpu']:.2f}x the CPU)")
    for label, r in rows[3:]:
        print(f"  qa --jobs 1 is {r['cpu'] / one['cpu']:.2f}x as fast per core as {label}")
    python = _median_child([sys.executable, "-c", "pass"], repeat * 2, env)
    cold = _median_child([sys.executable, "-m", "qa", "check", str(cold_file), "--no-config"], repeat * 2, env)
    print(f"  cold start: qa check {cold_file.name} {cold['cpu']:.3f} s CPU, python -c pass {python['cpu']:.3f} s: "
          f"{cold['cpu'] - python['cpu']:+.3f} s; peak {cold['peak MB']:.0f} MB")
    shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--packs", action="store_true", help="also measure each pack alone")
    parser.add_argument("--cold-file", help="the article for the cold-start figure (default: the first seed)")
    parser.add_argument("--without", metavar="PACK", action="append", default=[],
                        help="also measure all packs but PACK, to see what PACK costs")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help="also time the CLI over the corpus with --jobs 1 and --jobs N")
    parser.add_argument("--lexicon", action="store_true", help="also compare the lexicon stage with grep -F")
    parser.add_argument("--side-by-side", action="store_true",
                        help="issue 24's table: MB/s per core with 1 and 2 jobs, corpus mode, cold start, peak "
                        "memory, and textlint+prh and proselint where installed")
    parser.add_argument("--large", action="store_true",
                        help="also time a 50 MB single-line file and a 1,000,000-line file built from PATH")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    seeds = root / "seeds"
    corpus = Path(args.path) if args.path else synthesise(seeds)
    cold = Path(args.cold_file) if args.cold_file else sorted(seeds.glob("*.txt"))[0]
    if args.side_by_side:
        side_by_side(corpus, cold, args.repeat)
        if not args.packs:
            return 0
    print(f"corpus: {corpus}  (repeat {args.repeat}, medians)")
    for label, seconds in cold_start(cold, args.repeat).items():
        print(f"  cold start  {label:<40} {seconds:.3f} s")
    rows = [("all packs", (), ())] + [(f"without {p}", (), (p,)) for p in args.without]
    rows += [(pack, (pack,), ()) for pack in PACKS] if args.packs else []
    for label, select, ignore in rows:
        r = throughput([str(corpus)], select, max(1, args.repeat // 2), ignore)
        print(f"  throughput  {label:<20} {r['MB/s']:6.2f} MB/s  {r['words/s']:>9,.0f} words/s  "
              f"{r['articles/s']:7.1f} articles/s  ({r['files']} files, {r['MB']:.1f} MB)")
    if args.jobs:
        one = parallel(corpus, 1, max(1, args.repeat // 2))
        many = parallel(corpus, args.jobs, max(1, args.repeat // 2))
        print(f"  cli         --jobs 1 {one:.1f} s, --jobs {args.jobs} {many:.1f} s: {one / many:.2f}x")
    if args.lexicon:
        r = lexicon_versus_grep(corpus, max(1, args.repeat // 2))
        print(f"  lexicon     {len(r['rules'])} rules, {r['terms']} terms: {r['ours']:.2f} s on the shared normalised "
              f"views ({r['with views']:.2f} s building them too); grep -c -w -F -f: {r['grep']:.2f} s; "
              f"ratio {r['ours'] / r['grep']:.1f}x ({r['with views'] / r['grep']:.1f}x)")
    if args.large:
        for name, r in large_inputs(corpus).items():
            print(f"  large       {name:<28} {r['MB']:6.1f} MB: {r['seconds']:6.1f} s, peak {r['peak MB']:.0f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory {peak:.0f} MB (this process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
