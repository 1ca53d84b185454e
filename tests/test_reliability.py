"""Fresh machines, safe files, a service that stays up: each defect found by using tadqiq as a new
user and then as an attacker would, pinned by a test that failed before its fix."""

import codecs
import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import random
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, SEEDS

from qa.cli import main

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# A doubled space (a safe fix) and a missing hamza (another): a text that --fix changes.
FIXABLE = "قال الوزير في  المدينة إن الاجتماع كان مثمرًا.\n"
FIXED = "قال الوزير في المدينة إن الاجتماع كان مثمرًا.\n"


def run_qa(*args, stdin_bytes=None):
    """Run the CLI in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# --- 1. -o PATH writes through devices and symlinks ------------------------------------------------

def test_output_to_a_fifo_writes_through_and_keeps_the_fifo(tmp_path):
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run_qa("check", str(SEEDS / "004_33040a4e03eb0d12.txt"), "--no-config", "-o", str(fifo))
    reader.join(30)
    assert code == 1, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"typography/space-before-punct" in received[0]


@pytest.mark.skipif(not IS_ROOT, reason="making a character device needs root")
def test_output_to_a_character_device_keeps_the_device(tmp_path):
    # A private copy of /dev/null: the defect turned the real one into a regular file.
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    code, _, err = run_qa("check", str(SEEDS / "004_33040a4e03eb0d12.txt"), "--no-config", "-o", str(null))
    assert code == 1, err
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "latest.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    run_qa("check", str(SEEDS / "004_33040a4e03eb0d12.txt"), "--no-config", "--format", "json", "-o", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["findings"]


def test_output_to_a_new_regular_file_is_still_atomic_and_readable(tmp_path):
    out = tmp_path / "new.txt"
    run_qa("check", str(SEEDS / "004_33040a4e03eb0d12.txt"), "--no-config", "-o", str(out))
    assert stat.S_ISREG(os.stat(out).st_mode) and out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".qa-")]


# --- 2. binary data behind a UTF-16 byte-order mark ------------------------------------------------

def test_random_bytes_after_a_utf16_bom_are_binary_and_never_fixed(tmp_path):
    from qa.document import InputError, decode

    # Random code units, surrogates left out so that every one of them decodes: random binary
    # data that happens to start with FF FE, at its most text-like.
    rng = random.Random(7)
    units = [u for u in (rng.randrange(0x10000) for _ in range(3000)) if not 0xD800 <= u < 0xE000][:2000]
    data = codecs.BOM_UTF16_LE + b"".join(u.to_bytes(2, "little") for u in units)
    data.decode("utf-16")
    with pytest.raises(InputError, match="binary"):
        decode(data)
    blob = tmp_path / "blob.txt"
    blob.write_bytes(data)
    code, out, err = run_qa("check", str(blob), "--no-config", "--fix")
    assert code == 2 and "binary" in err and len(err.strip().splitlines()) == 1
    assert blob.read_bytes() == data


def test_utf16_text_in_both_byte_orders_still_decodes():
    from qa.document import decode

    text = "قال الوزير\tإن الاجتماع «مثمر».\n"
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == (text, "utf-16-be+bom")
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == (text, "utf-16-le+bom")


# --- 3 and 4. --fix safety ---------------------------------------------------------------------------

def _fix(path, *extra):
    return run_qa("check", str(path), "--no-config", "--select", "typography/double-space", "--fix", *extra)


def test_fix_refuses_a_file_without_write_bits_even_as_root(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(FIXABLE, encoding="utf-8")
    article.chmod(0o444)
    code, _, err = _fix(article)
    assert code == 2 and "read-only" in err
    assert article.read_text(encoding="utf-8") == FIXABLE


def test_fix_fixes_a_symlinks_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "articles" / "a.txt"
    target.parent.mkdir()
    target.write_text(FIXABLE, encoding="utf-8")
    link = tmp_path / "a.txt"
    link.symlink_to(target)
    code, _, err = _fix(link)
    assert code == 0, err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_the_mode(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(FIXABLE, encoding="utf-8")
    article.chmod(0o640)
    _fix(article)
    assert article.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(os.stat(article).st_mode) == 0o640


@pytest.mark.skipif(not IS_ROOT, reason="giving a file to another owner needs root")
def test_fix_keeps_the_owner_when_run_as_root(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(FIXABLE, encoding="utf-8")
    os.chown(article, 12345, 23456)
    _fix(article)
    assert article.read_text(encoding="utf-8") == FIXED
    assert (os.stat(article).st_uid, os.stat(article).st_gid) == (12345, 23456)


def test_fix_keeps_other_hard_links(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(FIXABLE, encoding="utf-8")
    other = tmp_path / "b.txt"
    os.link(article, other)
    _fix(article)
    assert other.read_text(encoding="utf-8") == FIXED
    assert os.stat(article).st_ino == os.stat(other).st_ino


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_fix_keeps_utf16_byte_order_and_bom(tmp_path, bom, codec):
    article = tmp_path / "a.txt"
    article.write_bytes(bom + FIXABLE.encode(codec))
    code, _, err = _fix(article)
    assert code == 0, err
    assert article.read_bytes() == bom + FIXED.encode(codec)


B8, BE, LE = codecs.BOM_UTF8, codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE


@pytest.mark.parametrize("encoding, bom, codec", [
    ("utf-8", B8, "utf-8"), ("utf-8", b"", "utf-8"), ("utf-8-sig", b"", "utf-8"), ("utf-8-sig", B8, "utf-8"),
    ("utf-16", BE, "utf-16-be"), ("utf-16", LE, "utf-16-le"), ("utf-16-be", b"", "utf-16-be"),
    ("utf-16-be", BE, "utf-16-be"), ("utf-16-le", LE, "utf-16-le"),
])
def test_fix_with_a_named_encoding_keeps_the_bom_as_the_input_had_it(tmp_path, encoding, bom, codec):
    article = tmp_path / "a.txt"
    article.write_bytes(bom + FIXABLE.encode(codec))
    code, _, err = _fix(article, "--encoding", encoding)
    assert code == 0, err
    assert article.read_bytes() == bom + FIXED.encode(codec)


def test_an_unencodable_fix_is_skipped_with_one_line_and_the_run_goes_on(tmp_path):
    # &#8362; becomes ₪, which Windows-1256 cannot encode.
    first = tmp_path / "a.txt"
    first.write_bytes("قال الوزير &#8362; في المدينة.\n".encode("cp1256"))
    second = tmp_path / "b.txt"
    second.write_bytes(FIXABLE.encode("cp1256"))
    code, out, err = run_qa("check", str(first), str(second), "--no-config", "--encoding", "cp1256", "--fix")
    assert code == 2
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("qa: error:")]
    assert len(errors) == 1 and "U+20AA" in errors[0] and "cp1256" in errors[0]
    assert first.read_bytes() == "قال الوزير &#8362; في المدينة.\n".encode("cp1256")
    assert second.read_bytes() == FIXED.encode("cp1256")


# --- 5. one time budget for every regex of a rule ---------------------------------------------------

RUNAWAY_PACK = """pack: house
description: A rule whose exceptions pattern backtracks for ever.
rules:
  - id: house/runaway
    kind: pattern
    severity: warning
    description: Catastrophic exceptions.
    message_ar: "«{match}»"
    message_en: "«{match}»"
    pattern: 'a+'
    exceptions_pattern: '(a|aa)+b'
    examples:
      fire:
        - text: "a"
      pass:
        - "ب"
