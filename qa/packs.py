"""Rule packs: load rules/*.yaml (and users' --rules directories), validate, compile.

A pack is data. Each rule names a check kind from qa.kinds and sets its parameters; its messages,
severity and examples are its documentation. Any mistake in a pack is a PackError that names the
file and line, so the CLI can print one line and exit 2.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from .rxcache import compile as rx

from .kinds import KINDS, CompileEnv, ParamError, get_kind

from .findings import SEVERITIES, SEVERITY_RANK  # noqa: F401  (SEVERITY_RANK re-exported)
PACK_IDS = ("typography", "mt-debris", "boilerplate", "factual-drift", "consistency", "readability")
_RULE_ID = rx(r"[a-z][a-z0-9-]*/[a-z0-9][a-z0-9-]*")
_PACK_ID = rx(r"[a-z][a-z0-9-]*")
_COMMON_KEYS = {"id", "kind", "severity", "description", "message_ar", "message_en", "examples", "fix", "enabled"}


class PackError(Exception):
    def __init__(self, path, line: int | None, message: str):
        self.path, self.line = _display_path(path), line
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")


def builtin_rules_dir() -> Path:
    # A source checkout or editable install keeps rules/ beside qa/; a wheel ships a copy in qa/.
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "rules", here / "_rules"):
        if candidate.is_dir():
            return candidate
    raise PackError(here, None, "built-in rules directory not found; the installation is incomplete")


# --- YAML with line numbers --------------------------------------------------------------------

class LineDict(dict):
    """A mapping that remembers the line of itself and of each key, for error messages."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int | None = None


@lru_cache(maxsize=1)
def _loader():
    """The YAML loader that records lines. Built on first use: with the pack cache warm, a run
    reads no YAML at all, and importing yaml costs a pre-commit hook 20 ms."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    return Loader


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = LineDict()
    out.line, out.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            import yaml

            raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader, node):
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    return out



_READS: list | None = None  # data files read while a pack compiles: its cache entry's dependencies


def note_read(path) -> None:
    if _READS is not None:
        _READS.append(Path(path))


def compile_env(pack_dir: Path, rule_id: str) -> CompileEnv:
    """What a kind's compile() gets: its pack's directory and this module's data-file reader."""
    return CompileEnv(pack_dir, rule_id, load_yaml=load_yaml_file, note_read=note_read, builtin_dir=builtin_rules_dir())


