"""The HTML report says where to start, and the paste page highlights in the text being edited:
errors first, table rows linked to their highlights, one card per span, targets a letter wide,
Arabic chrome, a content-security policy; looked at and clicked through in headless Chromium.

Set QA_SCREENSHOT_DIR=reports to refresh the committed screenshots."""

import os
import re
import time

import pytest
from conftest import needs_chromium
from test_cli import run

from qa.config import Config
from qa.engine import RunResult, make_document
from qa.findings import Finding
from qa.report.html import render

SHOTS = os.environ.get("QA_SCREENSHOT_DIR")


def finding(doc, start, end, rule, severity, fix=None, safe=True):
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    pack = rule.split("/")[0]
    return Finding(doc.path, start, end, line, column, end_line, end_column, rule, pack, severity,
                   f"رسالة {rule}", f"message {rule}", doc.text[start:end], fix, safe)


def synthetic_report():
    text = "قال المتحدث ، إن الوفد غادر اسطنبول أمس.\nسطر ثان فيه خطأ."
    doc = make_document(text, "draft.txt", Config())  # no date in it: today's
    word = text.index("اسطنبول")
    space = text.index(" ،")
    bad = text.index("خطأ")
    hamza = finding(doc, word, word + 7, "typography/missing-hamza", "warning", "إسطنبول")
    hamza.related.append(finding(doc, word, word + 7, "consistency/house-style", "info"))  # as qa.samecause leaves it
    findings = [
        hamza,
        finding(doc, word, word + 7, "mt-debris/unknown-word", "warning"),
        finding(doc, word, word + 7, "consistency/variant-spelling", "info"),
        finding(doc, space, space + 1, "typography/space-before-punct", "warning", ""),
        finding(doc, bad, bad + 3, "factual-drift/former-on-sitting", "error"),
    ]
    return render(RunResult(findings, [], [doc]), []), text


def test_one_card_per_span_with_every_finding_on_it():
    html, _ = synthetic_report()
    # Three findings on one word: one highlight, one card box, three items in it, gravest first.
    mark = re.search(r'<mark[^>]*>اسطنبول<span class="tip".*?</mark>', html, re.S).group()
    assert mark.count('class="span-card"') == 1 and mark.count('class="item"') == 3
    assert mark.index("typography/missing-hamza") < mark.index("consistency/variant-spelling")
    # A finding another rule also reported (engine-side, one per problem) names that rule on its card.
    assert "ورصدتها أيضًا" in mark and "consistency/house-style" in mark


def test_errors_first_and_rows_link_to_their_highlights():
    html, _ = synthetic_report()
    start = html[html.index('id="start"'):]
    assert start.index("factual-drift/former-on-sitting") < start.index("typography/space-before-punct") or \
        start.index("رسالة factual-drift") < start.index("رسالة typography")
    table = html[html.index('<table class="findings">'):]
    rows = re.findall(r'<tr data-pack="[^"]+" data-severity="(\w+)">', table)
    assert rows[0] == "error" and rows == sorted(rows, key=["error", "warning", "info"].index)
    anchors = set(re.findall(r'<span class="anchor" id="([^"]+)">', html))
    links = re.findall(r'<td class="pos"><a href="#([^"]+)"', table)
    assert links and set(links) <= anchors


def test_chrome_is_arabic_and_a_csp_is_set(tmp_path):
    html, _ = synthetic_report()
    assert "(today)" not in html and "(تاريخ اليوم)" in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert "default-src &#39;none&#39;" in csp and "script-src &#39;sha256-" in csp and "unsafe-inline&#39;; script" in csp
    assert 'class="sev-warning narrow"' in html  # the space before «،» is widened


def test_page_serves_a_csp_that_lets_only_its_script_run():
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from qa.serve import Settings, create_app, page_script_hash

    client = TestClient(create_app(Settings()))
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert f"script-src {page_script_hash()}" in csp and "connect-src 'self'" in csp
    live = client.post("/api/v1/highlights", json={"text": "قال المتحدث ، إن"}).json()["findings"]
    space = next(f for f in live if f["rule"] == "typography/space-before-punct")
    assert space["offset"] == "قال المتحدث ، إن".index(" ،") and space["length"] == 1 and space["safe"] and space["fix"] == ""


# --- In Chromium --------------------------------------------------------------------------------

def shoot(driver, tmp_path, name):
    path = os.path.join(SHOTS, name) if SHOTS else str(tmp_path / name)
    driver.save_screenshot(path)
    return path


