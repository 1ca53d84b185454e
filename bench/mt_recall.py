"""Span-anchored recall of tadqiq on hand-labelled machine translation, and its false-warning share.

    python bench/mt_recall.py                       # labelled WMT25 MT: recall per category, unlabelled lines warned
    python bench/mt_recall.py --news 300            # also: share of ant-news lines (professional copy) warned
    python bench/mt_recall.py --shuffle 300         # also: injected shuffled-letter words caught
    python bench/mt_recall.py --split held-out      # only the documents kept out of development

The labels (bench/mt-labels.tsv) are code-point offsets into ../shared/corpora/wmt25-mt-ar, made by hand
for 30 documents (10 source talks, each in three systems' outputs). A label counts as caught only when a
finding's span overlaps it; a finding elsewhere on the same line does not count. "Unlabelled units warned"
is the share of lines (and of sentences, since most of these talks are one line) that carry no label yet
get a warning or an error: the false-alarm side of the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from qa.config import Config  # noqa: E402
from qa.engine import Engine, make_document  # noqa: E402

import os

# ../shared/corpora beside the repository, as in the project layout; TADQIQ_CORPORA overrides it.
# (looked for in each folder above, so a worktree one level deeper finds it too).
CORPORA = Path(os.environ.get("TADQIQ_CORPORA") or next(
    (p / "shared" / "corpora" for p in HERE.parents if (p / "shared" / "corpora").is_dir()),
    HERE.parent.parent / "shared" / "corpora"))
CATEGORIES = ("latin-leftover", "punctuation-habit", "calque", "garbled")
WARNED = ("warning", "error")
# Readability findings cover whole sentences and paragraphs, and most of these talks are one long
# line: they would "overlap" every label without pointing at any problem, so they are left out.
SENTENCE_LEVEL = ("readability",)


def load_labels(path: Path):
    docs, labels = {}, defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        doc, start, end, category, split = line.split("\t")
        if category == "document":
            docs[doc] = split
        else:
            labels[doc].append((int(start), int(end), category))
    return docs, labels


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def units(doc):
    """Lines and sentences, as (start, end) spans."""
    return [(l.start, l.end) for l in doc.lines if l.end > l.start], list(doc.sentences)


def warned_share(spans, labelled, findings):
    unlabelled = [s for s in spans if not any(overlaps(*s, a, b) for a, b in labelled)]
    warned = [s for s in unlabelled if any(f.severity in WARNED and overlaps(*s, f.start, f.end) for f in findings)]
    return len(warned), len(unlabelled)


def mt_recall(engine, root: Path, split: str, verbose: bool):
    docs, labels = load_labels(HERE / "mt-labels.tsv")
    caught, total, by_rule = Counter(), Counter(), defaultdict(Counter)
    lines_w = lines_n = sents_w = sents_n = 0
    misses = []
    for name, doc_split in sorted(docs.items()):
        if split != "all" and doc_split != split:
            continue
        text = (root / name).read_text(encoding="utf-8")
        doc = make_document(text, name, engine.config, None)
        findings = [f for f in engine.check_document(doc) if f.pack not in SENTENCE_LEVEL]
        for start, end, category in labels[name]:
            total[category] += 1
            hits = [f for f in findings if overlaps(start, end, f.start, f.end)]
            if hits:
                caught[category] += 1
                for f in hits:
                    by_rule[category][f.rule] += 1
            else:
                misses.append((category, name, f"{start}: …{text[max(0, start - 20):start]}⟦{text[start:end]}⟧{text[end:end + 20]}…".replace("\n", " ")))
        spans = [(s, e) for s, e, _ in labels[name]]
        lines, sentences = units(doc)
        w, n = warned_share(lines, spans, findings)
        lines_w, lines_n = lines_w + w, lines_n + n
        w, n = warned_share(sentences, spans, findings)
        sents_w, sents_n = sents_w + w, sents_n + n
    print(f"labelled MT ({split}): {sum(1 for s in docs.values() if split in ('all', s))} documents")
    for category in CATEGORIES:
        n = total[category]
        rules = ", ".join(f"{r} {c}" for r, c in by_rule[category].most_common(4))
        print(f"  {category:18} recall {caught[category] / n if n else 0:.2f}  ({caught[category]}/{n})  {rules}")
    print(f"  unlabelled lines warned      {lines_w / max(lines_n, 1):.3f}  ({lines_w}/{lines_n})")
    print(f"  unlabelled sentences warned  {sents_w / max(sents_n, 1):.3f}  ({sents_w}/{sents_n})")
    if verbose:
        for category, name, excerpt in misses:
            print(f"    miss {category:18} {name}: {excerpt[:100]}")


def news_files(count: int, seed: int):
    files = sorted((CORPORA / "ant-news-2018").glob("*.txt"))
    random.Random(seed).shuffle(files)
    return files[:count]


def news_warned(engine, count: int, seed: int):
    """Lines of professional copy warned, by every pack and by the MT-debris rules alone (mt-debris
    and glued words), each article checked on its own date."""
    from qa.calibrate import date_from_name

    warned, lines_n, rules = Counter(), 0, Counter()
    for path in news_files(count, seed):
        doc = make_document(path.read_text(encoding="utf-8"), path.name, engine.config, date_from_name(path.name))
        findings = [f for f in engine.check_document(doc) if f.severity in WARNED]
        mt = [f for f in findings if f.pack == "mt-debris" or f.rule == "boilerplate/glued-words"]
        lines, _ = units(doc)
        lines_n += len(lines)
        warned["all"] += warned_share(lines, [], findings)[0]
        warned["mt"] += warned_share(lines, [], mt)[0]
        rules.update(f.rule for f in mt)
    print(f"professional news (ant-news-2018, {count} articles, {lines_n} lines): lines warned by any pack "
          f"{warned['all'] / max(lines_n, 1):.3f}, by the MT-debris rules {warned['mt'] / max(lines_n, 1):.3f}"
          f"  ({warned['mt']}); by rule: " + ", ".join(f"{r} {c}" for r, c in rules.most_common(6)))


def shuffle_word(word: str, rng: random.Random, known) -> str | None:
    """The word's letters in another order that is not itself a word (ال stays in front)."""
    prefix = "ال" if word.startswith("ال") else ""
    body = list(word[len(prefix):])
    for _ in range(20):
        rng.shuffle(body)
        candidate = prefix + "".join(body)
        if candidate != word and "ة" not in candidate[:-1] and "ى" not in candidate[:-1] and not known(candidate):
            return candidate
    return None


