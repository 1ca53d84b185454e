"""The JSON contract. Other tools parse it: keys are pinned by tests; add, never rename."""

from __future__ import annotations

import json

from .. import __version__
from . import dated_today, summary_counts


_TOOL = {"name": "tadqiq", "version": __version__}


def _document(d) -> dict:
    return {"path": d.path, "date": d.date.isoformat() if d.date else None, "date_source": d.date_source,
            **({"stats": d.stats.to_dict()} if d.stats is not None else {})}


def _summary(result, findings) -> dict:
    return {"files": len(result.documents), "findings": len(findings),
            "by_pack": summary_counts(findings)["by_pack"], "dated_today": dated_today(result)}


def as_dict(result) -> dict:
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    return {
        "tool": _TOOL,
        "findings": [f.to_dict() for f in findings],
        "documents": [_document(d) for d in result.documents],
        "summary": _summary(result, findings),
    }


def render(result, rules, tty: bool = False) -> str:
    return "".join(chunks(result, rules, tty))


def _dumps(value, depth: int) -> str:
    # Strings escape their own line breaks, so every raw "\n" is layout and can take the indent.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def _array(items, depth: int):
    """A list laid out as json.dumps(indent=2) lays it out, made one item at a time."""
    empty = True
    for item in items:
        yield ("[" if empty else ",") + "\n" + "  " * (depth + 1) + _dumps(item, depth + 1)
        empty = False
    yield "[]" if empty else "\n" + "  " * depth + "]"


def chunks(result, rules, tty: bool = False):
    """json.dumps(as_dict(result), indent=2), byte for byte, without holding every finding's dict
    at once."""
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    yield '{\n  "tool": ' + _dumps(_TOOL, 1) + ',\n  "findings": '
    yield from _array((f.to_dict() for f in findings), 1)
    yield ',\n  "documents": '
    yield from _array((_document(d) for d in result.documents), 1)
    yield ',\n  "summary": ' + _dumps(_summary(result, findings), 1) + "\n}\n"