@needs_chromium
def test_report_in_chromium_starts_with_the_error_and_links_to_highlights(tmp_path, chromium):
    from selenium.webdriver.common.by import By

    out = tmp_path / "seeds.html"
    run("check", "seeds/", "--format", "html", "--output", str(out), "--no-config")
    driver = chromium
    driver.set_window_size(1280, 1100)
    driver.get(out.as_uri())
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []  # the CSP lets the script run
    first = driver.find_element(By.CSS_SELECTOR, "#start li")
    assert first.get_attribute("data-severity") == "error"
    shoot(driver, tmp_path, "report-start-here.png")
    first.find_element(By.CSS_SELECTOR, "a.pos").click()
    time.sleep(0.3)
    focused = driver.switch_to.active_element
    assert focused.tag_name == "mark" and "target" in focused.get_attribute("class")
    tip = focused.find_element(By.CSS_SELECTOR, ".tip")
    assert tip.is_displayed() and "factual-drift/former-on-sitting" in tip.text
    shoot(driver, tmp_path, "report-error-card.png")
    # One card box at a time: pointing at another highlight hides the focused one's.
    from selenium.webdriver.common.action_chains import ActionChains

    other = next(m for m in driver.find_elements(By.CSS_SELECTOR, "mark[data-findings]")
                 if m.is_displayed() and "target" not in m.get_attribute("class") and m.text.strip())
    ActionChains(driver).move_to_element(other).perform()
    time.sleep(0.2)
    assert other.find_element(By.CSS_SELECTOR, ".tip").is_displayed() and not tip.is_displayed()
    # Every narrow highlight (a stray space, an insertion point) is at least a letter wide.
    letter = driver.execute_script(
        "var s = document.createElement('span'); s.textContent = 'ب'; document.querySelector('.text').appendChild(s);"
        "var w = s.getBoundingClientRect().width; s.remove(); return w;")
    widths = driver.execute_script(
        "return Array.from(document.querySelectorAll('mark.narrow, mark.point')).map(m => m.getBoundingClientRect().width)")
    assert widths and min(widths) >= 0.5 * letter
    # A table row's position is a link to its highlight, too.
    row_link = driver.find_elements(By.CSS_SELECTOR, "table.findings td.pos a")[5]
    row_link.click()
    time.sleep(0.3)
    assert driver.switch_to.active_element.tag_name == "mark"


@needs_chromium
def test_paste_page_underlines_the_editable_text_and_fixes_in_place(live_server, chromium, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chromium
    driver.set_window_size(1280, 900)
    driver.get(live_server + "/")
    editor = driver.find_element(By.ID, "editor")
    assert editor.get_attribute("contenteditable") in ("plaintext-only", "true")
    assert not driver.find_element(By.ID, "text").is_displayed()  # the textarea is the no-script fallback
    editor.click()
    from test_lt_clients import ALTERNATIVES, CALQUE

    editor.send_keys(f"قال المتحدث ، إن {CALQUE} وسوف لن تتراجع")
    # Checked after a pause in typing, underlined in the text itself.
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#editor mark"))
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    cards = driver.find_elements(By.CSS_SELECTOR, "#cards .span-card")
    assert len(cards) == len({m.get_attribute("data-spans") for m in driver.find_elements(By.CSS_SELECTOR, "#editor mark")})
    calque = next(c for c in cards if ALTERNATIVES[1] in c.text)
    assert not calque.find_elements(By.CSS_SELECTOR, "button.apply")  # its alternatives are no safe fix
    shoot(driver, tmp_path, "page-live.png")
    # Clicking a highlight picks its card.
    span = calque.get_attribute("data-span")
    mark = next(m for m in driver.find_elements(By.CSS_SELECTOR, "#editor mark") if m.get_attribute("data-spans") == span)
    mark.click()
    assert "active" in calque.get_attribute("class")
    # A card's fix is applied in the text, which is checked again.
    space = next(c for c in driver.find_elements(By.CSS_SELECTOR, "#cards .span-card") if "typography/space-before-punct" in c.text)
    space.find_element(By.CSS_SELECTOR, "button.apply").click()
    WebDriverWait(driver, 30).until(lambda d: "المتحدث، إن" in d.find_element(By.ID, "editor").text)
    WebDriverWait(driver, 30).until(lambda d: not [c for c in d.find_elements(By.CSS_SELECTOR, "#cards .span-card")
                                                   if "typography/space-before-punct" in c.text])
    driver.find_element(By.ID, "apply-all-live").click()
    WebDriverWait(driver, 30).until(lambda d: "سوف لن" not in d.find_element(By.ID, "editor").text)
    assert driver.find_element(By.ID, "text").get_attribute("value") == driver.execute_script(
        "return document.getElementById('editor').textContent")
    shoot(driver, tmp_path, "page-fixed.png")


from test_serve import live_server  # noqa: E402,F401  (the real server process fixture)
