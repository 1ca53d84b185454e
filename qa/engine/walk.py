"""The file walk and decoding: which files a run reads, and each file read once into a Document
with its article date."""

from __future__ import annotations

import os
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

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def expand_paths(paths) -> tuple[list[str], list[FileError]]:
    """Files to check, in order: files as given, directories walked for *.txt and *.md (sorted),
    '-' for stdin. Missing paths become errors and the rest still run."""
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
                found.extend(os.path.join(root, f) for f in files if f.endswith(TEXT_SUFFIXES))
            out.extend(sorted(found))
        elif path.exists():
            out.append(given)
        else:
            errors.append(FileError(given, "no such file or directory"))
    return out, errors


def make_document(text: str, path: str, config: Config, date=None, encoding: str = "utf-8") -> Document:
    """A Document with its article date resolved: flag, front matter, dateline, or today."""
    from ..dating import article_date

    when, source = article_date(text, date or config.date)
    return Document(text, path=path, date=when, date_source=source, encoding=encoding)


def read_document(path: str, config: Config) -> Document:
    import hashlib

    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    text, encoding = decode(data, config.encoding)
    doc = make_document(text, path, config, encoding=encoding)
    # What was read, so a fix can refuse to overwrite a file that changed meanwhile.
    doc.cache["digest"] = hashlib.sha256(data).hexdigest()
    return doc
