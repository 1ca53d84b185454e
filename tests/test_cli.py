"""The CLI as a user runs it: exit codes, one-line errors, the JSON contract, selection."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

from qa.cli import main


def run(*args, stdin=None, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "qa", *args], capture_output=True, text=True, input=stdin,
                          cwd=cwd, env=env, encoding="utf-8")


def json_of(capsys, *args):
    code = main(["check", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_seeds_report_typography_with_arabic_messages_and_exit_1():
    proc = run("check", "seeds/")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    comma_lines = {int(l.split(":")[1]) for l in lines
                   if l.startswith("seeds/004_33040a4e03eb0d12.txt:") and "typography/space-before-punct" in l}
    assert {1, 4, 5, 6, 8, 11, 12, 13, 15} <= comma_lines
    assert any(l.startswith("seeds/004_33040a4e03eb0d12.txt:1:") and "اسطنبول" in l and "missing-hamza" in l for l in lines)
    assert "مسافة قبل علامة الترقيم" in proc.stdout
    assert lines[-3].split()[1].startswith("finding") and lines[-2].endswith("fixable with `--fix`.") and "as of today" in lines[-1]


def test_text_lines_are_sorted_by_path_line_column():
    proc = run("check", "seeds/")
    keys = []
    for line in [l for l in proc.stdout.splitlines() if l.count(":") >= 3]:  # not the summary
        path, ln, col, _ = line.split(":", 3)
        keys.append((path, int(ln), int(col)))
    assert keys == sorted(keys)


def test_json_contract_is_pinned(capsys):
    code, data = json_of(capsys, str(SEEDS))
    assert code == 1
    assert set(data) == {"tool", "findings", "documents", "summary"}
    assert data["tool"] == {"name": "tadqiq", "version": data["tool"]["version"]}
    assert set(data["summary"]) >= {"files", "findings", "by_pack"}
    assert data["summary"]["files"] == 5
    assert data["summary"]["findings"] == len(data["findings"])
    assert sum(data["summary"]["by_pack"].values()) == len(data["findings"])
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "pack", "severity", "message",
            "message_en", "excerpt", "fix", "related"}
    assert data["findings"]
    for f in data["findings"]:
        assert set(f) == keys
        assert f["severity"] in ("error", "warning", "info")
        assert f["rule"].startswith(f["pack"] + "/")
        assert f["pack"] in ("typography", "mt-debris", "boilerplate", "factual-drift", "consistency", "readability")
        assert f["fix"] is None or set(f["fix"]) == {"replacement"}
        assert isinstance(f["line"], int) and f["line"] >= 1 and f["column"] >= 1


def test_json_positions_point_at_the_excerpt(capsys):
    _, data = json_of(capsys, str(SEEDS))
    for f in data["findings"]:
        lines = open(f["path"], encoding="utf-8").read().splitlines()
        if f["line"] == f["end_line"]:
            assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == f["excerpt"]


def test_paths_are_reported_as_given(capsys):
    _, data = json_of(capsys, str(SEEDS / "004_33040a4e03eb0d12.txt"))
    assert {f["path"] for f in data["findings"]} == {str(SEEDS / "004_33040a4e03eb0d12.txt")}


def test_clean_text_exits_0():
    proc = run("check", "-", stdin="قال الوزير إن الاجتماع كان مثمرًا.\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings in 1 file" in proc.stdout


def test_info_only_exits_0_unless_fail_on_info():
    text = "قال الوزير  إن الاجتماع كان مثمرًا.\n"
    assert run("check", "-", stdin=text).returncode == 0
    assert run("check", "-", "--fail-on", "info", stdin=text).returncode == 1


def test_stdin_path_is_dash(capsys, monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("في اسطنبول".encode())))
    code, data = json_of(capsys, "-")
    assert code == 1 and data["findings"][0]["path"] == "-"


@pytest.mark.parametrize("content, problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary file"),
    (b"\xd9\x82\xd8\xa7\xd9\x84 \xff\xfe", "invalid UTF-8"),
    ("قال الوزير إن الاجتماع مهم جدا".encode("cp1256"), "cp1256"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = run("check", str(bad))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1 and str(bad) in errors[0] and problem in errors[0]


def test_missing_path_is_one_line_and_the_rest_still_run(tmp_path):
    proc = run("check", str(tmp_path / "nope.txt"), "seeds/004_33040a4e03eb0d12.txt")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"qa: error: {tmp_path / 'nope.txt'}: no such file or directory"
    assert "seeds/004_33040a4e03eb0d12.txt:1:" in proc.stdout


def test_encoding_flag_reads_cp1256(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes("في اسطنبول".encode("cp1256"))
    proc = run("check", str(f), "--encoding", "cp1256")
    assert proc.returncode == 1 and "missing-hamza" in proc.stdout


def test_empty_file_and_bom_and_crlf(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "سطر\r\nفي اسطنبول\r\n".encode())
    code, data = json_of(capsys, str(tmp_path))
    assert code == 1 and data["summary"]["files"] == 2
    [f] = data["findings"]
    assert (f["line"], f["column"], f["end_column"]) == (2, 4, 11)


def test_directories_walk_txt_and_md_sorted(tmp_path, capsys):
    (tmp_path / "b.md").write_text("في اسطنبول", encoding="utf-8")
    (tmp_path / "a.txt").write_text("في اسطنبول", encoding="utf-8")
    (tmp_path / "c.html").write_text("في اسطنبول", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("في اسطنبول", encoding="utf-8")
    _, data = json_of(capsys, str(tmp_path))
    assert [f["path"].rsplit("/", 1)[1] for f in data["findings"]] == ["a.txt", "b.md"]


def test_select_and_ignore(capsys):
    _, data = json_of(capsys, str(SEEDS), "--select", "typography/missing-hamza")
    assert {f["rule"] for f in data["findings"]} == {"typography/missing-hamza"}
    _, data = json_of(capsys, str(SEEDS), "--ignore", "typography/missing-hamza,typography/space-before-punct")
    assert not {f["rule"] for f in data["findings"]} & {"typography/missing-hamza", "typography/space-before-punct"}
    _, data = json_of(capsys, str(SEEDS), "--select", "typography")
    assert {f["pack"] for f in data["findings"]} == {"typography"}


def test_unknown_select_id_is_a_usage_error():
    proc = run("check", "seeds/", "--select", "typografy")
    assert proc.returncode == 2 and "unknown rule or pack id 'typografy'" in proc.stderr


def test_bad_date_is_a_usage_error():
    proc = run("check", "seeds/", "--date", "2025-13-01")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr and "Traceback" not in proc.stderr


def test_output_file_is_written(tmp_path):
    out = tmp_path / "r.json"
    proc = run("check", "seeds/", "--format", "json", "--output", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 5


def test_version_rules_explain():
    assert run("--version").stdout.startswith("tadqiq ")
    listing = run("rules").stdout
    assert "typography/missing-hamza" in listing and "typography/bidi-control" in listing
    explained = run("explain", "typography/missing-hamza")
    assert explained.returncode == 0
    assert "همزة ناقصة" in explained.stdout and "Missing hamza" in explained.stdout and "✗" in explained.stdout
    assert run("explain", "typography/nope").returncode == 2


def test_invisible_characters_are_shown_in_text_output():
    proc = run("check", "-", stdin="قال الوزير\u202e إن\n")
    assert "\u202e" not in proc.stdout and "U+202E" in proc.stdout


def test_no_colour_when_piped():
    assert "\033[" not in run("check", "seeds/").stdout
