"""LanguageTool's clients against `qa serve`, unchanged: each fixture request (tests/fixtures/
lt-clients.json, written from the client's public source) gets an answer that client accepts."""

import json
import urllib.parse

import pytest
from conftest import ROOT

pytest.importorskip("starlette", reason="the 'serve' extra is not installed")
from starlette.testclient import TestClient

from qa.serve import Settings, create_app

CLIENTS = json.loads((ROOT / "tests" / "fixtures" / "lt-clients.json").read_text(encoding="utf-8"))
ORIGIN = "https://addin.example.org"


def named_calque():
    """A calque whose message names two alternatives and which has no safe fix, with an example it
    fires on, read from the lexicon (so the test follows the data, whatever entries it keeps)."""
    import re

    import yaml

    for entry in yaml.safe_load((ROOT / "rules" / "lexicons" / "calques.yaml").read_text(encoding="utf-8"))["entries"]:
        named = re.search(r"write «([^»]+)» or «([^»]+)»", entry.get("message_en", ""))
        fire = entry.get("examples", {}).get("fire")
        if named and "fix" not in entry and fire:
            example = fire[0] if isinstance(fire[0], str) else fire[0]["text"]
            return example, [named.group(1), named.group(2)]
    raise AssertionError("no calque names two alternatives")


CALQUE, ALTERNATIVES = named_calque()
# An emoji first, so that UTF-16 offsets differ from code points; a space before «،», a calque whose
# message names two alternatives, and a word without its hamza.
TEXT = f"😀 قال المتحدث ، إن {CALQUE}. واكد بأن الوفد غادر."


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(Settings(cors_origins=(ORIGIN,))))


def send(client, name, **fill):
    fixture = CLIENTS[name]
    body = fixture["body"]
    for key, value in fill.items():
        body = body.replace("{" + key + "}", value)
    headers = {k: v.replace("{ORIGIN}", ORIGIN) for k, v in fixture["headers"].items()}
    return client.request(fixture["method"], fixture["path"], content=body.encode("ascii") or None, headers=headers)


def utf16_slice(text, offset, length):
    return text.encode("utf-16-le")[2 * offset:2 * (offset + length)].decode("utf-16-le")


