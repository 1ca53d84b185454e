"""The JSON contract. Other tools parse it: keys are pinned by tests; add, never rename."""

from __future__ import annotations

import json

from .. import __version__
from . import summary_counts


def as_dict(result) -> dict:
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    return {
        "tool": {"name": "tadqiq", "version": __version__},
        "findings": [f.to_dict() for f in findings],
        "documents": [
            {"path": d.path, "date": d.date.isoformat() if d.date else None, "date_source": d.date_source,
             **({"stats": d.stats.to_dict()} if d.stats is not None else {})}
            for d in result.documents
        ],
        "summary": {
            "files": len(result.documents),
            "findings": len(findings),
            "by_pack": summary_counts(findings)["by_pack"],
        },
    }


def render(result, rules, tty: bool = False) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
