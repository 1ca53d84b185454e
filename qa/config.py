"""Run configuration: which rules run, on what date, with which extra packs."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # pack or rule ids; empty means all
    ignore: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    date: _dt.date | None = None
    encoding: str | None = None
    fail_on: str = "warning"
    corpus: bool | None = None  # None: corpus mode when a directory is given