def shuffled_recall(engine, count: int, seed: int, verbose: bool):
    """Shuffle the letters of one common word per clean article and see whether any finding covers it."""
    import regex

    from qa.wordlist import is_core, is_known

    rng = random.Random(seed)
    word_re = regex.compile(r"(?<![\p{L}\p{M}])[\p{Arabic}&&\p{L}]{5,9}(?![\p{L}\p{M}])", regex.V1)
    caught = tried = 0
    misses = []
    for path in news_files(count, seed + 1):
        text = path.read_text(encoding="utf-8")
        candidates = [m for m in word_re.finditer(text) if is_core(m.group())]
        if not candidates:
            continue
        m = rng.choice(candidates)
        shuffled = shuffle_word(m.group(), rng, is_known)
        if not shuffled:
            continue
        tried += 1
        injected = text[: m.start()] + shuffled + text[m.end():]
        doc = make_document(injected, path.name, engine.config, None)
        if any(overlaps(m.start(), m.end(), f.start, f.end) for f in engine.check_document(doc)):
            caught += 1
        else:
            misses.append(f"{m.group()} -> {shuffled}")
    print(f"injected shuffled words: caught {caught / max(tried, 1):.2f}  ({caught}/{tried})")
    if verbose:
        print("    missed: " + ", ".join(misses[:40]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "wmt25-mt-ar")
    parser.add_argument("--split", choices=("all", "dev", "held-out"), default="all")
    parser.add_argument("--news", type=int, default=0, help="also measure lines warned on N ant-news articles")
    parser.add_argument("--shuffle", type=int, default=0, help="also inject shuffled words into N ant-news articles")
    parser.add_argument("--select", default="", help="only these packs or rules (default: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")
    if not args.corpus.is_dir():
        print(f"mt_recall: no corpus at {args.corpus} (set TADQIQ_CORPORA to the corpora folder)", file=sys.stderr)
        return 2
    engine = Engine(Config(select=tuple(x for x in args.select.split(",") if x)))
    mt_recall(engine, args.corpus, args.split, args.verbose)
    if args.news:
        news_warned(engine, args.news, args.seed)
    if args.shuffle:
        shuffled_recall(engine, args.shuffle, args.seed, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
