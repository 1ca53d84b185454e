"""The on-disk cache of compiled packs.

A pickled regex keeps its compiled code, so loading one skips the `regex` module's pure-Python
parser: this turns pack loading from most of a cold start into a few milliseconds. An entry is
keyed by the pack file's bytes and path, tadqiq's own code (each source's size and modification
time), and the Python and regex versions; it
also lists the data files (lexicons, facts) the pack read, with their hashes, and is used only
while they are unchanged. Any problem with the cache means compiling afresh, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

_FORMAT = b"tadqiq-packs-1"
_KEEP = 64  # entries; user packs under development would otherwise pile up one per edit


def enabled() -> bool:
    return os.environ.get("TADQIQ_NO_CACHE", "") in ("", "0")


def _directory() -> Path:
    from .wordlist import cache_dir

    return cache_dir() / "packs"


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    import regex

    from . import __version__

    digest = hashlib.sha256(_FORMAT + __version__.encode() + sys.version.encode() + regex.__version__.encode())
    package = Path(__file__).parent
    # Each source by name, size and modification time, as Python validates its own bytecode:
    # reading and hashing every source on every start cost a cold start 10 ms.
    for source in sorted([*package.glob("*.py"), *package.glob("kinds/*.py")]):
        info = source.stat()
        digest.update(f"{source.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.digest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def key_for(path: Path) -> str | None:
    if not enabled():
        return None
    try:
        resolved = Path(path).resolve()
        return hashlib.sha256(_code_digest() + str(resolved).encode() + b"\0" + resolved.read_bytes()).hexdigest()
    except OSError:
        return None


def read(key: str | None):
    if key is None:
        return None
    try:
        with open(_directory() / f"{key}.pickle", "rb") as handle:
            dependencies, pack = pickle.load(handle)
        if all(_file_digest(Path(dep)) == digest for dep, digest in dependencies):
            return pack
    except Exception:  # a missing, stale, truncated or incompatible entry: compile instead
        return None
    return None


def write(key: str | None, pack, dependencies) -> None:
    if key is None:
        return
    try:
        from .fixes import write_atomic

        entry = ([(str(dep), _file_digest(dep)) for dep in dependencies], pack)
        directory = _directory()
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(directory / f"{key}.pickle", pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
        entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[_KEEP:]:
            stale.unlink(missing_ok=True)
    except Exception:  # an unwritable cache costs speed, not correctness
        return
