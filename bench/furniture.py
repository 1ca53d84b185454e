"""How well `qa clean` separates article text from page furniture, line by line.

    python bench/furniture.py [--corpora ../shared/corpora] [--pages 200] [--show N]

Prints, for pages made by bench/page_maker.py and bench/site_maker.py (two independent sets of
invented sites; per site, the held-out ones marked and grouped apart), for
the real BBC Arabic page of scraped-pages/ (its "ambiguous" lines left out) and for the clean
articles of ant-news-2018:

  body F1          over non-blank lines: a kept body line is a true positive
  furniture recall share of furniture lines removed
  body lost        share of body lines removed
  flagged (clean)  on ant-news, the share of lines removed from articles that have no furniture,
                   and how many first lines (titles) were removed

It is a script to read, not a timed test. The corpora are read at run time and never copied.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import page_maker  # noqa: E402
import site_maker  # noqa: E402

from qa.clean import clean_document  # noqa: E402
from qa.config import Config  # noqa: E402
from qa.engine import Engine, make_document  # noqa: E402

CONFIG = Config(select=("boilerplate",))


def removed_lines(engine, text: str) -> set[int]:
    doc = make_document(text, "page.txt", CONFIG)
    return set(clean_document(doc, engine.check_document(doc)).removed_lines)


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = self.furniture = self.furniture_removed = self.body = self.pages = 0

    def add(self, labels, removed):
        self.pages += 1
        for number, label in enumerate(labels, 1):
            gone = number in removed
            if label == "body":
                self.body += 1
                if gone:
                    self.fn += 1
                else:
                    self.tp += 1
            elif label in ("furniture", "boilerplate"):
                self.furniture += 1
                if gone:
                    self.furniture_removed += 1
                else:
                    self.fp += 1

    def row(self, name):
        precision = self.tp / max(1, self.tp + self.fp)
        recall = self.tp / max(1, self.tp + self.fn)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        return (f"{name:<24} pages {self.pages:4}  body F1 {f1:.3f}  furniture removed {self.furniture_removed / max(1, self.furniture):6.1%}"
                f"  body lost {self.fn / max(1, self.body):5.2%} ({self.fn} of {self.body})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"))
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print the mistakes on this many pages")
    parser.add_argument("--site", action="append", help="only these sites (repeatable); skips the real and clean rows")
    parser.add_argument("--no-clean", action="store_true", help="skip the ant-news precision row")
    args = parser.parse_args(argv)
    corpora = Path(args.corpora)
    if not (corpora / "ant-news-2018").is_dir():
        corpora = Path("/work/shared/corpora")
    engine = Engine(CONFIG)

    scores = collections.defaultdict(Score)
    shown = 0
    held_out = {page_maker.HELD_OUT, *site_maker.HELD_OUT}

    def generated():
        for maker, group in ((page_maker, "A"), (site_maker, "B")):
            for name, site, text, labels in maker.pages(corpora / "ant-news-2018", args.pages, args.seed):
                if not args.site or site in args.site:
                    yield name, f"{group}:{site}" + (" (held out)" if site in held_out else ""), text, labels

    for name, site, text, labels in generated():
        removed = removed_lines(engine, text)
        scores[site].add(labels, removed)
        group = site[0]
        scores[f"all {group} held out" if "held out" in site else f"all {group} tuned"].add(labels, removed)
        lost = [n for n, lab in enumerate(labels, 1) if lab == "body" and n in removed]
        kept = [n for n, lab in enumerate(labels, 1) if lab == "furniture" and n not in removed]
        if shown < args.show and (lost or kept):
            shown += 1
            lines = text.split("\n")
            print(f"--- {name} ({site})")
            for n in lost:
                print(f"  LOST {n}: {lines[n - 1][:90]}")
            for n in kept:
                print(f"  KEPT {n}: {lines[n - 1][:90]}")
    print("Synthetic pages, one line per block element (A: bench/page_maker.py, B: bench/site_maker.py):")
    for key in sorted(scores, key=lambda k: (k.startswith("all"), "held out" in k, k)):
        print("  " + scores[key].row(key))
    if args.site:
        return 0

    scraped = corpora / "scraped-pages"
    labels_file = scraped / "labels.json"
    if labels_file.exists():
        bbc = Score()
        for file_name, entry in json.loads(labels_file.read_text(encoding="utf-8")).items():
            text = (scraped / file_name).read_text(encoding="utf-8")
            bbc.add(entry["line_labels"], removed_lines(engine, text))
        print("Real page (scraped-pages, ambiguous lines left out):")
        print("  " + bbc.row("bbc-arabic"))

    if args.no_clean:
        return 0
    clean_dir = corpora / "ant-news-2018"
    lines = flagged = titles = files = 0
    for path in sorted(clean_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        removed = removed_lines(engine, text)
        files += 1
        lines += sum(1 for line in text.splitlines() if line.strip())
        flagged += len(removed)
        first = next(i for i, line in enumerate(text.splitlines(), 1) if line.strip())
        titles += first in removed
    print("Clean articles (ant-news-2018, no furniture):")
    print(f"  {files} articles, {lines} lines: {flagged} removed ({flagged / max(1, lines):.2%}, one in "
          f"{lines // max(1, flagged)}), titles removed: {titles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
