"""SARIF 2.1.0, for GitHub code scanning and other CI dashboards. Validated in the tests against the
official OASIS schema."""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule) -> dict:
    examples = [f"✗ {e['text']}" for e in rule.examples["fire"][:2]] + [f"✓ {e['text']}" for e in rule.examples["pass"][:2]]
    help_text = "\n".join([rule.description or rule.message_en, "", *examples])
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.message_en},
        "fullDescription": {"text": rule.description or rule.message_en},
        "help": {"text": help_text, "markdown": help_text.replace("\n", "  \n")},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.pack], "message_ar": rule.message_ar},
    }


def as_dict(result, rules) -> dict:
    rules = sorted(rules or [], key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in sorted(result.findings, key=lambda f: f.sort_key()):
        item = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity],
            "message": {"text": f"{f.message} | {f.message_en}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": quote(f.path.replace("\\", "/"), safe="/")},
                "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
                           "snippet": {"text": f.excerpt}},
            }}],
            "partialFingerprints": {"tadqiq/v1": f.fingerprint},
        }
        if f.rule in index:
            item["ruleIndex"] = index[f.rule]
        results.append(item)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tadqiq", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/tadqiq/", "rules": [_rule(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(result, rules, tty: bool = False) -> str:
    return json.dumps(as_dict(result, rules), ensure_ascii=False, indent=2) + "\n"
