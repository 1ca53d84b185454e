"""Applying fixes to text, and writing files so that a crash never leaves one half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import stat


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


def _pieces(content, encoding: str):
    for piece in [content] if isinstance(content, (str, bytes)) else content:
        yield piece.encode(encoding) if isinstance(piece, str) else piece


def write_atomic(path, content, encoding: str = "utf-8") -> None:
    """Write a report or a copy. content is a str, bytes, or an iterable of str pieces (a streamed
    report). A regular file (or a new one) is replaced atomically: written to a temporary file in
    the same directory, fsynced, then renamed over it, keeping its mode and owner. A symlink is
    followed, so its target is replaced and the link stays a link. Anything else (a device such as
    /dev/null, a FIFO, a terminal) is opened and written through: replacing it would turn it into
    a regular file."""
    path = os.fspath(path)
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", path)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(path, "wb") as handle:
            for piece in _pieces(content, encoding):
                handle.write(piece)
        return
    _replace(os.path.realpath(path), _pieces(content, encoding), existing)


def _replace(path: str, pieces, existing) -> None:
    """Atomically replace the regular file at path (no symlinks left in it) with pieces."""
    import tempfile  # only a run that writes fixes pays for importing it (and random)

    fd, tmp = tempfile.mkstemp(prefix=".qa-", suffix=".tmp", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(PermissionError):  # only root may give a file away
                    os.chown(tmp, existing.st_uid, existing.st_gid)  # before chmod: chown clears setuid bits
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
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


def fix_until_stable(engine, doc, findings, max_rounds: int = 5, keep=None):
    """Apply safe fixes, re-check, and repeat until nothing changes (a fix can reveal another, as
    removing an invisible character can make two spaces meet). Returns (text, remaining findings,
    number of fixes applied). keep, if given, filters each re-check's findings as the caller
    filtered the first ones (a baseline's new_findings), so that what the run does not report it
    does not fix either."""
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
        if keep is not None:
            findings = keep(findings)
    return text, findings, applied_total


def encode_like(text: str, encoding: str) -> bytes:
    """Bytes in the file's own encoding and byte order, with a byte-order mark exactly when the
    file had one (see qa.document.decode for the names)."""
    from .document import BOM_SUFFIX

    if encoding.endswith(BOM_SUFFIX):
        return ("\ufeff" + text).encode(encoding.removesuffix(BOM_SUFFIX))
    if encoding in ("utf-16", "utf-32"):
        # These codecs pick the machine's byte order; never let them decide a file's.
        raise ValueError(f"ambiguous byte order: {encoding}")
    return text.encode(encoding)  # utf-8-sig writes its BOM itself


class FixRefused(Exception):
    pass


def write_fixed(path: str, text: str, encoding: str, original_digest: str) -> None:
    """Write a fixed file only if it is still what was read and may be written. A symlink's target
    is fixed and the link kept. The file keeps its owner, mode, encoding, byte order and BOM. It is
    replaced atomically, except where the owner could not be kept or it has other hard links: then
    it is rewritten in place, so that neither the owner nor the other links change."""
    import hashlib

    target = os.path.realpath(path)
    existing = os.stat(target)
    if not stat.S_ISREG(existing.st_mode):
        raise FixRefused("not a regular file; not fixed")
    # The mode bits, not only os.access: for root, os.access says every file is writable.
    if not existing.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise FixRefused("file is read-only; not fixed")
    try:
        data = encode_like(text, encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise FixRefused(f"a fix inserts «{char}» (U+{ord(char):04X}), which {encoding.removesuffix('+bom')} "
                         "cannot encode; not fixed") from None
    with open(target, "rb") as handle:
        if hashlib.sha256(handle.read()).hexdigest() != original_digest:
            raise FixRefused("file changed since it was read; not fixed (run again)")
    foreign_owner = (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()) and os.geteuid() != 0
    if existing.st_nlink > 1 or foreign_owner:
        with open(target, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        return
    _replace(target, [data], existing)
