"""CPU seconds per rule on the first N articles of a corpus, for the pattern, lexicon, balance and
script-mix kinds (or those named), in this process, after one warm-up pass; best of two passes.

    python bench/pattern_rule_times.py [--count 400] [--corpus DIR] [--kinds pattern,lexicon]

Each pass checks fresh Documents whose lines and normalised views are built beforehand (they are
shared by every rule), timing `kind.check(doc, state, ctx)` rule by rule. A cost shared by several
rules through the document's cache (the repeated-word scan) is charged to the first rule that asks.
The corpus is read at run time and never copied into the repository. Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from qa.config import Config
    from qa.document import Document
    from qa.engine import Engine

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent.parent / "shared" / "corpora" / "ant-news-2018"))
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--kinds", default="pattern,lexicon,balance,script-mix")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.corpus).glob("*.txt"))[: args.count]]
    engine = Engine(Config())
    rules = list(engine.rules)
    kinds = set(args.kinds.split(","))

    def one_pass() -> dict:
        spent = dict.fromkeys((r.id for r in rules), 0.0)
        for text in texts:
            doc = Document(text)
            doc.lines, doc.folded, doc.stripped  # noqa: B018  (shared analyses, built before timing)
            for rule in rules:
                start = time.process_time()
                try:
                    for _ in rule.kind_module.check(doc, rule.state, engine.context.for_rule(rule.id)):
                        pass
                except Exception:  # noqa: S110  (a rule that needs corpus counts; timing only)
                    pass
                spent[rule.id] += time.process_time() - start
        return spent

    one_pass()
    first, second = one_pass(), one_pass()
    best = {rule_id: min(first[rule_id], second[rule_id]) for rule_id in first}
    kind_of = {r.id: r.kind for r in rules}
    chosen = sorted((rule_id for rule_id in best if kind_of[rule_id] in kinds), key=lambda r: -best[r])
    for rule_id in chosen:
        print(f"{best[rule_id]:7.3f}  {kind_of[rule_id]:11s} {rule_id}")
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{sum(best[r] for r in chosen):7.3f}  these rules together; all rules {sum(best.values()):.3f} s; "
          f"{len(texts)} articles, {size:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
