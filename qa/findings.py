"""A Finding is plain data: what a rule found, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field

# The one list of severities, most severe first; everything else (ranks, orders, validation) derives
# from it.
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {name: len(SEVERITIES) - 1 - i for i, name in enumerate(SEVERITIES)}  # info 0 … error 2


@dataclass(slots=True)
class Finding:
    path: str
    start: int  # code-point offsets into the document text, end exclusive
    end: int
    line: int  # 1-based; derived from start/end by the Document
    column: int
    end_line: int
    end_column: int
    rule: str
    pack: str
    severity: str
    message: str  # Arabic
    message_en: str
    excerpt: str
    fix: str | None  # replacement for [start, end), or None
    fix_safe: bool = True
    fingerprint: str = ""  # stable identity for baselines and SARIF; see qa.suppress.fingerprint
    # Findings of other rules about the same problem, set aside for this one (qa.samecause).
    related: list = field(default_factory=list)

    def sort_key(self):
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.rule)

    def to_dict(self) -> dict:
        """The JSON contract for one finding. Keys are pinned by tests; add, never rename."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "pack": self.pack,
            "severity": self.severity,
            "message": self.message,
            "message_en": self.message_en,
            "excerpt": self.excerpt,
            "fix": None if self.fix is None else {"replacement": self.fix},
            "related": [{"rule": r.rule, "severity": r.severity, "line": r.line, "column": r.column,
                         "end_line": r.end_line, "end_column": r.end_column, "message": r.message,
                         "message_en": r.message_en, "excerpt": r.excerpt} for r in self.related],
        }
