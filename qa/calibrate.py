"""Measure false-alarm rates on a corpus of clean text: findings per 1,000 words, by rule.

    python -m qa.calibrate ../shared/corpora/ant-news-2018/ [--select PACK] [--date-from-name] [--sample N]

--date-from-name reads YYYYMMDD from each file name (as in FR-culture-100-20180626.txt) and uses it
as the article's date. --sample prints N findings per rule, to read what a rule reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .config import Config
from .document import Document, InputError, decode
from .engine import Engine, build_corpus, expand_paths
from .findings import SEVERITIES

_NAME_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?!\d)")


def date_from_name(path: str) -> dt.date | None:
    match = _NAME_DATE.search(Path(path).name)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.calibrate", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--select", default="")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--date", type=dt.date.fromisoformat)
    parser.add_argument("--date-from-name", action="store_true")
    parser.add_argument("--date-from-path", action="store_true", help="YYYY-MM-DD or YYYYMMDD in the name or folders")
    parser.add_argument("--sample", type=int, default=0, help="print N random findings per rule")
    parser.add_argument("--corpus", action="store_true", help="corpus mode: learn recurring lines over all files first")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")

    ids = lambda s: tuple(x for x in s.split(",") if x)
    engine = Engine(Config(select=ids(args.select), ignore=ids(args.ignore), date=args.date))
    files, errors = expand_paths(args.paths)
    if args.corpus:
        engine.use_corpus(build_corpus(engine, files, engine.config))
    words, by_rule, by_severity, examples = 0, Counter(), Counter(), defaultdict(list)
    for path in files:
        try:
            text, _ = decode(Path(path).read_bytes())
        except InputError as exc:
            print(f"skip {path}: {exc}", file=sys.stderr)
            continue
        date = args.date or (date_from_name(path) if args.date_from_name else None)
        if not date and args.date_from_path:
            from .dating import path_date

            date = path_date(path)
        doc = Document(text, path=path, date=date)
        words += sum(1 for t in doc.tokens if t.script != "num")
        for f in engine.check_document(doc):
            by_rule[(f.rule, f.severity)] += 1
            by_severity[f.severity] += 1
            line = doc.lines[f.line - 1].text(doc)
            examples[f.rule].append(f"{Path(path).name}:{f.line}:{f.column} «{f.excerpt}» … {line[max(0, f.column - 40): f.column + 40]}")
    per_k = lambda n: 1000 * n / max(words, 1)
    print(f"files {len(files)}, words {words}")
    for severity in SEVERITIES:
        print(f"  {severity:<8} {by_severity[severity]:>6}  {per_k(by_severity[severity]):.3f} per 1,000 words")
    print("by rule:")
    for (rule, severity), n in by_rule.most_common():
        print(f"  {rule:<42} {severity:<8} {n:>6}  {per_k(n):.3f}/1k")
    if args.sample:
        rng = random.Random(args.seed)
        for rule, items in sorted(examples.items()):
            print(f"\n== {rule}: {len(items)}")
            for item in rng.sample(items, min(args.sample, len(items))):
                print("  " + item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
