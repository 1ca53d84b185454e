"""What each pack must show on the seed articles, pinned so it cannot silently regress."""

import json

import pytest
from conftest import SEEDS

from qa.cli import main

# Seed 001 states this date; the others state none, and would otherwise be checked as of today.
SEED_DATE = "2025-04-10"


@pytest.fixture(scope="module")
def seed_findings():
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        # A fixed date, so that what the seeds show does not change with the calendar.
        main(["check", str(SEEDS), "--format", "json", "--date", SEED_DATE])
    return json.loads(out.getvalue())["findings"]


def lines_of(findings, seed, rule_or_pack, severity=None):
    return {f["line"] for f in findings
            if f["path"].endswith(seed) and (f["rule"] == rule_or_pack or f["pack"] == rule_or_pack)
            and (severity is None or f["severity"] == severity)}


def test_typography_on_seed_004(seed_findings):
    assert {1, 4, 5, 6, 8, 11, 12, 13, 15} <= lines_of(seed_findings, "004_33040a4e03eb0d12.txt", "typography/space-before-punct")
    assert 1 in lines_of(seed_findings, "004_33040a4e03eb0d12.txt", "typography/missing-hamza")


def test_mt_debris_on_seed_004(seed_findings):
    seed = "004_33040a4e03eb0d12.txt"
    assert 14 in lines_of(seed_findings, seed, "mt-debris/latin-diacritics")
    assert 15 in lines_of(seed_findings, seed, "mt-debris/latin-diacritics")
    assert 12 in lines_of(seed_findings, seed, "mt-debris/unknown-word")
    assert 12 in lines_of(seed_findings, seed, "mt-debris/unclosed-quote")
    [keceli] = [f for f in seed_findings if f["path"].endswith(seed) and f["line"] == 15 and f["rule"] == "mt-debris/latin-diacritics"]
    assert keceli["excerpt"] == "Keçeli" and "كتشلي" in keceli["message"]


def test_mt_debris_english_dates_on_seed_001(seed_findings):
    assert {3, 4} <= lines_of(seed_findings, "001_ddc587dfb9686f8d.txt", "mt-debris/english-date")


def test_no_mt_debris_warning_on_clean_quoted_speech(seed_findings):
    warned = lines_of(seed_findings, "002_13f7328b5675ba62.txt", "mt-debris", severity="warning")
    assert not warned & {10, 11}


BOILERPLATE_LINES = {
    "000_c1e8606ce6beb2ec.txt": {1, 27, 29, 31, 33, 36, 37, 38},
    "001_ddc587dfb9686f8d.txt": {3, 4, 5, 6, 9},
    "003_92733d96d7909b76.txt": {1, 2, 3, 4, 8, 9, 32},
}


@pytest.mark.parametrize("seed, lines", BOILERPLATE_LINES.items())
def test_boilerplate_on_seeds(seed_findings, seed, lines):
    assert lines <= lines_of(seed_findings, seed, "boilerplate")


@pytest.mark.parametrize("seed, line", [("003_92733d96d7909b76.txt", 11), ("001_ddc587dfb9686f8d.txt", 11),
                                        ("002_13f7328b5675ba62.txt", 3)])
def test_boilerplate_leaves_body_lines_alone(seed_findings, seed, line):
    assert line not in lines_of(seed_findings, seed, "boilerplate")


def test_clean_keeps_every_body_paragraph_and_removes_furniture(tmp_path):
    import contextlib
    import io

    out = tmp_path / "clean"
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert main(["clean", str(SEEDS), "--out", str(out)]) == 0
    assert "removed" in printed.getvalue()
    for seed in sorted(SEEDS.glob("*.txt")):
        original = seed.read_text(encoding="utf-8").splitlines()
        cleaned = [line for line in (out / seed.name).read_text(encoding="utf-8").splitlines() if line.strip()]
        removed = BOILERPLATE_LINES.get(seed.name, set())
        kept = [line for number, line in enumerate(original, 1) if line.strip() and number not in removed]
        # Every body line survives, in order, and nothing else does.
        assert cleaned == kept, seed.name
    # The inputs are untouched.
    assert (SEEDS / "000_c1e8606ce6beb2ec.txt").read_text(encoding="utf-8").startswith("آسياأخبار")


def _findings_with(*args):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", str(SEEDS), "--format", "json", *args])
    return json.loads(out.getvalue())


@pytest.mark.parametrize("args", [("--date", SEED_DATE), ("--date", "2025-02-27")])
def test_factual_drift_error_on_seed_000_line_15(args):
    findings = _findings_with(*args)["findings"]
    errors = lines_of(findings, "000_c1e8606ce6beb2ec.txt", "factual-drift/former-on-sitting", severity="error")
    assert 15 in errors


@pytest.mark.parametrize("seed, line", [("002_13f7328b5675ba62.txt", 4), ("002_13f7328b5675ba62.txt", 5),
                                        ("001_ddc587dfb9686f8d.txt", 25)])
def test_no_factual_drift_on_correct_titles(seed_findings, seed, line):
    assert line not in lines_of(seed_findings, seed, "factual-drift")


def test_documents_carry_their_dates():
    documents = {d["path"].rsplit("/", 1)[1]: d for d in _findings_with()["documents"]}
    assert documents["001_ddc587dfb9686f8d.txt"]["date"] == "2025-04-10"
    assert documents["001_ddc587dfb9686f8d.txt"]["date_source"] == "text"
    assert documents["000_c1e8606ce6beb2ec.txt"]["date_source"] == "today"
    flagged = {d["date_source"] for d in _findings_with("--date", "2025-02-27")["documents"]}
    assert flagged == {"flag"}


# Seed 004's «اسطنبول» (line 1) is a missing hamza: typography/missing-hamza reports it, alone
# (one finding per problem). Seed 002 uses أميركي five times and أمريكي once, but the seeds'
# majority is أمريكي, so in a run over the seeds its أميركي (first on line 4) is the spelling to
# change: one spelling per run (see tests/test_precision.py).
@pytest.mark.parametrize("seed, line", [("004_33040a4e03eb0d12.txt", 12), ("002_13f7328b5675ba62.txt", 4)])
def test_consistency_on_seeds(seed_findings, seed, line):
    # The issue places seed 004's الأميركي on line 13; in the file it stands on line 12.
    assert line in lines_of(seed_findings, seed, "consistency/variant-spelling")
