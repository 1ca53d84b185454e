"""Applying fixes to text, and writing files so that a crash never leaves one half-written."""

from __future__ import annotations

import os
import tempfile


def select_fixes(findings, safe_only: bool = True) -> list:
    """Non-overlapping fixes in text order. Overlaps resolve deterministically: the earlier start
    wins, then the shorter span, then the rule id; the loser waits for the next run."""
    candidates = [f for f in findings if f.fix is not None and (f.fix_safe or not safe_only)]
    candidates.sort(key=lambda f: (f.start, f.end - f.start, f.rule))
    chosen, last_end = [], -1
    for f in candidates:
        # Two insertions at one point, or a span starting inside the previous one, would clash.
        if f.start < last_end or (chosen and f.start == chosen[-1].start):
            continue
        chosen.append(f)
        last_end = max(last_end, f.end)
    return chosen


def apply_fixes(text: str, findings, safe_only: bool = True) -> tuple[str, list]:
    chosen = select_fixes(findings, safe_only)
    parts, cursor = [], 0
    for f in chosen:
        parts.append(text[cursor : f.start])
        parts.append(f.fix)
        cursor = f.end
    parts.append(text[cursor:])
    return "".join(parts), chosen


def write_atomic(path, content: str | bytes, encoding: str = "utf-8") -> None:
    """Write to a temporary file in the same directory, fsync, then rename over the target."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    data = content.encode(encoding) if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=".qa-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
