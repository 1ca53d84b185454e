"""Living with findings: configuration, inline suppression, baselines, safe fixes and pre-commit."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS
from test_cli import run

ARTICLE = "عنوان الخبر\n\nيلتقي الدبلوماسيون في اسطنبول ، مع أوكرانيا خارج جدول الأعمال.\nوقال الوزير إن الاجتماع مهم.\n"


def rules_in(proc):
    return [line.split()[2] for line in proc.stdout.splitlines() if line.count(":") >= 3]  # not the summary


# --- configuration ---------------------------------------------------------------------------------

def test_pyproject_config_is_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.qa]\nignore = ["typography/space-before-punct"]\n'
                                             '[tool.qa.severity]\n"typography/missing-hamza" = "error"\n', encoding="utf-8")
    sub = tmp_path / "desk" / "today"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run("check", "a.txt", cwd=sub)
    assert "typography/space-before-punct" not in proc.stdout
    assert "error typography/missing-hamza" in proc.stdout


def test_qa_toml_select_fail_on_and_per_path_overrides(tmp_path):
    (tmp_path / "qa.toml").write_text(
        'select = ["typography"]\nfail-on = "error"\n'
        '[[overrides]]\npaths = ["archive/*"]\nignore = ["typography/missing-hamza"]\n', encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "new.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run("check", "new.txt", "archive/old.txt", cwd=tmp_path)
    assert proc.returncode == 0  # only warnings, and fail-on is error
    new = [l for l in proc.stdout.splitlines() if l.startswith("new.txt")]
    old = [l for l in proc.stdout.splitlines() if l.startswith("archive/old.txt")]
    assert any("missing-hamza" in l for l in new) and not any("missing-hamza" in l for l in old)
    assert all(" typography/" in l for l in new + old)


def test_unknown_config_key_is_an_error(tmp_path):
    (tmp_path / "qa.toml").write_text('selct = ["typography"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown key 'selct'" in proc.stderr and "Traceback" not in proc.stderr


def test_house_style_from_config(tmp_path):
    (tmp_path / "house.yaml").write_text("entries:\n  - {prefer: ترمب, variants: [ترامب]}\n", encoding="utf-8")
    (tmp_path / "qa.toml").write_text('house-style = "house.yaml"\nselect = ["consistency/variant-spelling"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("قال ترامب إن الحل قريب. وأكد ترامب ذلك، ثم غادر ترمب.\n", encoding="utf-8")
    proc = run("check", "a.txt", "--format", "json", cwd=tmp_path)
    fixes = {f["excerpt"]: f["fix"]["replacement"] for f in json.loads(proc.stdout)["findings"]}
    assert fixes == {"ترامب": "ترمب"}


# --- suppression -------------------------------------------------------------------------------------

@pytest.mark.parametrize("marked", [
    "يلتقي الدبلوماسيون في اسطنبول ، مع أوكرانيا. <!-- qa-ignore typography/space-before-punct -->",
    "[qa-ignore typography/space-before-punct]\nيلتقي الدبلوماسيون في اسطنبول ، مع أوكرانيا.",
    "<!-- qa-ignore-start typography/space-before-punct -->يلتقي الدبلوماسيون في اسطنبول ، مع أوكرانيا.<!-- qa-ignore-end -->",
])
def test_inline_markers_silence_one_rule(marked):
    proc = run("check", "-", "--select", "typography,mt-debris", stdin=marked + "\n")
    found = rules_in(proc)
    assert "typography/space-before-punct" not in found
    assert "typography/missing-hamza" in found  # other rules still speak
    assert not any(r.startswith("mt-debris") for r in found)  # the marker itself raises nothing


def test_marker_without_ids_silences_every_rule_on_the_line():
    proc = run("check", "-", stdin="[qa-ignore]\nيلتقي الدبلوماسيون في اسطنبول ، اليوم.\nفي اسطنبول.\n")
    assert [l.split(":")[1] for l in proc.stdout.splitlines() if l.count(":") >= 3] == ["3"]


# --- baselines -------------------------------------------------------------------------------------------

def test_baseline_survives_lines_inserted_above(tmp_path):
    work = tmp_path / "seeds"
    shutil.copytree(SEEDS, work)
    baseline = tmp_path / "base.json"
    proc = run("baseline", str(work), "--output", str(baseline), "--no-config")
    assert proc.returncode == 0 and baseline.exists()
    assert run("check", str(work), "--baseline", str(baseline), "--no-config").stdout.startswith("No findings")
    target = work / "004_33040a4e03eb0d12.txt"
    target.write_text("سطر جديد مضاف في الأعلى.\n\nوسطر ثان.\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run("check", str(work), "--baseline", str(baseline), "--no-config")
    assert proc.returncode == 0 and proc.stdout.startswith("No findings"), proc.stdout
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\nفي اسطنبول ، مجددا.\n")
    proc = run("check", str(work), "--baseline", str(baseline), "--no-config")
    assert proc.returncode == 1 and "typography/space-before-punct" in proc.stdout


# --- safe fixes ---------------------------------------------------------------------------------------------

def test_fix_is_atomic_idempotent_and_diff_changes_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(b"\xef\xbb\xbf" + "عنوان\r\nفي اسطنبول ، اليوم  وصل الوفد الى موسكو.\r\n".encode())
    before = article.read_bytes()
    diff = run("check", str(article), "--diff")
    assert diff.stdout.startswith("---") and "+في إسطنبول، اليوم وصل الوفد إلى موسكو." in diff.stdout
    assert article.read_bytes() == before
    first = run("check", str(article), "--fix")
    fixed = article.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf") and b"\r\n" in fixed  # BOM and line ends kept
    assert "إسطنبول، اليوم وصل الوفد إلى موسكو".encode() in fixed
    second = run("check", str(article), "--fix")
    assert article.read_bytes() == fixed and "fixed" not in second.stderr
    assert first.returncode == second.returncode


def test_overlapping_fixes_resolve_deterministically():
    from qa.findings import Finding
    from qa.fixes import apply_fixes

    def f(start, end, fix, rule):
        return Finding("-", start, end, 1, 1, 1, 1, rule, "p", "warning", "", "", "", fix)
    text = "abcdef"
    a = apply_fixes(text, [f(1, 4, "X", "p/b"), f(2, 3, "Y", "p/a"), f(1, 2, "Z", "p/c")])
    b = apply_fixes(text, [f(1, 2, "Z", "p/c"), f(2, 3, "Y", "p/a"), f(1, 4, "X", "p/b")])
    assert a[0] == b[0] == "aZYdef"


def test_fix_refuses_a_read_only_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write read-only files; covered by the unit test below")
    article = tmp_path / "a.txt"
    article.write_text("في اسطنبول ، اليوم.\n", encoding="utf-8")
    article.chmod(0o444)
    proc = run("check", str(article), "--fix")
    assert proc.returncode == 2 and "read-only" in proc.stderr
    assert article.read_text(encoding="utf-8") == "في اسطنبول ، اليوم.\n"


def test_write_fixed_refuses_changed_or_read_only(tmp_path, monkeypatch):
    import hashlib

    from qa.fixes import FixRefused, write_fixed

    article = tmp_path / "a.txt"
    article.write_text("نص", encoding="utf-8")
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    article.write_text("نص تغير", encoding="utf-8")
    with pytest.raises(FixRefused, match="changed since it was read"):
        write_fixed(str(article), "نص مصلح", "utf-8", digest)
    assert article.read_text(encoding="utf-8") == "نص تغير"
    monkeypatch.setattr(os, "access", lambda *a: False)
    with pytest.raises(FixRefused, match="read-only"):
        write_fixed(str(article), "نص مصلح", "utf-8", hashlib.sha256(article.read_bytes()).hexdigest())


# --- pre-commit ------------------------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("pre-commit") is None and not shutil.which("git"), reason="pre-commit or git missing")
def test_pre_commit_try_repo(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("needs the tadqiq git checkout")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t", "TADQIQ_CACHE": str(tmp_path / "qa-cache")}
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, env=env, check=True, capture_output=True)
    git("init", "-q")
    shutil.copy(SEEDS / "004_33040a4e03eb0d12.txt", repo / "seed.txt")
    (repo / "clean.txt").write_text("قال الوزير إن الاجتماع كان مثمرًا.\n", encoding="utf-8")
    git("add", ".")
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "qa", "--verbose"]
    failing = subprocess.run(try_repo + ["--files", "seed.txt"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "typography/space-before-punct" in failing.stdout
    passing = subprocess.run(try_repo + ["--files", "clean.txt"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_statistics_after_a_fix_describe_the_fixed_text(tmp_path):
    from qa.document import Document
    from qa.stats import document_stats

    article = tmp_path / "a.txt"
    article.write_text("قال الوزير في في في في المدينة الكبيرة. وصل الوفد أمس.\n", encoding="utf-8")
    proc = run("check", str(article), "--fix", "--format", "json", "--no-config")
    reported = json.loads(proc.stdout)["documents"][0]["stats"]
    fresh = document_stats(Document(article.read_text(encoding="utf-8"))).to_dict()
    assert "في في" not in article.read_text(encoding="utf-8")
    assert reported == fresh
