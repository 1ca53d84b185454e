"""Compiled regular expressions from an on-disk cache, for patterns in tadqiq's own modules.

The `regex` module parses patterns in pure Python: a pattern with Unicode property sets such as
[\\p{scx=Arabic}&&\\p{L}] costs milliseconds to compile, and the modules' patterns together were a
good part of a cold start. A pickled pattern keeps its compiled code and loads in microseconds, so
`compile` returns patterns from one pickle per installation (keyed by the regex and Python
versions), compiling and adding only patterns it has not seen; new ones are written at exit. Any
problem with the cache means compiling as before, never an error. TADQIQ_NO_CACHE=1 turns it off.

    from .rxcache import compile as rx
    _WORD = rx(r"[\\p{L}\\p{M}]+", regex.V1)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import regex

_MAX_ENTRIES = 4000  # patterns; user packs under development cannot grow the file for ever

_patterns: dict | None = None
_added = False


def cache_dir() -> Path:
    base = os.environ.get("TADQIQ_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "tadqiq")
    return Path(base)


def _enabled() -> bool:
    return os.environ.get("TADQIQ_NO_CACHE", "") in ("", "0")


def _path() -> Path:
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return cache_dir() / f"regex-{regex.__version__}-py{version}.pickle"


def _read() -> dict:
    import pickle

    try:
        with open(_path(), "rb") as handle:
            patterns = pickle.load(handle)
        return patterns if isinstance(patterns, dict) else {}
    except Exception:  # missing, truncated or from another version: compile instead
        return {}


def _write() -> None:
    import pickle

    if not _added or not _enabled():
        return
    try:
        merged = {**_read(), **_patterns}  # keep what other processes added meanwhile
        if len(merged) > _MAX_ENTRIES:
            merged = dict(_patterns)
        path = _path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except Exception:  # an unwritable cache costs speed, not correctness
        return


def compile(pattern: str, flags: int = 0):  # noqa: A001  (a drop-in for regex.compile)
    global _patterns, _added
    if _patterns is None:
        _patterns = _read() if _enabled() else {}
        import atexit

        atexit.register(_write)
    key = (pattern, int(flags))
    compiled = _patterns.get(key)
    if compiled is None:
        compiled = _patterns[key] = regex.compile(pattern, flags)
        _added = True
    return compiled
