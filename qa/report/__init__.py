"""Reporters turn a RunResult into text for one audience. They never check anything.

Each module has render(result, rules, stream_is_tty) -> str. The formats a corpus run writes
(text, JSON) also have chunks(...) -> iterator of str, so that a report of a dump with a hundred
thousand findings is written as it is made instead of being built whole in memory first.
"""

from __future__ import annotations

import importlib

from ..findings import SEVERITIES

FORMATS = {
    "text": "qa.report.text",
    "json": "qa.report.json",
    "sarif": "qa.report.sarif",
    "github": "qa.report.github",
    "junit": "qa.report.junit",
    "html": "qa.report.html",
}


def render(fmt: str, result, rules, tty: bool = False) -> str:
    return importlib.import_module(FORMATS[fmt]).render(result, rules, tty)


def render_chunks(fmt: str, result, rules, tty: bool = False, fail_on: str = "warning"):
    module = importlib.import_module(FORMATS[fmt])
    if hasattr(module, "chunks"):
        return module.chunks(result, rules, tty)
    if fmt == "junit":  # its failures are the findings at or above the fail level, as the exit code's
        return iter((module.render(result, rules, tty, fail_on=fail_on),))
    return iter((module.render(result, rules, tty),))


def summary_counts(findings) -> dict:
    by_pack, by_severity, by_rule = {}, dict.fromkeys(SEVERITIES, 0), {}
    for f in findings:
        by_pack[f.pack] = by_pack.get(f.pack, 0) + 1
        by_severity[f.severity] += 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {"by_pack": dict(sorted(by_pack.items())), "by_severity": by_severity, "by_rule": dict(sorted(by_rule.items()))}


def dated_today(result) -> int:
    """Files that found no date and were checked as of today: factual-drift judges their titles
    against today's office holders, so the summary says how many there were."""
    return sum(1 for d in result.documents if d.date_source == "today")
