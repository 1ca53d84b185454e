"""The seeds' JSON report, byte for byte, against a golden copy: speed work and refactoring must not
change a finding, a message or a statistic. An intended change regenerates the golden file with

    qa check seeds/ --format json --date 2026-11-22 --no-config > tests/golden/seeds-2026-11-22.json

(run from the repository root) and lists the change in the commit message."""

import contextlib
import io
import json
from pathlib import Path

from qa.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "seeds-2026-11-22.json"


def _finding_key(f):
    return (f["path"], f["line"], f["column"], f["rule"])


def test_seeds_report_matches_the_golden_file(monkeypatch):
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", "seeds/", "--format", "json", "--date", "2026-11-22", "--no-config"])
    now, golden = out.getvalue(), GOLDEN.read_text(encoding="utf-8")
    if now == golden:
        return
    got, want = json.loads(now), json.loads(golden)
    new = {_finding_key(f): f for f in got["findings"]}
    old = {_finding_key(f): f for f in want["findings"]}
    lines = [f"+ {k} {new[k]['message_en']}" for k in sorted(new.keys() - old.keys())]
    lines += [f"- {k} {old[k]['message_en']}" for k in sorted(old.keys() - new.keys())]
    lines += [f"~ {k}" for k in sorted(new.keys() & old.keys()) if new[k] != old[k]]
    if got["documents"] != want["documents"]:
        lines.append("~ documents (dates or statistics) differ")
    raise AssertionError("the seeds' report changed:\n" + "\n".join(lines or ["(layout only)"]))