def load_yaml_file(path: Path):
    note_read(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(path, None, f"cannot read: {exc}") from None
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise PackError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise PackError(path, None, f"invalid YAML: {exc}") from None


# --- Rules -------------------------------------------------------------------------------------

@dataclass
class Rule:
    id: str
    pack: str
    kind: str
    severity: str
    message_ar: str
    message_en: str
    description: str
    params: dict
    examples: dict
    fix_safe: bool
    enabled: bool
    source: str
    line: int | None
    state: object = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def kind_module(self):
        return get_kind(self.kind)  # a dict lookup once the kind is imported

    def check(self, doc, ctx):
        """This rule's hits on one document (the engine binds the kind's check once per run instead)."""
        return get_kind(self.kind).check(doc, self.state, ctx)


@dataclass
class Pack:
    id: str
    description: str
    path: str
    rules: list[Rule]


def _display_path(path) -> str:
    # Show built-in packs as rules/x.yaml wherever the package is installed; users' packs as given.
    path = Path(path)
    here = Path(__file__).resolve().parent
    for root in (here.parent, here):
        try:
            relative = path.resolve().relative_to(root)
        except (ValueError, OSError):
            continue
        if relative.parts and relative.parts[0] in ("rules", "_rules"):
            return str(relative)
    return str(path)


def _require_text(spec: LineDict, key: str, where: str, path) -> str:
    value = spec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(path, spec.line_of(key), f"{where}: missing or empty '{key}'")
    return value.strip()


def _parse_examples(spec: LineDict, where: str, path) -> dict:
    raw = spec.get("examples")
    if raw is None:
        return {"fire": [], "pass": []}
    if not isinstance(raw, dict) or set(raw) - {"fire", "pass"}:
        raise PackError(path, spec.line_of("examples"), f"{where}: 'examples' takes 'fire' and 'pass' lists")
    out = {}
    for key in ("fire", "pass"):
        items = raw.get(key) or []
        if not isinstance(items, list):
            raise PackError(path, raw.line_of(key), f"{where}: examples.{key} must be a list")
        parsed = []
        for item in items:
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise PackError(path, getattr(item, "line", raw.line_of(key)), f"{where}: an example needs 'text'")
            unknown = set(item) - {"text", "fix", "date", "count", "corpus"}
            if unknown:
                raise PackError(path, item.line, f"{where}: unknown example key(s) {', '.join(sorted(unknown))}")
            parsed.append(dict(item))
        out[key] = parsed
    return out


def parse_rule(spec, pack_id: str, path: Path, compile_state: bool = True) -> Rule:
    if not isinstance(spec, LineDict):
        raise PackError(path, getattr(spec, "line", None), "each rule must be a mapping")
    rule_id = spec.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.fullmatch(rule_id):
        raise PackError(path, spec.line_of("id"), f"rule id must look like 'pack/rule-name', got {rule_id!r}")
    where = f"rule {rule_id!r}"
    if rule_id.split("/")[0] != pack_id:
        raise PackError(path, spec.line_of("id"), f"{where}: id must start with the pack id '{pack_id}/'")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise PackError(path, spec.line_of("kind"), f"{where}: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    severity = spec.get("severity")
    if severity not in SEVERITIES:
        raise PackError(path, spec.line_of("severity"), f"{where}: severity must be one of {', '.join(SEVERITIES)}, got {severity!r}")
    fix = spec.get("fix", "safe")
    if fix not in ("safe", "unsafe"):
        raise PackError(path, spec.line_of("fix"), f"{where}: 'fix' is 'safe' or 'unsafe'")
    params = {k: v for k, v in spec.items() if k not in _COMMON_KEYS}
    rule = Rule(
        id=rule_id,
        pack=pack_id,
        kind=kind,
        severity=severity,
        message_ar=_require_text(spec, "message_ar", where, path),
        message_en=_require_text(spec, "message_en", where, path),
        description=(spec.get("description") or "").strip(),
        params=params,
        examples=_parse_examples(spec, where, path),
        fix_safe=fix == "safe",
        enabled=bool(spec.get("enabled", True)),
        source=_display_path(path),
        line=spec.line,
    )
    if compile_state:
        try:
            rule.state = get_kind(kind).compile(params, compile_env(Path(path).parent, rule_id))
        except ParamError as exc:
            if exc.path is not None:
                raise PackError(exc.path, exc.line, f"{where}: {exc}") from None
            line = exc.line or (spec.line_of(exc.key) if exc.key else spec.line)
            raise PackError(path, line, f"{where}: {exc}") from None
        except PackError:
            raise
        except (TypeError, ValueError, regex.error) as exc:
            raise PackError(path, spec.line, f"{where}: invalid parameters: {exc}") from None
    return rule


def load_pack(path: Path) -> Pack:
    """A compiled pack, from the on-disk cache when neither the pack, the data files it read, nor
    tadqiq's code have changed since it was compiled (compiling regexes is most of a cold start)."""
    global _READS
    from . import packcache

    key = packcache.key_for(path)
    cached = packcache.read(key)
    if cached is not None:
        return cached
    _READS = []
    try:
        pack = _compile_pack(path)
        dependencies = list(dict.fromkeys(p.resolve() for p in _READS))
    finally:
        _READS = None
    packcache.write(key, pack, [d for d in dependencies if d != Path(path).resolve()])
    return pack


def _compile_pack(path: Path) -> Pack:
    data = load_yaml_file(path)
    if not isinstance(data, LineDict):
        raise PackError(path, 1, "a pack is a mapping with 'pack', 'description' and 'rules'")
    unknown = set(data) - {"pack", "description", "rules"}
    if unknown:
        key = sorted(unknown)[0]
        raise PackError(path, data.line_of(key), f"unknown pack key {key!r}")
    pack_id = data.get("pack")
    if not isinstance(pack_id, str) or not _PACK_ID.fullmatch(pack_id):
        raise PackError(path, data.line_of("pack"), f"'pack' must be a lowercase id, got {pack_id!r}")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise PackError(path, data.line_of("rules"), "'rules' must be a non-empty list")
    parsed = [parse_rule(spec, pack_id, path) for spec in rules]
    return Pack(pack_id, (data.get("description") or "").strip(), str(path), parsed)


# Set by the command line, whose process runs one command: the packs it loads live as long as the
# process, so they are frozen out of the cycle collector's walks (gc.freeze: 10 ms of a cold start,
# and no pages touched in forked workers). A host that builds engines and drops them must not: a
# frozen engine it drops would never be collected.
FREEZE_AFTER_LOAD = False


def load_packs(extra_dirs=()) -> list[Pack]:
    """Every pack from the built-in rules/ and the given directories, in a stable order."""
    files = sorted(builtin_rules_dir().glob("*.yaml"))
    for directory in extra_dirs:
        directory = Path(directory)
        if not directory.is_dir():
            raise PackError(directory, None, "rules directory not found")
        found = sorted(directory.glob("*.yaml"))
        if not found:
            raise PackError(directory, None, "no *.yaml rule packs in this directory")
        files.extend(found)
    packs, seen = [], {}
    # Unpickling the packs makes some hundred thousand objects, all kept for the run: without this,
    # the cycle collector would walk them again and again while they load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            pack = load_pack(path)
            for rule in pack.rules:
                if rule.id in seen:
                    raise PackError(path, rule.line, f"rule {rule.id!r} is already defined in {seen[rule.id]}")
                seen[rule.id] = path
            packs.append(pack)
    finally:
        if FREEZE_AFTER_LOAD:
            gc.freeze()
        if collecting:
            gc.enable()
    return packs
