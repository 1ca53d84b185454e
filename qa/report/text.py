"""One finding per line, `path:line:col: severity rule message`, then a summary line."""

from __future__ import annotations

import regex

from ..rxcache import compile as rx

from . import dated_today, summary_counts

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _DIM = "\033[0m", "\033[2m"
# Invisible and bidi control characters would reorder or hide the terminal line; show them.
_INVISIBLE = rx(r"[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]")


def visible(text: str) -> str:
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def render(result, rules, tty: bool = False) -> str:
    return "".join(chunks(result, rules, tty))


def chunks(result, rules, tty: bool = False):
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    for f in findings:
        severity = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if tty else f.severity
        rule = f"{_DIM}{f.rule}{_RESET}" if tty else f.rule
        yield f"{f.path}:{f.line}:{f.column}: {severity} {rule} {visible(f.message)} | {visible(f.message_en)}\n"
    counts = summary_counts(findings)["by_severity"]
    fixable = sum(1 for f in findings if f.fix is not None and f.fix_safe)
    files = len(result.documents)
    if findings:
        line = (f"{len(findings)} finding{'s' * (len(findings) != 1)} in {files} file{'s' * (files != 1)}: "
                f"{counts['error']} error, {counts['warning']} warning, {counts['info']} info; {fixable} with a safe fix")
    else:
        line = f"No findings in {files} file{'s' * (files != 1)}."
    # Dated by the run's day, not the article: factual-drift may then judge old copy as current.
    undated = dated_today(result)
    if undated:
        which = "the file" if files == 1 else f"{undated} of {files} files"
        line = line.rstrip(".") + (f"; {which} had no date (--date, --date-from-path, front matter or a dateline) "
                                   f"and {'was' if undated == 1 else 'were'} checked as of today.")
    yield line + "\n"
