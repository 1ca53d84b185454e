"""Invariants over arbitrary text: spans inside the text, line/column agree with offsets, fixes apply
cleanly and are idempotent on the span they fixed, and no input crashes the checker."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.document import Document
from qa.engine import Engine
from qa.fixes import apply_fixes

ENGINE = Engine()

# Characters that the rules care about, and the ones that break naive offset code.
PIECES = (
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىة")
    + ["\u064e", "\u0650", "\u0651", "\u064b", "\u0640", "ی", "ک", "ھ", "ﻻ", "ﺍ", "ﷺ"]
    + list("abcKeçöüşğİ0123456789٠١٢٣٤٥")
    + list(" ،؛؟.,;?!«»\"“”()-:") + [" ", "  ", "\u00a0", "\n", "\r\n", "\r", "\t"]
    + ["\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\ufeff", "\u00ad", "\x00", "\x1b"]
    + ["😀", "𝔸", "\U0010ffff"]
    + ["في", "اسطنبول", "الى", "ايضاً", "غزة.مش", "في في", "Öncü Keçeli", "أبريل 10, 2025", "&quot;", "الرئيـــس"]
)
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=80)


def check(text):
    doc = Document(text, path="<hypothesis>")
    return doc, ENGINE.check_document(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_lie_inside_and_positions_agree(text):
    doc, findings = check(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.excerpt == text[f.start:f.end]
        assert (f.line, f.column) == doc.line_col(f.start)
        assert (f.end_line, f.end_column) == doc.line_col(f.end)
        assert f.line <= f.end_line
        line = doc.lines[f.line - 1]
        assert line.start + f.column - 1 == min(f.start, line.end)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_fixes_apply_cleanly_and_hold(text):
    _, findings = check(text)
    fixed, applied = apply_fixes(text, findings, safe_only=False)
    # Where each applied fix landed in the new text.
    landed, delta = [], 0
    for f in applied:
        start = f.start + delta
        landed.append((f.rule, start, start + len(f.fix)))
        delta += len(f.fix) - (f.end - f.start)
    assert len(fixed) == len(text) + delta
    _, again = check(fixed)
    for rule, start, end in landed:
        for f in again:
            if f.rule == rule:
                assert not (f.start < end and start < f.end) or (start == end and f.start == f.end), (
                    f"{rule} fires again on its own fix at {start}:{end} in {fixed!r}")


@settings(max_examples=150, deadline=None)
@given(texts)
def test_fixing_twice_changes_nothing_more_than_once_for_independent_fixes(text):
    # Repeating until nothing changes must terminate quickly: no fix re-creates its own finding.
    current = text
    for _ in range(6):
        _, findings = check(current)
        fixed, applied = apply_fixes(current, findings)
        if not applied or fixed == current:
            break
        current = fixed
    else:
        raise AssertionError(f"fixes did not converge on {text!r}")
