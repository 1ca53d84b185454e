"""Compare tadqiq's findings on corpus articles between a git revision and the working tree.

    python bench/compare_findings.py [--base REV] [--corpus DIR] [--count 200] [--date 2026-11-22]

The base revision is checked out into a temporary git worktree and both are run as
`python -m qa check FILES --format json --date DATE --no-config`, once without and once with
corpus mode (the files are linked into one directory). It prints each finding that appears on one
side only. Speed work must print nothing; any other change must be one that was meant and listed.
The corpus is read at run time and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def findings(tree: Path, target: str, date: str, corpus: bool) -> set:
    command = [sys.executable, "-m", "qa", "check", target, "--format", "json", "--date", date, "--no-config",
               "--jobs", "1", "--quiet", "--corpus" if corpus else "--no-corpus"]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True).stdout
    data = json.loads(out)
    return {(Path(f["path"]).name, f["line"], f["column"], f["end_line"], f["end_column"], f["rule"], f["severity"],
             f["message"], f["message_en"], json.dumps(f["fix"], ensure_ascii=False)) for f in data["findings"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main")
    parser.add_argument("--corpus", default=str(ROOT.parent.parent / "shared" / "corpora" / "ant-news-2018"))
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--date", default="2026-11-22")
    args = parser.parse_args()
    files = sorted(Path(args.corpus).glob("*.txt"))[: args.count]
    if not files:
        print(f"no *.txt files in {args.corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="qa-compare-"))
    articles = work / "articles"
    articles.mkdir()
    for f in files:
        (articles / f.name).symlink_to(f.resolve())
    base = work / "base"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), args.base], cwd=ROOT, check=True)
    changed = 0
    try:
        for corpus in (False, True):
            before = findings(base, str(articles), args.date, corpus)
            after = findings(ROOT, str(articles), args.date, corpus)
            label = "corpus mode" if corpus else "no corpus"
            print(f"{label}: {len(before)} findings at {args.base}, {len(after)} now")
            for sign, items in (("-", before - after), ("+", after - before)):
                for item in sorted(items):
                    print(f"  {sign} {item[0]}:{item[1]}:{item[2]} {item[5]} {item[7][:80]}")
                changed += len(items)
    finally:
        import shutil

        subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT)
        shutil.rmtree(work, ignore_errors=True)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
