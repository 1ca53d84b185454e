"""The file walk and decoding: which files a run reads, and each file read once into a Document
with its article date."""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..document import Document, InputError, decode

TEXT_SUFFIXES = (".txt", ".md")


@dataclass
class FileError:
    path: str
    message: str
    # A warning is printed as one and does not change the exit code (a skipped FIFO, an empty directory).
    warning: bool = False
    where: str = ""  # "line:column" of a problem inside the file, if it has one

    def __str__(self) -> str:
        return f"{self.path}:{self.where}: {self.message}" if self.where else f"{self.path}: {self.message}"

    @property
    def label(self) -> str:
        return "warning" if self.warning else "error"


_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"))


def _special_kind(path: str) -> str | None:
    """What a non-regular file is ("a FIFO"), or None for a regular file or one that cannot be
    stat'ed (reading it then reports why)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return next((name for test, name in _SPECIAL if test(mode)), None)


def _missing(given: str) -> FileError:
    """Why a path that does not exist as a file or directory cannot be read."""
    try:
        os.stat(given)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return FileError(given, "symlink loop (too many levels of symbolic links)")
        if os.path.islink(given):
            return FileError(given, f"broken symlink (to {os.readlink(given)}, which does not exist)")
        if exc.errno != errno.ENOENT:
            return FileError(given, exc.strerror or str(exc))
    return FileError(given, "no such file or directory")


def expand_paths(paths) -> tuple[list[str], list[FileError]]:
    """Files to check, in order: files as given, directories walked for *.txt and *.md (sorted),
    '-' for stdin. Missing paths become errors and the rest still run. Inside a directory, a FIFO,
    socket or device is skipped with a warning (reading a FIFO blocks until a writer comes, so a
    run could hang), and a directory with no text files at all is a warning too. A path named on
    the command line is read whatever it is: `qa check <(…)` passes a pipe on purpose."""
    out, errors = [], []
    for given in paths:
        if given == "-":
            out.append(given)
            continue
        path = Path(given)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if not name.endswith(TEXT_SUFFIXES):
                        continue
                    file = os.path.join(root, name)
                    special = _special_kind(file)
                    if special:
                        errors.append(FileError(file, f"{special}, not a regular file; skipped", warning=True))
                    else:
                        found.append(file)
            if not found:
                errors.append(FileError(given, f"no {' or '.join(TEXT_SUFFIXES)} files in this directory", warning=True))
            out.extend(sorted(found))
        elif path.exists():
            out.append(given)
        else:
            errors.append(_missing(given))
    return out, errors


def make_document(text: str, path: str, config: Config, date=None, encoding: str = "utf-8") -> Document:
    """A Document with its article date resolved: flag, path (if asked), front matter, dateline, or today."""
    from ..dating import article_date

    when, source = article_date(text, date or config.date, path=path if config.date_from_path else None)
    return Document(text, path=path, date=when, date_source=source, encoding=encoding)


def read_document(path: str, config: Config) -> Document:
    import hashlib

    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symlink loop (too many levels of symbolic links)") from None
        raise InputError(exc.strerror or str(exc)) from None
    text, encoding = decode(data, config.encoding)
    doc = make_document(text, path, config, encoding=encoding)
    # What was read, so a fix can refuse to overwrite a file that changed meanwhile.
    doc.cache["digest"] = hashlib.sha256(data).hexdigest()
    return doc
