"""Baselines: adopt tadqiq on an existing archive by recording today's findings and reporting only
new ones. Findings are recorded by fingerprint (path, rule, matched text and the words around it),
never by line number, so inserting lines above a known finding does not make it new."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from . import __version__

FORMAT = 1


class BaselineError(Exception):
    pass


class Baseline:
    def __init__(self, counts: Counter):
        self.counts = counts

    def new_findings(self, findings: list) -> list:
        """Findings beyond those recorded: a fingerprint recorded twice absorbs two findings."""
        left = Counter(self.counts)
        out = []
        for f in findings:
            if left[f.fingerprint] > 0:
                left[f.fingerprint] -= 1
            else:
                out.append(f)
        return out


def load_baseline(path) -> Baseline:
    try:
        import json

        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with 'qa baseline PATH... --output {path}')") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a tadqiq baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a tadqiq baseline (format {FORMAT})")
    return Baseline(Counter(item["fingerprint"] for item in data["findings"] if isinstance(item, dict) and "fingerprint" in item))


def baseline_json(findings) -> str:
    import json

    items = [{"fingerprint": f.fingerprint, "path": f.path, "rule": f.rule, "excerpt": f.excerpt}
             for f in sorted(findings, key=lambda f: f.sort_key())]
    return json.dumps({"tool": "tadqiq", "version": __version__, "format": FORMAT, "findings": items},
                      ensure_ascii=False, indent=1) + "\n"
