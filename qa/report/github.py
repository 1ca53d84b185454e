"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.
Chosen automatically when GITHUB_ACTIONS=true."""

from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result, rules, tty: bool = False) -> str:
    lines = []
    for f in sorted(result.findings, key=lambda f: f.sort_key()):
        props = (f"file={_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_property(f.rule)}")
        lines.append(f"::{LEVELS[f.severity]} {props}::{_data(f.message + ' | ' + f.message_en)}")
    return "\n".join(lines) + ("\n" if lines else "")
