"""What the terminal shows: the summary with correct plurals and the `--fix` count, the summary on
stderr when the report goes to a file, `--statistics`, progress with the time left for both corpus
passes, the notice while the word list is built, and Markdown code left unchecked."""

import io
import os
import pty
import subprocess
import sys

from conftest import ROOT
from test_cli import run

from qa.progress import PASS_1, PASS_2, Progress

ONE = "قال المتحدث ، إن الوفد غادر.\n"  # one finding, with a safe fix


def test_plurals_and_the_fixable_line(tmp_path):
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    out = run("check", str(tmp_path / "one.txt"), "--no-config").stdout.splitlines()
    assert out[-3:] == ["1 finding in 1 file: 0 errors, 1 warning, 0 info.", "1 fixable with `--fix`.",
                        "The file had no date (--date, --date-from-path, front matter or a dateline) and was checked as of today."]
    (tmp_path / "two.txt").write_text(ONE, encoding="utf-8")
    out = run("check", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"), "--date", "2025-01-01", "--no-config").stdout.splitlines()
    assert out[-2] == "2 findings in 2 files: 0 errors, 2 warnings, 0 info." and out[-1] == "2 fixable with `--fix`."
    clean = tmp_path / "clean.txt"
    clean.write_text("قال المتحدث إن الوفد غادر.\n", encoding="utf-8")
    assert run("check", str(clean), "--date", "2025-01-01", "--no-config").stdout == "No findings in 1 file.\n"
    baseline = run("baseline", str(tmp_path / "one.txt"), "-o", str(tmp_path / "b.json"), "--no-config").stdout
    assert baseline.startswith("Recorded 1 finding in 1 file to ")
    cleaned = run("clean", str(clean), "--out", str(tmp_path / "out")).stdout.splitlines()[-1]
    assert cleaned == "Cleaned 1 file: removed 0 lines, 0 words."


def test_summary_goes_to_stderr_when_the_report_goes_to_a_file(tmp_path):
    proc = run("check", "seeds/", "--format", "json", "-o", str(tmp_path / "r.json"), "--no-config")
    assert proc.stdout == ""
    summary = run("check", "seeds/", "--no-config").stdout.splitlines()[-3:]
    assert " findings in 5 files: 1 error, " in summary[0] and summary[1].endswith("fixable with `--fix`.")
    assert proc.stderr.splitlines()[-3:] == summary
    quiet = run("check", "seeds/", "-o", str(tmp_path / "r.txt"), "--quiet", "--no-config")
    assert quiet.stderr == ""


def test_statistics_counts_per_rule(tmp_path):
    proc = run("check", "seeds/", "--statistics", "--date", "2026-11-22", "--no-config")
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1
    counts = {line.split()[1]: int(line.split()[0]) for line in lines[:-2]}
    total = int(lines[-2].split()[0])
    assert counts["typography/space-before-punct"] == 9 and sum(counts.values()) == total
    assert "9 fixable" in next(line for line in lines if "typography/space-before-punct" in line)
    assert [n for n in counts.values()] == sorted(counts.values(), reverse=True)
    assert lines[-2].startswith(f"{total} findings in 5 files") and lines[-1].endswith("fixable with `--fix`.")
    bad = run("check", "seeds/", "--statistics", "--format", "json", "--no-config")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--statistics" in bad.stderr


def test_progress_shows_the_pass_and_the_time_left():
    stream, now = io.StringIO(), [0.0]
    progress = Progress(stream, clock=lambda: now[0])
    progress(0, 200, PASS_1)
    now[0] = 10.0
    progress(100, 200, PASS_1)
    now[0] = 20.0
    progress(200, 200, PASS_1)
    progress(0, 200, PASS_2)
    now[0] = 25.0
    progress(50, 200, PASS_2)
    shown = stream.getvalue().replace("\x1b[K", "")  # clear-to-end-of-line after each redraw
    assert "qa: pass 1 of 2, counting what recurs: 100/200 files, about 10s left" in shown
    assert "qa: pass 1 of 2, counting what recurs: 200/200 files in 20s\n" in shown
    assert "qa: pass 2 of 2, checking: 50/200 files, about 15s left" in shown
    quiet = io.StringIO()
    Progress(quiet)(5, 10)  # a short run says nothing
    assert quiet.getvalue() == ""


def test_progress_at_a_terminal_covers_both_corpus_passes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(100):
        (corpus / f"{n:03d}.txt").write_text(f"خبر رقم {n}: قال المتحدث إن الوفد غادر.\n", encoding="utf-8")
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "qa", "check", str(corpus), "--no-config", "--jobs", "1"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        shown += data
    process.communicate(timeout=120)
    os.close(master)
    text = shown.decode("utf-8")
    assert "pass 1 of 2, counting what recurs: 100/100 files in" in text
    assert "pass 2 of 2, checking: 100/100 files in" in text


def test_a_notice_while_the_word_list_is_built_on_first_use(tmp_path):
    env = {"TADQIQ_CACHE": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-m", "qa", "check", "-", "--no-config"], input="قال الموسنة هنا\n",
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    notices = [line for line in first.stderr.splitlines() if "building the Arabic word list" in line]
    assert len(notices) == 1 and notices[0].startswith("qa: "), first.stderr
    again = subprocess.run([sys.executable, "-m", "qa", "check", "-", "--no-config"], input="قال الموسنة هنا\n",
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    assert "building" not in again.stderr and again.stdout == first.stdout


MARKDOWN = """---
title: «عنوان» ، مع مسافة
date: 2025-03-01
---
# خبر

قال المتحدث إن الوفد غادر.

```
قال المتحدث ، إن الوفد غادر.
```

    قال المتحدث ، إن الوفد غادر.

~~~~
قال المتحدث ، إن
~~~~

قال المتحدث ، إن الوفد عاد.
"""


def test_markdown_front_matter_and_code_are_not_checked(tmp_path):
    article = tmp_path / "article.md"
    article.write_text(MARKDOWN, encoding="utf-8")
    proc = run("check", str(article), "--select", "typography/space-before-punct", "--no-config")
    findings = [line for line in proc.stdout.splitlines() if line.startswith(str(article))]
    last = MARKDOWN.splitlines().index("قال المتحدث ، إن الوفد عاد.") + 1
    # Only the prose finding is left, at its place in the file as it is.
    assert len(findings) == 1 and findings[0].startswith(f"{article}:{last}:12:"), proc.stdout
    # The same text as .txt is prose throughout.
    plain = tmp_path / "article.txt"
    plain.write_text(MARKDOWN, encoding="utf-8")
    assert run("check", str(plain), "--select", "typography/space-before-punct", "--no-config").stdout.count("space-before-punct") == 5
