"""Precision on labelled professional news: false alarms and style nags per 1,000 words.

    python bench/precision.py                      # the rates, and any warning without a label
    python bench/precision.py --dump new.jsonl     # write the unlabelled warnings, to label them

The sample (bench/precision-sample.txt) is 300 articles of ../shared/corpora/ant-news-2018, each
checked on its own date (from its file name). Every warning or error tadqiq raised on them was read
and labelled in bench/precision-labels.jsonl, one JSON object a line:

    {"file": NAME, "rule": ID, "start": N, "end": N, "text": EXCERPT, "label": "real"|"false"|"style"}

keyed by file, rule and code-point offsets (the excerpt, at most 40 characters, is there to read,
and to match a label whose span moved). The corpus is read at run time and never copied here.
Targets: false alarms <= 0.2 and style nags raised as warnings <= 0.3 per 1,000 words, and at most
5 warnings of any kind per 1,000 words.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from qa.calibrate import date_from_name  # noqa: E402
from qa.config import Config  # noqa: E402
from qa.document import Document, decode  # noqa: E402
from qa.engine import Engine  # noqa: E402

# ../shared beside the repository (a worktree sits one level deeper).
CORPUS = next((p for p in (HERE.parent.parent / "shared", HERE.parent.parent.parent / "shared")
               if p.is_dir()), HERE.parent.parent / "shared") / "corpora" / "ant-news-2018"
SAMPLE = HERE / "precision-sample.txt"
LABELS = HERE / "precision-labels.jsonl"
LABEL_VALUES = ("real", "false", "style")
EXCERPT = 40
TARGETS = {"false": 0.2, "style": 0.3, "all": 5.0}


def load_labels(path: Path) -> tuple[dict, dict]:
    """(exact, loose): by (file, rule, start, end), and by (file, rule, excerpt) for moved spans."""
    exact, loose = {}, {}
    if not path.exists():
        return exact, loose
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("label") not in LABEL_VALUES:
            raise SystemExit(f"{path}:{number}: label must be one of {LABEL_VALUES}")
        exact[(row["file"], row["rule"], row["start"], row["end"])] = row["label"]
        loose.setdefault((row["file"], row["rule"], row.get("text", "")), row["label"])
    return exact, loose


def warnings_on_sample(corpus: Path, names: list[str]):
    """(words, [(file, finding, line text)]) for every warning and error on the sample."""
    engine = Engine(Config())
    words, out = 0, []
    for name in names:
        text, _ = decode((corpus / name).read_bytes())
        doc = Document(text, path=name, date=date_from_name(name))
        words += sum(1 for t in doc.tokens if t.script != "num")
        for f in engine.check_document(doc):
            if f.severity in ("warning", "error"):
                out.append((name, f, doc.lines[f.line - 1].text(doc)))
    return words, out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--dump", type=Path, help="write unlabelled warnings here (JSONL, label empty)")
    parser.add_argument("--show", choices=LABEL_VALUES, help="print the warnings with this label")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")
    if not args.corpus.is_dir():
        print(f"precision: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    names = [n for n in SAMPLE.read_text(encoding="utf-8").split() if n]
    exact, loose = load_labels(args.labels)
    words, found = warnings_on_sample(args.corpus, names)
    counts, by_rule, unlabelled = Counter(), Counter(), []
    for name, f, line in found:
        excerpt = f.excerpt[:EXCERPT]
        label = exact.get((name, f.rule, f.start, f.end)) or loose.get((name, f.rule, excerpt))
        counts[label or "unlabelled"] += 1
        by_rule[(f.rule, label or "unlabelled")] += 1
        if label is None:
            unlabelled.append((name, f, line))
        if args.show and label == args.show:
            print(f"{args.show}: {name}:{f.line}:{f.column} {f.rule} «{excerpt}»  … {line[max(0, f.column - 50): f.column + 50]}")
    per_k = lambda n: 1000 * n / max(words, 1)
    print(f"{len(names)} articles, {words} words, {len(found)} warnings and errors ({per_k(len(found)):.2f}/1k)")
    for label in (*LABEL_VALUES, "unlabelled"):
        print(f"  {label:<11} {counts[label]:>5}  {per_k(counts[label]):.3f} per 1,000 words")
    print("by rule:")
    for (rule, label), n in sorted(by_rule.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        print(f"  {rule:<40} {label:<11} {n:>4}")
    ok = (per_k(counts["false"]) <= TARGETS["false"] and per_k(counts["style"]) <= TARGETS["style"]
          and per_k(len(found)) <= TARGETS["all"])
    print(f"targets (false <= {TARGETS['false']}, style <= {TARGETS['style']}, all <= {TARGETS['all']} per 1,000 words):",
          "met" if ok else "NOT met")
    if unlabelled:
        print(f"\n{len(unlabelled)} warnings without a label:")
        for name, f, line in unlabelled:
            print(f"  {name}:{f.line}:{f.column} {f.rule} «{f.excerpt[:EXCERPT]}»  … {line[max(0, f.column - 50): f.column + 50]}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for name, f, _ in unlabelled:
                out.write(json.dumps({"file": name, "rule": f.rule, "start": f.start, "end": f.end,
                                      "text": f.excerpt[:EXCERPT], "label": ""}, ensure_ascii=False) + "\n")
    return 1 if unlabelled or not ok else 0


if __name__ == "__main__":
    sys.exit(main())
