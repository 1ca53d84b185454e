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


def write_atomic(path, content, encoding: str = "utf-8") -> None:
    """Write to a temporary file in the same directory, fsync, then rename over the target.
    content is a str, bytes, or an iterable of str pieces (a streamed report)."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    pieces = [content] if isinstance(content, (str, bytes)) else content
    fd, tmp = tempfile.mkstemp(prefix=".qa-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode(encoding) if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        else:
            # mkstemp makes 0600; a new report or copy gets the usual permissions.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fix_until_stable(engine, doc, findings, max_rounds: int = 5):
    """Apply safe fixes, re-check, and repeat until nothing changes (a fix can reveal another, as
    removing an invisible character can make two spaces meet). Returns (text, remaining findings,
    number of fixes applied)."""
    from .document import Document

    text, applied_total = doc.text, 0
    for _ in range(max_rounds):
        new_text, applied = apply_fixes(text, findings)
        if not applied or new_text == text:
            break
        applied_total += len(applied)
        text = new_text
        current = Document(text, path=doc.path, date=doc.date, date_source=doc.date_source, encoding=doc.encoding)
        findings = engine.check_document(current)
    return text, findings, applied_total


def encode_like(text: str, encoding: str) -> bytes:
    """Bytes in the file's own encoding, with its byte-order mark if it had one."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16":
        return text.encode("utf-16")  # writes a BOM, as the file had
    return text.encode(encoding)


class FixRefused(Exception):
    pass


def write_fixed(path: str, text: str, encoding: str, original_digest: str) -> None:
    """Write a fixed file only if it is still what was read and may be written; atomically."""
    import hashlib

    if not os.access(path, os.W_OK):
        raise FixRefused("file is read-only; not fixed")
    with open(path, "rb") as handle:
        if hashlib.sha256(handle.read()).hexdigest() != original_digest:
            raise FixRefused("file changed since it was read; not fixed (run again)")
    write_atomic(path, encode_like(text, encoding))
