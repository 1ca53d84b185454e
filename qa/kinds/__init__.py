"""The closed set of check kinds. Each kind is one module with the same interface:

    PARAMS: dict[str, str]   parameter name -> one-line description (unknown keys are pack errors)
    compile(params, env) -> state        validate and prepare once per run; raise ParamError
    check(doc, state, ctx) -> Iterable[Hit]
    collect(doc, state) -> set   (optional) corpus pass 1: keys this document contributes, each once
    pass_one(doc, state, ctx) -> kept        (optional, with pass_two) corpus pass 1, for a check that
    pass_two(doc, state, ctx, kept) -> hits  asked for the counts: what the check will need of the
                                             document, small and picklable; pass 2 finishes the check
                                             from it (doc then holds only the text), so the article
                                             is not analysed twice

Kinds never print and never read the article files; they see a Document and return Hits.
A rule pack picks a kind and sets its parameters; messages, severity and examples live in the pack.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

# name -> module. Adding a kind means adding a module here; packs can only use these.
KINDS = {
    "pattern": "qa.kinds.pattern",
    "lexicon": "qa.kinds.lexicon",
    "script-mix": "qa.kinds.script_mix",
    "balance": "qa.kinds.balance",
    "word-list": "qa.kinds.wordlist",
    "line-classifier": "qa.kinds.lines",
    "repetition": "qa.kinds.repetition",
    "temporal-fact": "qa.kinds.temporal",
    "variant-spelling": "qa.kinds.variants",
    "metric": "qa.kinds.metric",
}


class ParamError(Exception):
    """A bad rule parameter. ``key`` names the parameter so the pack loader can give its line."""

    def __init__(self, key: str | None, message: str, line: int | None = None, path=None):
        super().__init__(message)
        self.key = key
        self.line = line
        self.path = path  # a data file other than the pack itself, such as a lexicon


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    replacement: str | None = None
    # Values for the rule's message placeholders, e.g. {"suggestion": "أظهر"}.
    args: dict = field(default_factory=dict)
    # A lexicon entry may carry its own message, which then replaces the rule's.
    message: str | None = None
    message_en: str | None = None
    # A lexicon entry may also set its own severity; a user's override in config still wins.
    severity: str | None = None


def _no_loader(path):
    raise ParamError(None, f"this rule reads a data file ({path}) but was compiled without a data loader")


@dataclass
class CompileEnv:
    """What compile() may use besides the parameters: where the pack lives, and the hook that reads
    its data files. Kinds read data only through `load_yaml`, never by importing the pack loader:
    the loader gives YAML with line numbers (for errors) and records each file it reads as a
    dependency of the pack's cache entry, so editing a lexicon recompiles the pack."""

    pack_dir: Path
    rule_id: str
    # path -> parsed YAML (mappings remember their lines); raises the pack loader's own error.
    load_yaml: object = field(default=_no_loader, repr=False)
    # path -> None: a file read by other means (or memoised) that the cache entry depends on.
    note_read: object = field(default=lambda path: None, repr=False)
    # The built-in rules directory: where a kind finds the default of a data file a user pack omits.
    builtin_dir: Path | None = None

    def data_path(self, name: str) -> Path:
        return self.pack_dir / name


def kind_examples(kind: str, state) -> list:
    """Examples a kind's data carries beside the rule's own (a lexicon's entries), as
    (label, {"fire": [...], "pass": [...]}) pairs, so one test runs every one of them."""
    module = get_kind(kind)
    return module.examples(state) if hasattr(module, "examples") else []


_MODULES: dict = {}


def get_kind(name: str):
    """The kind's module, imported on first use (a run imports only the kinds its rules use)."""
    module = _MODULES.get(name)
    if module is None:
        module = _MODULES[name] = importlib.import_module(KINDS[name])
    return module
