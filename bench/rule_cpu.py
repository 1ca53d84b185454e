"""CPU seconds per rule as a whole run spends them: every rule on each article in the engine's order.

    python bench/rule_cpu.py [--count 400] [--corpus DIR] [--passes 3] [RULE-ID-PART ...]

Fresh Documents each pass, so an analysis several rules share (lines, sentences, word counts, the
line classification) is charged to the first rule that asks for it, as in `qa check`. One warm-up
pass fills the per-run memos, then the best of --passes. Rules whose id contains one of the given
parts are printed (all by default), costliest first. The corpus is read at run time and never
copied into the repository. Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from qa.config import Config
    from qa.document import Document
    from qa.engine import Engine, read_document

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent.parent / "shared" / "corpora" / "ant-news-2018"))
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("only", nargs="*", help="print only rules whose id contains one of these")
    args = parser.parse_args()
    config = Config()
    engine = Engine(config)
    files = sorted(Path(args.corpus).glob("*.txt"))[: args.count]
    texts = [read_document(str(f), config).text for f in files]

    def one_pass() -> collections.Counter:
        cost: collections.Counter = collections.Counter()
        for text in texts:
            for _, part in Document(text).chunks():
                for rule in engine.rules:
                    start = time.process_time()
                    for _ in rule.kind_module.check(part, rule.state, engine.context.for_rule(rule.id)):
                        pass
                    cost[rule.id] += time.process_time() - start
        return cost

    one_pass()
    passes = [one_pass() for _ in range(args.passes)]
    best = {rule: min(p[rule] for p in passes) for rule in passes[0]}
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} articles, {size:.2f} MB, all rules {sum(best.values()):.2f} s")
    for rule, seconds in sorted(best.items(), key=lambda item: -item[1]):
        if not args.only or any(part in rule for part in args.only):
            print(f"  {seconds:7.3f}  {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
