"""JUnit XML for CI systems without SARIF: a test suite per file, a failed test case per finding at
or above the fail level, and one passing case for a clean file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..findings import SEVERITY_RANK


def render(result, rules, tty: bool = False, fail_on: str = "warning") -> str:
    threshold = SEVERITY_RANK[fail_on]
    by_path = {d.path: [] for d in result.documents}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    root = ET.Element("testsuites", name="tadqiq")
    total_failures = 0
    for path, findings in sorted(by_path.items()):
        failing = [f for f in sorted(findings, key=lambda f: f.sort_key()) if SEVERITY_RANK[f.severity] >= threshold]
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(failing))), failures=str(len(failing)))
        total_failures += len(failing)
        if not failing:
            ET.SubElement(suite, "testcase", name="tadqiq", classname=path)
        for f in failing:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path)
            failure = ET.SubElement(case, "failure", message=f.message_en, type=f.severity)
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.rule}\n{f.message}\n{f.message_en}\n«{f.excerpt}»"
    root.set("tests", str(sum(int(s.get("tests")) for s in root)))
    root.set("failures", str(total_failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