"""


def _runaway(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "house.yaml").write_text(RUNAWAY_PACK, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("قال " + "a" * 64 + "\n", encoding="utf-8")
    return rules, article


def test_a_runaway_exceptions_pattern_is_stopped_by_the_rules_budget(tmp_path):
    rules, article = _runaway(tmp_path)
    code = ("import qa.kinds._util as u; u.MATCH_TIMEOUT = 0.5; from qa.cli import main; "
            f"raise SystemExit(main(['check', {str(article)!r}, '--rules', {str(rules)!r}, '--no-config', "
            "'--select', 'house']))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TADQIQ_NO_CACHE": "1"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "house/runaway timed out" in proc.stderr


def _in_thread(function, seconds):
    """function's result, or a failure if it has not returned in time (a hung check)."""
    box = []
    thread = threading.Thread(target=lambda: box.append(function()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert box, f"no answer within {seconds} s"
    return box[0]


def test_a_runaway_exceptions_pattern_does_not_hang_the_service(tmp_path, monkeypatch):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from qa.serve import Settings, create_app

    rules, article = _runaway(tmp_path)
    monkeypatch.setenv("TADQIQ_NO_CACHE", "1")
    client = TestClient(create_app(Settings(rules_dirs=(str(rules),), select=("house",), time_budget=1.0)))
    response = _in_thread(lambda: client.post("/api/v1/check", json={"text": article.read_text(encoding="utf-8")}), 60)
    assert response.status_code in (200, 503)
    if response.status_code == 200:
        assert any("timed out" in e for e in response.json()["errors"])
    assert client.get("/healthz").status_code == 200


def test_healthz_fails_while_a_worker_is_stuck(monkeypatch):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from qa.engine import Engine
    from qa.serve import Settings, create_app

    release = threading.Event()
    real = Engine.check_document

    def stuck(self, doc, rules=None, deadline=None):
        release.wait(30)
        return real(self, doc, rules=rules)

    monkeypatch.setattr(Engine, "check_document", stuck)
    with TestClient(create_app(Settings(time_budget=0.2))) as client:
        assert client.get("/healthz").status_code == 200
        pending = threading.Thread(target=lambda: client.post("/api/v1/check", json={"text": "نص"}), daemon=True)
        pending.start()
        try:
            import time

            time.sleep(1.0)
            health = client.get("/healthz")
            assert health.status_code == 503 and health.json()["status"] == "stuck"
        finally:
            release.set()
            pending.join(30)
        assert client.get("/healthz").status_code == 200


# --- 6. JUnit XML with control characters ----------------------------------------------------------

def test_junit_escapes_characters_xml_cannot_carry():
    from qa.engine import RunResult
    from qa.findings import Finding
    from qa.report import render

    finding = Finding(path="a\x0bb.txt", start=0, end=1, line=1, column=1, end_line=1, end_column=2,
                      rule="typography/invisible", pack="typography", severity="warning",
                      message="رسالة \x0b", message_en="message \x1b[31m", excerpt="\x0b\x00\ufffe", fix=None)
    from qa.document import Document

    xml = render("junit", RunResult([finding], [], [Document("", path="a\x0bb.txt")]), [])
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.get("failures") == "1"
    assert "<U+000B>" in root.find(".//failure").text


# --- 7. the service's bad requests ------------------------------------------------------------------

@pytest.fixture(scope="module")
def service():
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from qa.serve import Settings, create_app

    return TestClient(create_app(Settings()))


@pytest.mark.parametrize("body, words", [
    ('{"text": "\\ud800 نص"}', "surrogate"),
    ('{"text": "نص", "select": ["\\udfff"]}', "surrogate"),
    ('{"text": "نص", "date": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested"),
])
def test_native_api_answers_400_for_unusable_json(service, body, words):
    response = service.post("/api/v1/check", content=body.encode("utf-8"), headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert words in response.json()["error"]["message"]


def test_languagetool_data_answers_400_for_unusable_json(service):
    for data in ('{"annotation": [{"text": "\\ud800"}]}', "[" * 100_000 + "]" * 100_000):
        response = service.post("/v2/check", data={"language": "ar", "data": data})
        assert response.status_code == 400, response.text


# --- 10. the Python API ---------------------------------------------------------------------------

def test_check_text_takes_a_date_or_an_iso_string_and_refuses_anything_else():
    from qa import check_text

    text = "قال الرئيس الأميركي السابق دونالد ترمب إن الاجتماع مهم.\n"
    as_date = [f.rule for f in check_text(text, date=dt.date(2025, 3, 1))]
    assert "factual-drift/former-on-sitting" in as_date
    assert [f.rule for f in check_text(text, date="2025-03-01")] == as_date
    assert [f.rule for f in check_text(text, date=dt.datetime(2025, 3, 1, 12, 0))] == as_date
    for bad in ("garbage", "2025-13-01", 20250301, ["2025-03-01"]):
        with pytest.raises(ValueError):
            check_text(text, date=bad)


def test_the_api_is_typed_and_ships_py_typed():
    import inspect
    import typing

    import qa
    from qa import check_paths, check_text

    assert (ROOT / "qa" / "py.typed").exists()
    hints = typing.get_type_hints(check_text)
    assert dt.date in typing.get_args(hints["date"]) and str in typing.get_args(hints["date"])
    assert hints["return"] == list[qa.Finding]
    assert typing.get_type_hints(check_paths)["return"].__name__ == "RunResult"
    assert all(p.annotation is not inspect.Parameter.empty for p in inspect.signature(check_text).parameters.values())
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"qa" = ["py.typed"]' in pyproject


def test_the_readme_python_api_example_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Python API", 1)[1].split("\n## ", 1)[0]
    blocks = [block.split("```", 1)[0] for block in section.split("```python\n")[1:]]
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip()


# --- 11. dependencies and licence -----------------------------------------------------------------

IMPORT_NAMES = {"regex": "regex", "pyarabic": "pyarabic", "PyYAML": "yaml", "wordfreq": "wordfreq",
                "Jinja2": "jinja2", "pyahocorasick": "ahocorasick", "marisa-trie": "marisa_trie",
                "qalsadi": "qalsadi"}


def _pyproject():
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _imported_by_the_package() -> set:
    import ast

    names = set()
    for path in (ROOT / "qa").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_every_runtime_dependency_is_imported_and_textstat_is_only_for_tests():
    import re

    declared = [re.split(r"[<>=!~ \[]", d, maxsplit=1)[0] for d in _pyproject()["project"]["dependencies"]]
    assert set(declared) == set(IMPORT_NAMES), "a new runtime dependency: add its import name here"
    imported = _imported_by_the_package()
    assert {IMPORT_NAMES[d] for d in declared} <= imported
    assert "textstat" not in imported
    assert any(d.startswith("textstat") for d in _pyproject()["project"]["optional-dependencies"]["test"])


def test_pyarabic_serves_the_mark_tables():
    from pyarabic import araby

    from qa.arabic import DIACRITICS, TATWEEL, strip_marks

    assert TATWEEL == araby.TATWEEL and set(DIACRITICS) == set(araby.DIACRITICS)
    assert strip_marks("العَرَبِيّـــةُ") == "العربية"


def test_the_licence_is_the_gpl_and_the_readme_names_every_dependencys_licence():
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text(encoding="utf-8")[:200]
    assert _pyproject()["project"]["license"] == "GPL-3.0-or-later"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Licence", 1)[1].split("\n## ", 1)[0]
    extras = _pyproject()["project"]["optional-dependencies"]
    for name in [*IMPORT_NAMES, "starlette", "uvicorn", "datatrove", "orjson", "numpy"]:
        assert f"`{name}`" in section, name
    assert "CC BY-SA 4.0" in section
    assert {"serve", "datatrove"} <= set(extras)


# --- 8. the file walk -------------------------------------------------------------------------------

def run_cli(*args, cwd=ROOT, timeout=120):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "qa", *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout, encoding="utf-8")


def test_a_fifo_in_a_walked_directory_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(FIXABLE, encoding="utf-8")
    os.mkfifo(tmp_path / "feed.txt")
    proc = run_cli("check", str(tmp_path), "--no-config", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert f"qa: warning: {tmp_path / 'feed.txt'}: a FIFO, not a regular file; skipped" in proc.stderr
    assert "1 file" in proc.stdout


def test_a_symlink_loop_is_reported_as_one(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    code, _, err = run_qa("check", str(loop), "--no-config")
    assert code == 2 and err.strip() == f"qa: error: {loop}: symlink loop (too many levels of symbolic links)"
    inside = tmp_path / "desk"
    inside.mkdir()
    (inside / "x.txt").symlink_to(inside / "x.txt")
    code, _, err = run_qa("check", str(inside), "--no-config")
    assert code == 2 and "x.txt: symlink loop" in err


def test_a_broken_symlink_says_so(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "moved.txt")
    code, _, err = run_qa("check", str(link), "--no-config")
    assert code == 2 and "broken symlink" in err


def test_a_directory_without_text_files_warns_and_exits_0(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    code, out, err = run_qa("check", str(tmp_path), "--no-config")
    assert code == 0
    assert err.strip() == f"qa: warning: {tmp_path}: no .txt or .md files in this directory"
    assert "No findings in 0 files." in out


def test_a_closed_pipe_exits_as_the_findings_say(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reader = subprocess.Popen([sys.executable, "-m", "qa", "check", str(SEEDS), "--no-config"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # as `| head` does once it has its lines
    _, err = reader.communicate(timeout=120)
    assert reader.returncode == 1, err
    assert b"Traceback" not in err and b"BrokenPipe" not in err


# --- unexpected errors and bad options ----------------------------------------------------------------

def test_an_unexpected_exception_is_one_line_and_exit_2(monkeypatch):
    import qa.run

    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(qa.run, "run_check", broken)
    code, _, err = run_qa("check", str(SEEDS), "--no-config")
    assert code == 2
    assert err.strip().splitlines() == ["qa: error: internal error: KeyError: 'oops' (run again with --debug for "
                                        "the traceback, and please report it)"]
    for args in (["check", str(SEEDS), "--no-config", "--debug"], ["--debug", "check", str(SEEDS), "--no-config"]):
        code, _, err = run_qa(*args)
        assert code == 2 and "Traceback" in err and "KeyError" in err


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http"])
def test_a_bad_port_is_one_line_and_exit_2(port):
    pytest.importorskip("uvicorn")
    proc = run_cli("serve", "--port", port, "--no-config", timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"qa: error: --port must be a number from 1 to 65535, got {port!r}"]


def test_a_busy_port_is_one_line_and_exit_2():
    pytest.importorskip("uvicorn")
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run_cli("serve", "--port", str(port), "--no-config", timeout=60)
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith(f"qa: error: cannot listen on 127.0.0.1:{port}: ")


# --- 9. glue ----------------------------------------------------------------------------------------

def test_junit_honours_fail_on():
    seed = str(SEEDS / "004_33040a4e03eb0d12.txt")
    code, out, _ = run_qa("check", seed, "--no-config", "--format", "junit", "--fail-on", "error")
    assert code == 0
    assert ET.fromstring(out.encode("utf-8")).get("failures") == "0"
    code, out, _ = run_qa("check", seed, "--no-config", "--format", "junit")
    assert code == 1 and int(ET.fromstring(out.encode("utf-8")).get("failures")) > 0


def test_fix_with_a_baseline_neither_reports_nor_fixes_recorded_findings(tmp_path):
    article = tmp_path / "a.txt"
    old_line = "قال الوزير في  المدينة إن الاجتماع كان مثمرًا.\n"
    article.write_text(old_line, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    select = ("--select", "typography/double-space", "--no-config")
    assert run_qa("baseline", str(article), "-o", str(baseline), *select)[0] == 0
    new_line = "وصل الوفد  أمس إلى العاصمة.\n"
    article.write_text(old_line + new_line, encoding="utf-8")
    code, out, err = run_qa("check", str(article), "--fix", "--baseline", str(baseline), "--format", "json", *select)
    assert code == 0, err
    assert article.read_text(encoding="utf-8") == old_line + "وصل الوفد أمس إلى العاصمة.\n"
    assert json.loads(out)["findings"] == []


def test_an_override_that_selects_keeps_the_global_ignore(tmp_path):
    (tmp_path / "qa.toml").write_text('ignore = ["typography/space-before-punct"]\n'
                                      '[[overrides]]\npaths = ["desk/*"]\nselect = ["typography"]\n', encoding="utf-8")
    (tmp_path / "desk").mkdir()
    shutil_copy = (SEEDS / "004_33040a4e03eb0d12.txt").read_bytes()
    (tmp_path / "desk" / "a.txt").write_bytes(shutil_copy)
    proc = run_cli("check", "desk/a.txt", cwd=tmp_path)
    assert "typography/missing-hamza" in proc.stdout
    assert "typography/space-before-punct" not in proc.stdout
    assert "mt-debris" not in proc.stdout


def test_unknown_and_unused_suppressions_are_warned(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("قال الوزير في في المدينة [qa-ignore typografy/doubled-word]\n"
                       "<!-- qa-ignore typography/doubled-word -->\n"
                       "وصل الوفد أمس.\n"
                       "قال الوزير في في المدينة <!-- qa-ignore typography/doubled-word -->\n"
                       "[qa-ignore mt-debris/calque] وصل الوفد أمس.\n", encoding="utf-8")
    code, out, err = run_qa("check", str(article), "--no-config", "--select", "typography")
    warnings = [line for line in err.splitlines() if line.startswith("qa: warning:")]
    assert warnings == [
        f"qa: warning: {article}:1:26: qa-ignore names unknown rule or pack 'typografy/doubled-word' (see 'qa rules')",
        f"qa: warning: {article}:2:1: unused qa-ignore: no finding of typography/doubled-word here to silence",
    ]
    # The misspelt marker silenced nothing; the good one on line 4 did; a marker naming a rule
    # this run did not select (line 5) is not called unused. Warnings leave the exit code alone.
    assert [line.split(":")[1] for line in out.splitlines()[:-1] if "doubled-word" in line] == ["1"]
    assert code == 1


def test_an_unknown_id_in_pyproject_is_reported_as_the_files(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.qa]\nignore = ["typografy"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(FIXABLE, encoding="utf-8")
    proc = run_cli("check", "a.txt", "--ignore", "mt-debris", cwd=tmp_path)
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert "pyproject.toml" in line and "ignore" in line and "'typografy'" in line and "--ignore" not in line


def test_after_a_refused_fix_the_report_describes_the_file_on_disk(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(FIXABLE, encoding="utf-8")
    article.chmod(0o444)
    code, out, err = run_qa("check", str(article), "--no-config", "--select", "typography/double-space", "--fix",
                        "--format", "json")
    assert code == 2 and "read-only" in err
    report = json.loads(out)
    assert [f["rule"] for f in report["findings"]] == ["typography/double-space"]
    from qa.document import Document
    from qa.stats import document_stats

    assert report["documents"][0]["stats"] == document_stats(Document(FIXABLE)).to_dict()
