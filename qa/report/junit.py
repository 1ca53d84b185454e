"""JUnit XML for CI systems without SARIF: a test suite per file, a failed test case per finding at
or above the fail level, and one passing case for a clean file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import regex

from ..findings import SEVERITY_RANK

# Characters XML 1.0 cannot carry, escaped or not (Word's vertical tab \v, other C0 controls, lone
# surrogates, U+FFFE/U+FFFF). ElementTree writes them as they are, and every parser then rejects
# the whole report; they are shown as <U+000B> instead.
_NOT_XML = regex.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def render(result, rules, tty: bool = False, fail_on: str = "warning") -> str:
    threshold = SEVERITY_RANK[fail_on]
    by_path = {d.path: [] for d in result.documents}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    root = ET.Element("testsuites", name="tadqiq")
    total_failures = 0
    for path, findings in sorted(by_path.items()):
        failing = [f for f in sorted(findings, key=lambda f: f.sort_key()) if SEVERITY_RANK[f.severity] >= threshold]
        path = _xml(path)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(failing))), failures=str(len(failing)))
        total_failures += len(failing)
        if not failing:
            ET.SubElement(suite, "testcase", name="tadqiq", classname=path)
        for f in failing:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path)
            failure = ET.SubElement(case, "failure", message=_xml(f.message_en), type=f.severity)
            failure.text = _xml(f"{f.path}:{f.line}:{f.column}: {f.rule}\n{f.message}\n{f.message_en}\n«{f.excerpt}»")
    root.set("tests", str(sum(int(s.get("tests")) for s in root)))
    root.set("failures", str(total_failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
