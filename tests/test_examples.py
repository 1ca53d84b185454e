"""Every rule's own examples, as LanguageTool runs its <example correction=…> sentences.

A rule without a firing and a passing example fails here, so no rule ships undocumented.
"""

import datetime as dt

import pytest

from qa.document import Document
from qa.engine import Corpus, Engine
from qa.fixes import apply_fixes
from qa.kinds import kind_examples

_ENGINE = Engine()
RULES = [rule for pack in _ENGINE.packs for rule in pack.rules]


def _run(rule, example):
    date = example.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    doc = Document(example["text"], path="<example>", date=date)
    corpus = None
    if "corpus" in example:
        # A corpus-mode example: the other documents of the corpus come with it.
        corpus = Corpus()
        for text in [*example["corpus"], example["text"]]:
            corpus.add([rule], Document(text))
    _ENGINE.use_corpus(corpus)
    try:
        return [f for f in _ENGINE.check_document(doc, rules=[rule]) if f.rule == rule.id]
    finally:
        _ENGINE.use_corpus(None)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_examples(rule):
    assert rule.examples["fire"], f"{rule.id} ({rule.source}:{rule.line}) has no example that fires"
    assert rule.examples["pass"], f"{rule.id} ({rule.source}:{rule.line}) has no example that passes"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_fire_examples(rule):
    for example in rule.examples["fire"]:
        findings = _run(rule, example)
        assert findings, f"{rule.id} did not fire on: {example['text']!r}"
        if "count" in example:
            assert len(findings) == example["count"], f"{rule.id}: expected {example['count']} findings on {example['text']!r}"
        if any(f.fix is not None for f in findings):
            assert "fix" in example, f"{rule.id} offers a fix on {example['text']!r}; the example must state the fixed text"
        if "fix" in example:
            fixed, _ = apply_fixes(example["text"], findings, safe_only=False)
            assert fixed == example["fix"], f"{rule.id}: fix of {example['text']!r}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_pass_examples(rule):
    for example in rule.examples["pass"]:
        findings = _run(rule, example)
        assert not findings, f"{rule.id} fired on a must-not-fire example {example['text']!r}: {[f.excerpt for f in findings]}"


ENTRY_EXAMPLES = [(rule, label, ex) for rule in RULES for label, ex in kind_examples(rule.kind, rule.state)]


@pytest.mark.parametrize("rule, label, examples", ENTRY_EXAMPLES,
                         ids=[f"{r.id}:{label}" for r, label, _ in ENTRY_EXAMPLES])
def test_lexicon_entry_examples(rule, label, examples):
    """Entries that carry their own examples (each calque does) are held to them too."""
    assert examples["fire"], f"{rule.id} entry {label!r} has no example that fires"
    for example in examples["fire"]:
        findings = _run(rule, example)
        assert findings, f"{rule.id} entry {label!r} did not fire on {example['text']!r}"
        if "fix" in example:
            fixed, _ = apply_fixes(example["text"], findings, safe_only=False)
            assert fixed == example["fix"]
    for example in examples["pass"]:
        assert not _run(rule, example), f"{rule.id} entry {label!r} fired on {example['text']!r}"
