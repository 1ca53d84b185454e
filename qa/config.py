"""Run configuration: which rules run, on what date, with which extra packs, and how strictly.

Settings come from `[tool.qa]` in pyproject.toml or from qa.toml, found by walking up from the
current directory, and the command line overrides them. Unknown keys are errors: a typo in a
config must not silently switch a check off.

    [tool.qa]
    select = ["typography", "mt-debris"]      # packs or rule ids; empty means all
    ignore = ["mt-debris/calque"]
    fail-on = "warning"                       # error | warning | info
    rules = ["house-rules/"]                  # extra pack directories, relative to this file
    house-style = "house-style.yaml"          # replaces the consistency pack's table
    baseline = ".qa-baseline.json"            # findings recorded here are not reported
    date-from-path = true                     # date articles by YYYY-MM-DD / YYYYMMDD in their path
    [tool.qa.severity]
    "typography/double-space" = "warning"
    [[tool.qa.overrides]]
    paths = ["archive/**"]
    ignore = ["factual-drift"]
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
from dataclasses import dataclass
from pathlib import Path

from .findings import SEVERITIES


class ConfigError(Exception):
    """A bad configuration file; the message names the file and the key."""


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()

    def applies_to(self, path: str) -> bool:
        normalized = path.replace("\\", "/").removeprefix("./")
        return any(fnmatch.fnmatch(normalized, glob) or fnmatch.fnmatch(normalized, "*/" + glob) for glob in self.paths)


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # pack or rule ids; empty means all
    ignore: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    date: _dt.date | None = None
    date_from_path: bool = False  # read the article's date from its file name or folders
    encoding: str | None = None
    fail_on: str = "warning"
    corpus: bool | None = None  # None: corpus mode when a directory is given
    house_style: str | None = None
    baseline: str | None = None
    overrides: tuple[Override, ...] = ()
    source: str | None = None  # the file these settings came from
    # The ids the file itself named, as (key, id), so that a typo there is reported as the file's.
    file_ids: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "date", as_date(self.date))

    def check_ids(self, known) -> None:
        """Raise ConfigError for an id in the file (or an override) that names no rule or pack."""
        overrides = ((f"overrides[{n}].{key}", i) for n, o in enumerate(self.overrides)
                     for key, ids in (("select", o.select), ("ignore", o.ignore), ("severity", [r for r, _ in o.severity]))
                     for i in ids)
        for key, rule_id in (*self.file_ids, *overrides):
            if rule_id not in known:
                raise ConfigError(f"{self.source}: {key}: unknown rule or pack id {rule_id!r} (see 'qa rules')")


def as_date(value) -> _dt.date | None:
    """An article date from the Python API or a configuration: a datetime.date (a datetime counts
    as its day), an ISO 8601 date string, or None. Anything else is a ValueError, never a silent
    'no date', which would quietly take the date from the text or today instead."""
    if value is None or type(value) is _dt.date:
        return value
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):  # a subclass of date
        return _dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"date must be an ISO date such as 2025-03-01, got {value!r}") from None
    raise ValueError(f"date must be a datetime.date or an ISO date string, got {type(value).__name__} {value!r}")


_KEYS = {"select", "ignore", "fail-on", "rules", "house-style", "baseline", "severity", "overrides", "date-from-path"}
_OVERRIDE_KEYS = {"paths", "select", "ignore", "severity"}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest qa.toml, or pyproject.toml with a [tool.qa] table, from start upwards."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / "qa.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.qa" in candidate.read_text(encoding="utf-8", errors="replace"):
            return candidate
    return None


def _ids(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of pack or rule ids")
    return tuple(v.strip() for v in value if v.strip())


def _severity(table, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of rule id = severity")
    for rule, level in table.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: {rule} = {level!r}: severity must be one of {', '.join(SEVERITIES)}")
    return tuple(sorted(table.items()))


def load_config(path: Path) -> Config:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("qa", {}) if path.name == "pyproject.toml" else data.get("tool", {}).get("qa", data)
    where = f"{path}: [tool.qa]" if path.name == "pyproject.toml" else str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    base = path.parent
    fail_on = table.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{where}: fail-on must be one of {', '.join(SEVERITIES)}")
    if not isinstance(table.get("date-from-path", False), bool):
        raise ConfigError(f"{where}: date-from-path must be true or false")
    rules = table.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError(f"{where}: rules must be a list of directories")
    overrides = []
    for n, item in enumerate(table.get("overrides", [])):
        spot = f"{where}: overrides[{n}]"
        if not isinstance(item, dict) or "paths" not in item:
            raise ConfigError(f"{spot}: each override needs 'paths' (a list of globs)")
        unknown = sorted(set(item) - _OVERRIDE_KEYS)
        if unknown:
            raise ConfigError(f"{spot}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_OVERRIDE_KEYS))})")
        overrides.append(Override(_ids(item["paths"], f"{spot}.paths"), _ids(item.get("select", []), f"{spot}.select"),
                                  _ids(item.get("ignore", []), f"{spot}.ignore"),
                                  _severity(item.get("severity", {}), f"{spot}.severity")))

    def relative(value, key):
        if value is None:
            return None
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {key} must be a path")
        return str((base / value).resolve())

    select = _ids(table.get("select", []), f"{where}: select")
    ignore = _ids(table.get("ignore", []), f"{where}: ignore")
    severity = _severity(table.get("severity", {}), f"{where}: severity")
    return Config(
        select=select,
        ignore=ignore,
        rules_dirs=tuple(str((base / r).resolve()) for r in rules),
        severity=severity,
        fail_on=fail_on,
        house_style=relative(table.get("house-style"), "house-style"),
        baseline=relative(table.get("baseline"), "baseline"),
        overrides=tuple(overrides),
        date_from_path=table.get("date-from-path", False),
        source=str(path),
        file_ids=(*(("select", i) for i in select), *(("ignore", i) for i in ignore), *(("severity", r) for r, _ in severity)),
    )
