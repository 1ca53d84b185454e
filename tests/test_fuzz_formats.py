"""Fuzzing every output format: random bytes, random Unicode, UTF-16 garbage and control characters
checked through the CLI in text, json, sarif, github, junit and html give no traceback, output that
parses, and, with --fix, no change outside a fix span."""

import codecs
import contextlib
import html.parser
import io
import json
import xml.etree.ElementTree as ET

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.cli import main

FORMATS = ["text", "json", "sarif", "github", "junit", "html"]
CONTROLS = [chr(c) for c in (*range(0, 32), 0x7F, 0x85, 0x9B, 0x2028, 0x2029, 0x202E, 0x200F, 0xFEFF, 0xFFFE, 0xFFFF)]
# Pieces that make rules fire and offer fixes, so that --fix has something to do.
FIXABLE = ["  ", " ،", "،", "&amp;", "&#8362;", "ﻻ", "ک", "ـ", "اسطنبول", "في في", "١2", "«", "»", "\u200b", "Keçeli"]
WORDS = ["قال", "الوزير", "في", "المدينة", "اليوم", " ", "\n", "\r\n", "\r", ".", "؟"]
UNICODE = st.lists(st.sampled_from(WORDS + FIXABLE + CONTROLS) | st.characters(), max_size=50).map("".join)
CONTROL_TEXT = st.lists(st.sampled_from(WORDS + CONTROLS), max_size=50).map("".join)
UTF16_GARBAGE = st.tuples(st.sampled_from([codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]),
                          st.lists(st.integers(0, 0xFFFF), max_size=60)).map(
    lambda p: p[0] + b"".join(u.to_bytes(2, "little" if p[0] == codecs.BOM_UTF16_LE else "big") for u in p[1]))


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass")


INPUTS = st.one_of(
    st.binary(max_size=200),
    UTF16_GARBAGE,
    st.tuples(UNICODE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])).map(lambda p: encoded(*p)),
    CONTROL_TEXT.map(lambda t: t.encode("utf-8", errors="surrogatepass")),
)


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path), "--no-config", "--date", "2025-03-01", *args])
    return code, out.getvalue(), err.getvalue()


_TEXT_LINE = regex.compile(r"^.+:\d+:\d+: (?:error|warning|info) [a-z-]+/[a-z0-9-]+ ")
_GITHUB_LINE = regex.compile(r"^::(?:error|warning|notice) file=[^,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::")
_NOT_XML = regex.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_HTML = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\p{Noncharacter_Code_Point}\p{Cs}]")


def assert_valid(fmt: str, out: str, code: int):
    if fmt == "text":
        every = out.splitlines()
        lines = [line for line in every if _TEXT_LINE.match(line)]
        summary = every[len(lines):]  # the totals, then the `--fix` count and the undated files
        assert every[:len(lines)] == lines, every
        assert summary[0].startswith(("No findings", f"{len(lines)} finding"))
        assert all(line.endswith(("fixable with `--fix`.", "checked as of today.")) for line in summary[1:]), summary
    elif fmt == "json":
        report = json.loads(out)
        assert report["summary"]["findings"] == len(report["findings"])
    elif fmt == "sarif":
        assert json.loads(out)["version"] == "2.1.0"
    elif fmt == "github":
        assert all(_GITHUB_LINE.match(line) for line in out.splitlines()), out
    elif fmt == "junit":
        assert not _NOT_XML.search(out)
        ET.fromstring(out.encode("utf-8"))
    elif fmt == "html":
        assert not _NOT_HTML.search(out)
        parser = html.parser.HTMLParser()
        parser.feed(out)
        parser.close()
        assert out.rstrip().endswith("</html>")


def assert_clean_exit(code: int, err: str):
    assert code in (0, 1, 2), code
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.startswith(("qa: error: ", "qa: warning: ", "fixed ")), line


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@FUZZ
@given(INPUTS)
def test_every_format_survives_anything(tmp_path, data):
    target = tmp_path / "fuzz.txt"
    target.write_bytes(data)
    for fmt in FORMATS:
        code, out, err = run(target, "--format", fmt)
        assert_clean_exit(code, err)
        assert_valid(fmt, out, code)
    assert target.read_bytes() == data


def _changes_within(old: str, new: str, applied) -> bool:
    # Walk the applied fixes in order: every stretch of the old text between two fix spans must
    # reappear unchanged at its shifted place in the new text. (A difflib diff is ambiguous where
    # the deleted character has equal neighbours, and once reported a change outside any span.)
    at_old = at_new = 0
    for f in sorted(applied, key=lambda f: (f.start, f.end)):
        gap = old[at_old:f.start]
        if new[at_new:at_new + len(gap)] != gap:
            return False
        at_new += len(gap)
        if new[at_new:at_new + len(f.fix)] != f.fix:
            return False
        at_new += len(f.fix)
        at_old = f.end
    return new[at_new:] == old[at_old:]


@FUZZ
@given(INPUTS)
def test_fix_changes_nothing_outside_a_fix_span(tmp_path, data):
    from qa.config import Config
    from qa.document import InputError, decode
    from qa.engine import get_engine, make_document
    from qa.fixes import apply_fixes, encode_like

    target = tmp_path / "fuzz.txt"
    target.write_bytes(data)
    code, out, err = run(target, "--fix", "--format", "json")
    assert_clean_exit(code, err)
    assert_valid("json", out, code)
    try:
        text, encoding = decode(data)
    except InputError:
        assert target.read_bytes() == data  # never "fixed" what could not be read
        return
    # Replay the fix rounds: each round changes only the spans of the fixes it applies.
    config = Config(date="2025-03-01")
    engine = get_engine(config)
    for _ in range(5):
        findings = engine.check_document(make_document(text, str(target), config))
        new, applied = apply_fixes(text, findings)
        if not applied or new == text:
            break
        assert _changes_within(text, new, applied), (text, new)
        text = new
    # The file is either untouched (nothing to fix, or the fix was refused with an error line) or
    # exactly the fixed text in the file's own encoding, byte order and BOM.
    written = target.read_bytes()
    assert written == data or written == encode_like(text, encoding)
    if written == data and text != decode(data)[0]:
        assert "qa: error:" in err
