"""Rule selection: which rules run, on which path, at which severity.

--select/--ignore and the configuration choose the run's rules once; per-path overrides refine them
for one file. A house-style file replaces the consistency pack's table by recompiling its rules.
"""

from __future__ import annotations

from pathlib import Path


class UsageError(Exception):
    """A bad request from the user (unknown rule id, bad option value). Exit code 2."""


def matches(rule, ids) -> bool:
    return rule.id in ids or rule.pack in ids


def known_ids(rules) -> set:
    return {r.id for r in rules} | {r.pack for r in rules}


def choose_rules(all_rules, select=(), ignore=()) -> list:
    """The rules that --select/--ignore leave on. A rule that is off by default runs only when
    select names it by its own id. Unknown ids are a usage error, not a silent no-op."""
    known = known_ids(all_rules)
    for option, ids in (("--select", select), ("--ignore", ignore)):
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise UsageError(f"{option}: unknown rule or pack id {unknown[0]!r} (see 'qa rules')")
    rules = [r for r in all_rules if (r.enabled and (not select or matches(r, select))) or r.id in select]
    return [r for r in rules if not matches(r, ignore)]


def rules_for_path(path: str, config, all_rules, rules, severity: dict) -> tuple[list, dict]:
    """The rules and severities that apply to one path, after per-path overrides."""
    overrides = [o for o in config.overrides if o.applies_to(path)]
    if not overrides:
        return rules, severity
    rules, severity = list(rules), dict(severity)
    for o in overrides:
        if o.select:
            # The override chooses anew among all rules, but what the run ignores stays ignored.
            rules = [r for r in all_rules if (r.enabled or r.id in o.select) and matches(r, o.select)
                     and not matches(r, config.ignore)]
        rules = [r for r in rules if not matches(r, o.ignore)]
        severity.update(dict(o.severity))
    return rules, severity


def use_house_style(all_rules, path: str) -> None:
    """A newsroom's own house-style table replaces the consistency pack's."""
    from ..kinds import ParamError
    from ..packs import PackError, compile_env

    for rule in all_rules:
        if "house_style" in rule.params:
            try:
                rule.state = rule.kind_module.compile({**rule.params, "house_style": path},
                                                      compile_env(Path(rule.source).parent, rule.id))
            except ParamError as exc:
                raise PackError(exc.path or path, exc.line, f"house-style: {exc}") from None
