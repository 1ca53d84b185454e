"""`qa serve`: the native API, the LanguageTool-compatible API (tested with a real third-party
client), the paste-and-check page (in headless Chromium), the OpenAPI document, and every kind
of bad request."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT, SEEDS, needs_chromium

pytest.importorskip("starlette", reason="the 'serve' extra is not installed")
from starlette.testclient import TestClient

from qa.serve import Settings, Utf16Offsets, create_app, openapi_document

SEED_000 = (SEEDS / "000_c1e8606ce6beb2ec.txt").read_text(encoding="utf-8")
SEED_004 = (SEEDS / "004_33040a4e03eb0d12.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(Settings()))


def _schema(name):
    """A component schema of the served OpenAPI document, resolvable by jsonschema."""
    doc = openapi_document()
    return {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}


def _valid(instance, name):
    import jsonschema

    jsonschema.validate(instance, _schema(name))


# --- Native API ---------------------------------------------------------------------------------

def test_native_check_returns_the_cli_json_contract(client):
    from test_cli import run

    response = client.post("/api/v1/check", json={"text": SEED_000, "date": "2025-02-27"})
    assert response.status_code == 200
    report = response.json()
    _valid(report, "Report")
    assert report["documents"] == [{**report["documents"][0], "path": "-", "date": "2025-02-27", "date_source": "flag"}]
    assert any(f["line"] == 15 and f["pack"] == "factual-drift" and f["severity"] == "error" for f in report["findings"])
    # The same findings as the CLI on the same text, only the path differs.
    cli = json.loads(run("check", "-", "--format", "json", "--date", "2025-02-27", "--no-config", stdin=SEED_000).stdout)
    assert report["findings"] == cli["findings"]
    assert report["summary"] == cli["summary"]


def test_native_select_and_ignore(client):
    only = client.post("/api/v1/check", json={"text": SEED_004, "select": ["mt-debris"]}).json()
    assert only["findings"] and {f["pack"] for f in only["findings"]} == {"mt-debris"}
    without = client.post("/api/v1/check", json={"text": SEED_004, "ignore": ["mt-debris", "typography"]}).json()
    assert not {f["pack"] for f in without["findings"]} & {"mt-debris", "typography"}
    unknown = client.post("/api/v1/check", json={"text": "نص", "select": ["no-such-pack"]})
    assert unknown.status_code == 400 and "no-such-pack" in unknown.json()["error"]["message"]


def test_rules_health_and_languages(client):
    rules = client.get("/api/v1/rules").json()
    _valid(rules, "Rules")
    ids = {r["id"] for p in rules["packs"] for r in p["rules"]}
    assert "mt-debris/latin-diacritics" in ids and "factual-drift/former-on-sitting" in ids
    health = client.get("/healthz").json()
    _valid(health, "Health")
    assert health["status"] == "ok"
    languages = client.get("/v2/languages").json()
    _valid(languages, "LTLanguages")
    assert {"name": "Arabic", "code": "ar", "longCode": "ar"} in languages


def test_openapi_document_is_valid_and_covers_every_route(client):
    from openapi_spec_validator import validate

    served = client.get("/openapi.json").json()
    validate(served)
    app_paths = {route.path for route in client.app.routes} - {"/openapi.json", "/v2/healthcheck"}
    assert app_paths <= set(served["paths"]), app_paths - set(served["paths"])


# --- LanguageTool-compatible API ----------------------------------------------------------------

def test_lt_shape_and_utf16_offsets_after_a_character_outside_the_bmp(client):
    text = "𝕏😀 قال المتحدث ، إن الاجتماع انتهى."
    response = client.post("/v2/check", data={"text": text, "language": "ar"})
    assert response.status_code == 200
    body = response.json()
    _valid(body, "LTCheck")
    assert body["software"]["name"] == "tadqiq" and body["language"]["code"] == "ar"
    match = next(m for m in body["matches"] if m["rule"]["id"] == "typography/space-before-punct")
    space = text.index(" ،")
    # Two astral characters before the finding: each is two UTF-16 code units.
    assert match["offset"] == space + 2 == len(text[:space].encode("utf-16-le")) // 2
    assert match["length"] == 1
    assert match["replacements"] == [{"value": ""}]
    context = match["context"]
    assert context["text"].encode("utf-16-le")[2 * context["offset"]:2 * (context["offset"] + context["length"])].decode("utf-16-le") == " "
    assert match["rule"]["issueType"] == "whitespace" and match["rule"]["category"]["id"] == "TYPOGRAPHY"
    assert "المتحدث" in match["sentence"]


def test_utf16_offsets_helper():
    text = "a😀b𝕏c"
    utf16 = Utf16Offsets(text)
    for i in range(len(text) + 1):
        assert utf16(i) == len(text[:i].encode("utf-16-le")) // 2


def test_lt_data_annotation_offsets_count_markup(client):
    data = {"annotation": [{"markup": "<p>"}, {"text": "قال المتحدث ، إن"}, {"markup": "<br/>", "interpretAs": "\n"},
                           {"text": "الاجتماع انتهى."}, {"markup": "</p>"}]}
    body = client.post("/v2/check", data={"data": json.dumps(data, ensure_ascii=False), "language": "auto"}).json()
    match = next(m for m in body["matches"] if m["rule"]["id"] == "typography/space-before-punct")
    original = "<p>قال المتحدث ، إن<br/>الاجتماع انتهى.</p>"
    assert original[match["offset"]:match["offset"] + match["length"]] == " "
    assert match["offset"] == original.index(" ،")


def test_lt_answers_other_languages_and_rejects_missing_text(client):
    english = client.post("/v2/check", data={"text": "Hello", "language": "en-US"})
    assert english.status_code == 200 and english.json()["matches"] == []
    assert client.post("/v2/check", data={"language": "ar"}).status_code == 400
    assert client.post("/v2/check", data={"text": "نص"}).status_code == 400
    bad_data = client.post("/v2/check", data={"data": "{not json", "language": "ar"})
    assert bad_data.status_code == 400 and "data" in bad_data.json()["error"]["message"]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A real `qa serve` process on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "qa", "serve", "--port", str(port), "--no-config"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("qa serve exited: " + process.stderr.read().decode())
                time.sleep(0.1)
        else:
            pytest.fail("qa serve did not come up in 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_language_tool_python_client_gets_tadqiq_findings(live_server):
    language_tool_python = pytest.importorskip("language_tool_python")
    from test_cli import run

    tool = language_tool_python.LanguageTool("ar", remote_server=live_server)
    try:
        # An emoji first, so that UTF-16 and code-point offsets differ for every finding.
        text = "😀 " + SEED_004
        matches = tool.check(text)
    finally:
        tool.close()
    assert all(isinstance(m, language_tool_python.Match) for m in matches)
    cli = json.loads(run("check", "-", "--format", "json", "--no-config", stdin=text).stdout)["findings"]
    assert sorted((m.rule_id, text[m.offset:m.offset + m.error_length]) for m in matches) == \
        sorted((f["rule"], f["excerpt"]) for f in cli)
    keceli = [m for m in matches if m.rule_id == "mt-debris/latin-diacritics" and "Keçeli" in text[m.offset:m.offset + m.error_length]]
    assert keceli and keceli[0].replacements and keceli[0].category == "TYPOS"


# --- Bad requests -------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "status", "words"), [
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "not valid JSON"),
    ({"content": b'{"text": "x"}', "headers": {"Content-Type": "text/plain"}}, 415, "application/json"),
    ({"json": {"date": "2025-01-01"}}, 400, "missing field 'text'"),
    ({"json": {"text": 42}}, 400, "'text' must be a string"),
    ({"json": ["text"]}, 400, "JSON object"),
    ({"json": {"text": "x", "txet": "y"}}, 400, "unknown field 'txet'"),
    ({"json": {"text": "x", "date": "27/02/2025"}}, 400, "YYYY-MM-DD"),
    ({"json": {"text": "x", "select": "mt-debris"}}, 200, ""),
    ({"json": {"text": "x", "select": [1]}}, 400, "'select'"),
    ({"content": b'{"text": "\xd8"}', "headers": {"Content-Type": "application/json"}}, 400, "UTF-8"),
])
def test_native_bad_requests_get_a_named_4xx(client, kwargs, status, words):
    response = client.post("/api/v1/check", **kwargs)
    assert response.status_code == status, response.text
    if status != 200:
        assert words in response.json()["error"]["message"]


def test_form_with_invalid_utf8_and_wrong_type(client):
    bad = client.post("/v2/check", content=b"language=ar&text=%D8%ZZ%FF", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert bad.status_code == 400 and "UTF-8" in bad.json()["error"]["message"]
    wrong = client.post("/v2/check", content=b"{}", headers={"Content-Type": "application/json"})
    assert wrong.status_code == 415


def test_body_over_the_limit_gets_413():
    small = TestClient(create_app(Settings(max_body=1000)))
    big = {"text": "ن" * 2000}
    assert small.post("/api/v1/check", json=big).status_code == 413
    assert small.post("/v2/check", data={"language": "ar", **big}).status_code == 413

    # A chunked body declares no length; the limit still holds.
    def chunks():
        for _ in range(10):
            yield b"x" * 500
    response = small.post("/api/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and "1000 bytes" in response.json()["error"]["message"]


def test_time_budget_gives_503_not_a_stuck_worker():
    hurried = TestClient(create_app(Settings(time_budget=1e-9)))
    response = hurried.post("/api/v1/check", json={"text": SEED_004})
    assert response.status_code == 503 and "time budget" in response.json()["error"]["message"]


def test_unknown_route_and_method_are_json():
    client = TestClient(create_app(Settings()))
    assert client.get("/nowhere").json()["error"]["status"] == 404
    assert client.get("/api/v1/check").status_code == 405


def test_cors_origins_are_configurable():
    cms = "https://cms.example.com"
    client = TestClient(create_app(Settings(cors_origins=(cms,))))
    preflight = client.options("/api/v1/check", headers={
        "Origin": cms, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.headers.get("access-control-allow-origin") == cms
    other = client.post("/api/v1/check", json={"text": "نص"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    plain = TestClient(create_app(Settings()))
    assert "access-control-allow-origin" not in plain.post("/api/v1/check", json={"text": "نص"}, headers={"Origin": cms}).headers


def test_bearer_token():
    client = TestClient(create_app(Settings(token="s3cret")))
    assert client.post("/api/v1/check", json={"text": "نص"}).status_code == 401
    assert client.post("/api/v1/check", json={"text": "نص"}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/v1/check", json={"text": "نص"}, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.post("/v2/check", data={"text": "نص", "language": "ar", "apiKey": "s3cret"}).status_code == 200
    assert client.post("/v2/check", data={"text": "نص", "language": "ar"}).status_code == 401
    assert client.get("/healthz").status_code == 200  # liveness probes carry no secrets
    page = client.post("/", data={"text": "قال ، هنا"})
    assert "رمز الوصول غير صحيح" in page.text and "<mark" not in page.text


def test_non_loopback_bind_needs_a_token():
    from test_cli import run

    result = run("serve", "--host", "0.0.0.0", "--port", "1", "--no-config")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--token" in result.stderr and "Traceback" not in result.stderr


# --- The page ------------------------------------------------------------------------------------

def test_page_is_rtl_arabic_and_loads_nothing_from_the_network(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="ar" dir="rtl">' in html and "<textarea" in html and 'type="date"' in html
    assert "http://" not in html and "https://" not in html and "<script src" not in html
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_page_escapes_everything(client):
    hostile = 'قال <script>alert(1)</script> و"><img src=x onerror=alert(2)> ، هنا </textarea><b>x</b>'
    html = client.post("/", data={"text": hostile, "date": '"><script>alert(3)</script>'}).text
    assert "<script>alert" not in html and "<img src=x" not in html and "</textarea><b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_apply_one_fix_and_all_safe_fixes(client):
    text = "قال المتحدث ، إن الاجتماع انتهى ، وإن الوفد غادر."
    checked = client.post("/", data={"text": text}).text
    assert 'value="all"' in checked and 'name="apply"' in checked
    first = text.index(" ،")
    one = client.post("/", data={"text": text, "apply": f"{first}:{first + 1}:typography/space-before-punct"}).text
    assert "قال المتحدث، إن الاجتماع انتهى ، وإن" in one
    everything = client.post("/", data={"text": text, "apply": "all"}).text
    assert "قال المتحدث، إن الاجتماع انتهى، وإن الوفد غادر." in everything
    stale = client.post("/", data={"text": text, "apply": "0:1:typography/space-before-punct"}).text
    assert "تغيّر النص" in stale


@needs_chromium
def test_page_without_javascript_in_headless_chromium(live_server, chromium, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    def wait(condition):
        # Each button submits a form: until the new page arrives, elements of the old one go stale.
        WebDriverWait(chromium, 30, ignored_exceptions=(StaleElementReferenceException,)).until(condition)

    driver = chromium
    # Without JavaScript the page is a plain form, checked and fixed by the server; the live
    # editor (tests/test_where_to_start.py) is built on top of it.
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get(live_server + "/")
    area = driver.find_element(By.ID, "text")
    # Paste: set the value as a clipboard paste would, in one go (send_keys types key by key).
    driver.execute_script("arguments[0].value = arguments[1];", area, SEED_004)
    driver.find_element(By.ID, "check").click()
    wait(lambda d: d.find_elements(By.CSS_SELECTOR, "mark[data-findings]"))
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == [], severe
    marks = driver.find_elements(By.CSS_SELECTOR, "mark[data-findings]")
    assert any("Keçeli" in m.text for m in marks), "the Keçeli highlight is on the page"
    assert driver.find_elements(By.CSS_SELECTOR, "table.findings tr[data-pack]")
    driver.save_screenshot(os.environ.get("QA_SCREENSHOT", str(tmp_path / "page.png")))
    before = driver.find_element(By.ID, "text").get_attribute("value")
    driver.find_element(By.CSS_SELECTOR, "button.apply").click()
    wait(lambda d: d.find_elements(By.ID, "notice"))
    after = driver.find_element(By.ID, "text").get_attribute("value")
    assert after != before
    driver.find_element(By.ID, "apply-all").click()
    wait(lambda d: "إصلاحًا آمنًا" in d.find_element(By.ID, "notice").text)
    assert " ،" not in driver.find_element(By.ID, "text").get_attribute("value")