def accepted_matches(response, text):
    """What every one of these clients reads, checked as they read it."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    for match in body["matches"]:
        assert isinstance(match["message"], str) and isinstance(match["shortMessage"], str)
        assert all(isinstance(r["value"], str) for r in match["replacements"])
        assert match["rule"]["category"]["id"] and match["rule"]["issueType"]
        assert 0 <= match["offset"] and match["offset"] + match["length"] <= len(text.encode("utf-16-le")) // 2
    return body


def test_browser_addon_text_plain_form_with_language_auto(client):
    body = accepted_matches(send(client, "browser-addon", TEXT=urllib.parse.quote(TEXT)), TEXT)
    assert body["language"]["detectedLanguage"]["code"] == "ar"
    by_rule = {m["rule"]["id"]: m for m in body["matches"]}
    space = by_rule["typography/space-before-punct"]
    assert utf16_slice(TEXT, space["offset"], space["length"]) == " "
    assert space["replacements"] == [{"value": ""}]
    # The calque's message names two alternatives; both come back as replacements.
    calque = next(m for m in body["matches"] if m["rule"]["id"] == "mt-debris/calque"
                  and [r["value"] for r in m["replacements"]][-2:] == ALTERNATIVES)
    assert utf16_slice(TEXT, calque["offset"], calque["length"]) in CALQUE


def test_browser_addon_premium_sends_data_with_text(client):
    data = urllib.parse.quote(json.dumps({"text": TEXT, "metaData": {"EmailToAddress": "x@example.com"}}))
    body = accepted_matches(send(client, "browser-addon-premium", DATA_PLAIN=data), TEXT)
    assert {m["rule"]["id"] for m in body["matches"]} >= {"typography/space-before-punct", "mt-debris/calque"}


def test_browser_addon_on_an_english_page_gets_no_matches_not_an_error(client):
    english = "This is an English sentence , with a space before the comma."
    body = accepted_matches(send(client, "browser-addon", TEXT=urllib.parse.quote(english)), english)
    assert body["matches"] == [] and body["language"]["detectedLanguage"]["code"] != "ar"


def test_obsidian_annotated_markdown(client):
    markdown = "# عنوان\n\nقال المتحدث ، إن الوفد غادر."
    annotation = {"annotation": [
        {"markup": "# ", "interpretAs": "", "offset": {"start": 0, "end": 2}},
        {"text": "عنوان", "offset": {"start": 2, "end": 7}},
        {"markup": "\n\n", "interpretAs": "\n\n", "offset": {"start": 7, "end": 9}},
        {"text": "قال المتحدث ، إن الوفد غادر.", "offset": {"start": 9, "end": len(markdown)}},
    ]}
    response = send(client, "obsidian", DATA_ANNOTATED=urllib.parse.quote(json.dumps(annotation, ensure_ascii=False)))
    body = accepted_matches(response, markdown)
    space = next(m for m in body["matches"] if m["rule"]["id"] == "typography/space-before-punct")
    assert space["offset"] == markdown.index(" ،")  # offsets count the markup, as the plugin expects


def test_obsidian_disabled_categories_are_honoured(client):
    text = "قال المتحدث ، إن الوفد غادر."
    body = client.post("/v2/check", data={"text": text, "language": "auto", "disabledCategories": "TYPOGRAPHY"}).json()
    assert not [m for m in body["matches"] if m["rule"]["category"]["id"] == "TYPOGRAPHY"]


def test_obsidian_languages(client):
    languages = send(client, "obsidian-languages").json()
    assert {"name": "Arabic", "code": "ar", "longCode": "ar"} in languages


def test_libreoffice_remote_checker(client):
    # LibreOffice percent-encodes everything outside RFC 3986's unreserved characters.
    encoded = urllib.parse.quote(TEXT, safe="-._~")
    body = accepted_matches(send(client, "libreoffice", TEXT_RFC3986=encoded), TEXT)
    assert body["matches"]
    colours = {"TYPOS": "red", "STYLE": "blue"}
    seen = {colours.get(m["rule"]["category"]["id"], "orange") for m in body["matches"]}
    assert {"red", "orange"} <= seen  # a missing hamza is a typo; a stray space is typography
    for match in body["matches"]:
        assert len(match["replacements"]) <= 10


def test_word_addin_preflight_then_check(client):
    preflight = send(client, "word-addin-preflight")
    assert preflight.status_code in (200, 204)
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    check = send(client, "word-addin-check", TEXT=urllib.parse.quote(TEXT))
    assert check.headers["access-control-allow-origin"] == ORIGIN
    accepted_matches(check, TEXT)


def test_preflight_from_an_origin_not_allowed_gets_no_cors_headers(client):
    response = client.options("/v2/check", headers={"Origin": "https://elsewhere.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in response.headers


def test_options_without_allowed_origins_is_answered_not_405():
    plain = TestClient(create_app(Settings()))
    response = plain.options("/v2/check", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert response.status_code == 204 and "access-control-allow-origin" not in response.headers


def test_allow_origin_without_a_value_allows_any_origin():
    from qa.cli import build_parser

    args = build_parser().parse_args(["serve", "--allow-origin"])
    assert args.cors_origin == ["*"]
    assert build_parser().parse_args(["serve", "--cors-origin", ORIGIN]).cors_origin == [ORIGIN]
    anyone = TestClient(create_app(Settings(cors_origins=("*",))))
    response = anyone.options("/v2/check", headers={"Origin": "https://cms.example", "Access-Control-Request-Method": "POST"})
    assert response.headers["access-control-allow-origin"] in ("*", "https://cms.example")


def test_any_language_code_and_info(client):
    for code in ("ar", "ar-EG", "en-US", "auto"):
        body = client.post("/v2/check", data={"text": TEXT, "language": code}).json()
        assert body["matches"], code  # Arabic text is checked whatever the client says
    english = client.post("/v2/check", data={"text": "Hello there, world.", "language": "en-US"}).json()
    assert english["matches"] == [] and english["language"]["code"] == "en-US"
    info = client.get("/v2/info").json()
    assert info["software"]["name"] == "tadqiq" and info["languages"][0]["code"] == "ar"


def test_unknown_languagetool_rule_ids_are_ignored(client):
    body = client.post("/v2/check", data={"text": TEXT, "language": "auto",
                                          "disabledRules": "WHITESPACE_RULE,typography/space-before-punct"}).json()
    assert body["matches"] and "typography/space-before-punct" not in {m["rule"]["id"] for m in body["matches"]}


def test_every_category_is_one_languagetool_clients_know():
    from qa.serve import LT_KIND_BY_PACK, LT_KIND_BY_RULE

    # LanguageTool's category ids (its core categories) and ITS 2.0 issue types, which clients colour.
    known = {"CASING", "COLLOCATIONS", "COMPOUNDING", "CONFUSED_WORDS", "FALSE_FRIENDS", "GRAMMAR", "MISC",
             "PUNCTUATION", "REDUNDANCY", "REPETITIONS", "SEMANTICS", "STYLE", "TYPOGRAPHY", "TYPOS"}
    its = {"addition", "duplication", "inconsistency", "inconsistent-entities", "misspelling", "mistranslation",
           "style", "typographical", "untranslated", "whitespace", "uncategorized"}
    for category, issue in [*LT_KIND_BY_RULE.values(), *LT_KIND_BY_PACK.values()]:
        assert category in known and issue in its, (category, issue)
