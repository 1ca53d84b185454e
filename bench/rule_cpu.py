"""In-process CPU time per rule on the first N sorted files of a corpus, after one warm-up pass.

    python bench/rule_cpu.py ../shared/corpora/ant-news-2018 400 [PASSES] [RULE-SUFFIX ...]

Each rule's time is its kind's check(doc, state, context) on a fresh Document, summed over the
files; the figure is the smallest over PASSES warm passes (the machine is shared), with the first
pass (empty per-run memos) beside it. A shared analysis (distinct words, a normalised view) is
counted against the first rule that asks for it. Nothing here asserts a speed.
"""

import collections
import sys
import time
from pathlib import Path

from qa.config import Config
from qa.document import Document
from qa.engine import Engine, read_document


def main() -> int:
    corpus, count = Path(sys.argv[1]), int(sys.argv[2])
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    wanted = sys.argv[4:]
    files = sorted(corpus.glob("*.txt"))[:count]
    engine = Engine(Config())
    docs = [read_document(str(f), Config()) for f in files]
    size = sum(len(d.text.encode("utf-8")) for d in docs)

    def run(times):
        for d in docs:
            doc = Document(d.text, path=d.path, date=d.date)
            rules, _ = engine.rules_for(doc.path)
            for rule in rules:
                start = time.process_time()
                list(rule.kind_module.check(doc, rule.state, engine.context.for_rule(rule.id)))
                times[rule.id] += time.process_time() - start

    first = collections.Counter()
    run(first)
    best = None
    for _ in range(passes):
        times = collections.Counter()
        run(times)
        best = times if best is None else collections.Counter({k: min(v, best[k]) for k, v in times.items()})
    total = sum(best.values())
    print(f"{len(docs)} files, {size / 1e6:.2f} MB; all rules {total:.2f} s warm ({size / 1e6 / total:.2f} MB/s), "
          f"{sum(first.values()):.2f} s first")
    shown = [(r, t) for r, t in best.most_common() if not wanted or any(r.endswith(w) for w in wanted)]
    for rule, seconds in shown:
        print(f"  {rule:45s} {seconds:.3f} s warm   {first[rule]:.3f} s first")
    if wanted:
        print(f"  {'selected rules':45s} {sum(t for _, t in shown):.3f} s warm   {sum(first[r] for r, _ in shown):.3f} s first")
    return 0


if __name__ == "__main__":
    sys.exit(main())
