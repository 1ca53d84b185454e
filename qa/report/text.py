"""One finding per line, `path:line:col: severity rule message`, then the summary: totals and how
many findings `--fix` would settle. `--statistics` counts per rule instead."""

from __future__ import annotations

import regex

from ..rxcache import compile as rx
from ..findings import SEVERITIES
from . import summary_counts

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _DIM = "\033[0m", "\033[2m"
# Invisible and bidi control characters would reorder or hide the terminal line; show them.
_INVISIBLE = rx(r"[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]")


def visible(text: str) -> str:
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def render(result, rules, tty: bool = False) -> str:
    return "".join(chunks(result, rules, tty))


def plural(n: int, word: str) -> str:
    """«1 file», «2 files»; «info» is a mass noun and stays as it is."""
    return f"{n} {word}{'s' * (n != 1 and word != 'info')}"


def summary(findings, documents) -> list[str]:
    """The closing lines: the totals, how many `--fix` would settle, and how many files were
    dated by the run's day."""
    files = len(documents)
    if not findings:
        lines = [f"No findings in {plural(files, 'file')}."]
    else:
        counts = summary_counts(findings)["by_severity"]
        by_severity = ", ".join(plural(counts[s], s) for s in SEVERITIES)
        lines = [f"{plural(len(findings), 'finding')} in {plural(files, 'file')}: {by_severity}."]
    fixable = sum(1 for f in findings if f.fix is not None and f.fix_safe)
    if fixable:
        lines.append(f"{fixable} fixable with `--fix`.")
    # Dated by the run's day, not the article: factual-drift may then judge old copy as current.
    undated = sum(1 for d in documents if d.date_source == "today")
    if undated:
        which = "The file" if files == 1 else f"{undated} of {files} files"
        lines.append(f"{which} had no date (--date, --date-from-path, front matter or a dateline) "
                     f"and {'was' if undated == 1 else 'were'} checked as of today.")
    return lines


def statistics(findings) -> list[str]:
    """`--statistics`: one line per rule, most frequent first: count, rule, severity, fixable."""
    by_rule: dict = {}
    for f in findings:
        entry = by_rule.setdefault(f.rule, [0, f.severity, 0])
        entry[0] += 1
        # A rule whose entries carry their own severities (a lexicon) shows its gravest.
        entry[1] = min(entry[1], f.severity, key=SEVERITIES.index)
        entry[2] += f.fix is not None and f.fix_safe
    width = max((len(rule) for rule in by_rule), default=0)
    return [(f"{n:>6}  {rule:<{width}}  {severity:<7}" + (f"  {fixable} fixable" if fixable else "")).rstrip()
            for rule, (n, severity, fixable) in sorted(by_rule.items(), key=lambda item: (-item[1][0], item[0]))]


def chunks(result, rules, tty: bool = False):
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    for f in findings:
        severity = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if tty else f.severity
        rule = f"{_DIM}{f.rule}{_RESET}" if tty else f.rule
        yield f"{f.path}:{f.line}:{f.column}: {severity} {rule} {visible(f.message)} | {visible(f.message_en)}\n"
    for line in summary(findings, result.documents):
        yield line + "\n"
