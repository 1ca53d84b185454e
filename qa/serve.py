"""`qa serve`: the pre-publish check as an HTTP service.

Three faces over one engine, compiled once at start-up:
- the native API (`POST /api/v1/check`), which answers with the CLI's JSON contract;
- a LanguageTool-compatible API (`POST /v2/check`), so existing LanguageTool clients and editor
  plugins work unchanged; its offsets are UTF-16 code units, as LanguageTool counts them;
- a paste-and-check page at `/`, rendered with the HTML report's own templates, working without
  JavaScript: every button is a form submission.

Checks run one at a time per worker process (the engine is CPU-bound and its lazily built
tables are not meant to be shared across threads), on a thread, so /healthz stays responsive.
A request that outlives its time budget gets 503: rules not yet started are skipped, and each
regex already carries its own timeout.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hmac
import ipaddress
import json
import os
import time
import urllib.parse
from dataclasses import asdict, dataclass

import regex

from . import __version__
from .config import Config
from .engine import OverBudget, UsageError, get_engine, make_document

SETTINGS_ENV = "QA_SERVE_SETTINGS"
LT_LANGUAGES = [{"name": "Arabic", "code": "ar", "longCode": "ar"}]
ARABIC = {"name": "Arabic", "code": "ar"}
# LanguageTool's NoopLanguage: what a text tadqiq does not check is reported as.
UNKNOWN_LANGUAGE = {"name": "Unknown", "code": "zz"}
# LanguageTool's category ids and issue types (ITS 2.0 names). Clients colour by them: LibreOffice
# by category (TYPOS red, STYLE blue, anything else orange), the browser add-on and LTeX by issue
# type (misspelling red, style blue, anything else yellow). Rule ids first, then the pack, then
# style for anything at `info`, whatever its pack.
LT_KIND_BY_RULE = {
    "mt-debris/unknown-word": ("TYPOS", "misspelling"),
    "mt-debris/garbled-sentence": ("GRAMMAR", "mistranslation"),
    "mt-debris/latin-diacritics": ("TYPOS", "untranslated"),
    "mt-debris/latin-name": ("TYPOS", "untranslated"),
    "mt-debris/latin-phrase": ("TYPOS", "untranslated"),
    "typography/missing-hamza": ("TYPOS", "misspelling"),
    "typography/doubled-word": ("GRAMMAR", "duplication"),
    "typography/double-space": ("TYPOGRAPHY", "whitespace"),
    "typography/space-before-punct": ("TYPOGRAPHY", "whitespace"),
    "typography/missing-space-after-punct": ("TYPOGRAPHY", "whitespace"),
    "boilerplate/glued-words": ("TYPOS", "misspelling"),
}
LT_KIND_BY_PACK = {
    "typography": ("TYPOGRAPHY", "typographical"),
    "mt-debris": ("GRAMMAR", "mistranslation"),
    "boilerplate": ("MISC", "addition"),
    "factual-drift": ("SEMANTICS", "inconsistent-entities"),
    "consistency": ("MISC", "inconsistency"),
    "readability": ("STYLE", "style"),
}
# The alternatives a message names, in the English message's wording: «write «X» or «Y»», «suggested
# Arabic: «X»», «is written «X»». Calques name theirs here without a safe fix; LanguageTool's clients
# still offer each one as a replacement for the user to pick.
_NAMED = regex.compile(r"(?:\bwrite|\bprefer|\buse|\bsuggested(?: Arabic)?:?|\bArabic says|\bis written|directly:)"
                       r"\s+«([^»]+)»((?:\s+or\s+«[^»]+»)*)")
_OR = regex.compile(r"«([^»]+)»")
_ARABIC_LETTER = regex.compile(r"\p{Arabic}")
_LETTER = regex.compile(r"\p{L}")
LT_CONTEXT_CHARS = 40  # characters of context on each side, as LanguageTool gives
_NATIVE_FIELDS = {"text", "date", "select", "ignore"}


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8787
    workers: int = 1
    max_body: int = 1_000_000  # bytes; larger requests get 413
    time_budget: float = 10.0  # seconds per request
    cors_origins: tuple[str, ...] = ()
    token: str | None = None
    # Engine settings, as `qa check` reads them.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()
    config_source: str | None = None
    house_style: str | None = None
    severity: tuple[tuple[str, str], ...] = ()

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, value: str) -> Settings:
        data = json.loads(value)
        for key in ("cors_origins", "select", "ignore", "rules_dirs"):
            data[key] = tuple(data[key])
        data["severity"] = tuple(tuple(pair) for pair in data["severity"])
        return cls(**data)

    def engine_config(self) -> Config:
        return Config(select=self.select, ignore=self.ignore, rules_dirs=self.rules_dirs, severity=self.severity,
                      house_style=self.house_style, source=self.config_source)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RequestError(Exception):
    """A bad request: answered with this status and a JSON body naming the problem."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# --- Offsets -----------------------------------------------------------------------------------

class Utf16Offsets:
    """Code-point offsets to UTF-16 code units: each character outside the BMP before an offset
    counts twice. JavaScript and LanguageTool both count this way."""

    def __init__(self, text: str):
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset)


def _loads(text: str, what: str):
    """JSON that the rest of the service can use, or a 400: nesting too deep for the parser, and
    \\ud800-style escapes of lone surrogates, which no UTF-8 answer could carry, are the client's error."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise RequestError(400, f"{what} is not valid JSON: {exc}") from None
    except RecursionError:
        raise RequestError(400, f"{what} is nested too deeply") from None
    if "\\u" in text:  # only an escape can make a lone surrogate in text that decoded as UTF-8
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise RequestError(400, f"{what} holds a lone surrogate (U+{ord(exc.object[exc.start]):04X}), "
                               "which is not a character") from None
    return value


def parse_annotation(data: str) -> tuple[str, str, list[int]]:
    """LanguageTool's `data` parameter: {"annotation": [{"text": …} | {"markup": …, "interpretAs": …}]}.
    Returns the original string (text and markup, the offsets' frame), the plain text to check
    (markup replaced by interpretAs), and each plain offset's position in the original."""
    parsed = _loads(data, "'data'")
    if isinstance(parsed, dict) and isinstance(parsed.get("text"), str):
        # The browser add-on's shape: {"text": …, "metaData": {…}}, plain text with no markup.
        text = parsed["text"]
        return text, text, range(len(text) + 1)
    items = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(items, list):
        raise RequestError(400, "'data' must be a JSON object with a 'text' string or an 'annotation' list")
    original, plain, where = [], [], []
    position = 0
    for item in items:
        if not isinstance(item, dict):
            raise RequestError(400, "each 'annotation' item must be an object with 'text' or 'markup'")
        if isinstance(item.get("text"), str):
            piece = item["text"]
            plain.append(piece)
            where.extend(range(position, position + len(piece)))
        elif isinstance(item.get("markup"), str):
            piece = item["markup"]
            shown = item.get("interpretAs", "")
            if not isinstance(shown, str):
                raise RequestError(400, "'interpretAs' must be a string")
            plain.append(shown)
            where.extend([position] * len(shown))
        else:
            raise RequestError(400, "each 'annotation' item needs a string 'text' or 'markup'")
        original.append(piece)
        position += len(piece)
    where.append(position)
    return "".join(original), "".join(plain), where


# --- The checking service ----------------------------------------------------------------------

class Checker:
    """The engine, compiled once, and the one lock that serialises checks in this process."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.config = settings.engine_config()
        self.engine = get_engine(self.config)
        self._limiter = None
        self.busy_since: float | None = None  # when the check now running started

    @property
    def stuck(self) -> bool:
        """A check that has run for twice its time budget will not come back: every rule stops
        matching at the budget, so something is wrong with this worker."""
        started = self.busy_since
        return started is not None and time.monotonic() - started > 2 * self.settings.time_budget

    @property
    def limiter(self):
        import anyio

        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(1)
        return self._limiter

    def rules(self, select, ignore):
        if not select and not ignore:
            return self.engine.rules
        try:
            return self.engine.choose_rules(tuple(select) or self.config.select, self.config.ignore + tuple(ignore))
        except UsageError as exc:
            raise RequestError(400, str(exc).replace("--select", "select").replace("--ignore", "ignore")) from None

    def check(self, text: str, date: dt.date | None, select=(), ignore=(), deadline: float | None = None):
        """(Document, findings) for one text; raises RequestError(503) past the deadline."""
        from .stats import document_stats

        rules = self.rules(select, ignore)
        doc = make_document(text, "-", self.config, date)
        self.busy_since = time.monotonic()
        try:
            findings = self.engine.check_document(doc, rules=rules, deadline=deadline)
        except OverBudget:
            raise RequestError(503, f"the check took longer than the time budget of {self.settings.time_budget:g} s") from None
        finally:
            self.busy_since = None
        doc.stats = document_stats(doc)
        return doc, findings

    async def run(self, request_started: float, *args):
        import anyio

        deadline = request_started + self.settings.time_budget
        return await anyio.to_thread.run_sync(lambda: self.check(*args, deadline=deadline), limiter=self.limiter)


def _parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RequestError(400, "'date' must be a string YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RequestError(400, f"'date' must be YYYY-MM-DD, got {value!r}") from None


def _id_list(value, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RequestError(400, f"'{name}' must be a list of rule or pack ids")
    return tuple(v.strip() for v in value)


def native_report(doc, findings) -> dict:
    from .engine import RunResult
    from .report.json import as_dict

    report = as_dict(RunResult(findings, [], [doc]))
    if doc.errors:
        report["errors"] = list(doc.errors)
    return report


def is_arabic(text: str) -> bool:
    """Most of the text's letters are Arabic (Latin names and acronyms in Arabic copy are fine)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    return arabic > 0 and 2 * arabic >= len(_LETTER.findall(text))


def named_replacements(finding) -> list[str]:
    """The fix, then every alternative the message names, each once."""
    out = [] if finding.fix is None else [finding.fix]
    for first, more in _NAMED.findall(finding.message_en):
        for value in [first, *_OR.findall(more)]:
            if value not in out and value != finding.excerpt:
                out.append(value)
    return out


def lt_kind(finding) -> tuple[str, str]:
    """(category id, issue type) for a finding, as LanguageTool's clients know them."""
    if finding.rule in LT_KIND_BY_RULE:
        return LT_KIND_BY_RULE[finding.rule]
    if finding.severity == "info":
        return ("STYLE", "style")
    return LT_KIND_BY_PACK.get(finding.pack, ("MISC", "uncategorized"))


def lt_language(requested: str, text: str) -> tuple[dict, dict, bool]:
    """(language, detectedLanguage, check?) for a request. Arabic text is checked whatever code came
    with it, as LanguageTool checks with what it detects under `auto`; any other text is answered
    with no matches, not an error, so a client set to check every page stays quiet elsewhere."""
    arabic = is_arabic(text)
    detected = ARABIC if arabic else UNKNOWN_LANGUAGE
    wants_arabic = requested.split("-")[0].lower() == "ar"
    if requested == "auto":
        language = detected
    elif wants_arabic:
        language = {"name": "Arabic", "code": requested}
    else:
        language = {"name": requested, "code": requested}
    return language, {**detected, "confidence": 1.0 if arabic else 0.0}, arabic or wants_arabic


def lt_report(original: str, plain_to_original, doc, findings, rules_by_id,
              language: dict | None = None, detected: dict | None = None) -> dict:
    """LanguageTool's /v2/check response for findings on `doc.text`, offsets in `original`."""
    from .report.html import PACK_AR

    utf16 = Utf16Offsets(original)
    sentences = doc.sentences
    starts = [s for s, _ in sentences]
    matches = []
    for f in findings:
        start, end = plain_to_original[f.start], plain_to_original[f.end]
        lo, hi = max(0, start - LT_CONTEXT_CHARS), min(len(original), end + LT_CONTEXT_CHARS)
        context = ("…" if lo else "") + original[lo:hi].replace("\n", " ").replace("\r", " ") + ("…" if hi < len(original) else "")
        in_context = Utf16Offsets(context)
        at = start - lo + (1 if lo else 0)  # where the finding starts in the context, after any "…"
        context_offset = in_context(at)
        k = bisect.bisect_right(starts, f.start) - 1
        sentence = doc.text[sentences[k][0]:sentences[k][1]] if k >= 0 and f.start < sentences[k][1] else doc.text[f.start:f.end]
        rule = rules_by_id.get(f.rule)
        category, issue_type = lt_kind(f)
        matches.append({
            "message": f.message,
            "shortMessage": f.message_en,
            "replacements": [{"value": value} for value in named_replacements(f)],
            "offset": utf16(start),
            "length": utf16(end) - utf16(start),
            "context": {"text": context, "offset": context_offset, "length": in_context(at + end - start) - context_offset},
            "sentence": sentence,
            "type": {"typeName": "Other"},
            "rule": {
                "id": f.rule,
                "description": (rule.description if rule else "") or f.rule,
                "issueType": issue_type,
                # The pack in the name, so that the user still sees where a finding comes from.
                "category": {"id": category, "name": PACK_AR.get(f.pack, f.pack)},
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    return {
        "software": LT_SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {**(language or ARABIC), "detectedLanguage": detected or {**ARABIC, "confidence": 1.0}},
        "matches": matches,
    }


LT_SOFTWARE = {"name": "tadqiq", "version": __version__, "buildDate": "", "apiVersion": 1, "premium": False, "status": ""}


# --- HTTP plumbing -----------------------------------------------------------------------------

async def read_body(request, limit: int) -> bytes:
    """The body, refusing with 413 as soon as it passes the limit, declared or not."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise RequestError(413, f"request body over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, f"request body over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_json(request, limit: int) -> dict:
    if _media_type(request) != "application/json":
        raise RequestError(415, "expected Content-Type: application/json")
    body = await read_body(request, limit)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"request body is not valid UTF-8 (byte {exc.start})") from None
    payload = _loads(text, "request body")
    if not isinstance(payload, dict):
        raise RequestError(400, "request body must be a JSON object")
    return payload


# LanguageTool's browser add-on posts its form fields with XMLHttpRequest.send(string), which labels
# them text/plain; curl-based clients may send no type at all. LanguageTool's server reads both.
_LT_FORM_TYPES = {"application/x-www-form-urlencoded", "text/plain", ""}


async def read_form(request, limit: int, types=frozenset({"application/x-www-form-urlencoded"})) -> dict:
    """URL-encoded form fields (LanguageTool's clients send these), or the query string of a GET.
    Percent-encoded bytes must be UTF-8: a wrong charset is a 400, not mojibake."""
    if request.method == "GET":
        raw = request.url.query
    else:
        if _media_type(request) not in types:
            raise RequestError(415, "expected Content-Type: application/x-www-form-urlencoded")
        body = await read_body(request, limit)
        try:
            raw = body.decode("ascii")
        except UnicodeDecodeError:
            raise RequestError(400, "form body must be percent-encoded ASCII") from None
    try:
        return dict(urllib.parse.parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict"))
    except UnicodeDecodeError:
        raise RequestError(400, "form fields are not valid UTF-8") from None


def _error_response(status: int, message: str):
    from starlette.responses import JSONResponse

    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _json(payload, status: int = 200):
    from starlette.responses import Response

    return Response(json.dumps(payload, ensure_ascii=False), status_code=status, media_type="application/json")


def _authorised(request, settings: Settings, form: dict | None = None) -> bool:
    if not settings.token:
        return True
    given = ""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        given = header[7:].strip()
    elif form is not None:
        given = form.get("apiKey", "")
    return hmac.compare_digest(given.encode(), settings.token.encode())


# --- The application ---------------------------------------------------------------------------

def create_app(settings: Settings | None = None):
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import HTMLResponse, PlainTextResponse
    from starlette.routing import Route

    settings = settings or Settings()
    checker = Checker(settings)
    # One small check at start-up builds what the engine builds lazily (the word list on a first
    # run, its memo tables), so the first request is not the one to run out of its time budget.
    checker.check("قال المتحدث إن الوفد غادر.", None)
    rules_by_id = {r.id: r for r in checker.engine.all_rules}

    def guarded(handler, form_auth: bool = False):
        """Errors become JSON with the right status; the token is required when one is set."""
        async def endpoint(request):
            started = time.monotonic()
            try:
                if not form_auth and not _authorised(request, settings):
                    raise RequestError(401, "missing or wrong bearer token")
                return await handler(request, started)
            except RequestError as exc:
                return _error_response(exc.status, str(exc))
        return endpoint

    async def native_check(request, started):
        payload = await read_json(request, settings.max_body)
        unknown = sorted(set(payload) - _NATIVE_FIELDS)
        if unknown:
            raise RequestError(400, f"unknown field {unknown[0]!r} (expected: text, date, select, ignore)")
        if "text" not in payload:
            raise RequestError(400, "missing field 'text'")
        if not isinstance(payload["text"], str):
            raise RequestError(400, "'text' must be a string")
        doc, findings = await checker.run(started, payload["text"], _parse_date(payload.get("date")),
                                          _id_list(payload.get("select"), "select"),
                                          _id_list(payload.get("ignore"), "ignore"))
        return _json(native_report(doc, findings))

    async def highlights(request, started):
        """The paste page's live check: findings with UTF-16 offsets (JavaScript's string indices)
        and whether each fix is safe, for underlines in the editable text and a card per span."""
        payload = await read_json(request, settings.max_body)
        if not isinstance(payload.get("text"), str):
            raise RequestError(400, "missing or non-string field 'text'")
        text = payload["text"]
        doc, findings = await checker.run(started, text, _parse_date(payload.get("date")))
        utf16 = Utf16Offsets(text)
        return _json({"findings": [
            {"offset": utf16(f.start), "length": utf16(f.end) - utf16(f.start), "rule": f.rule, "pack": f.pack,
             "severity": f.severity, "message": f.message, "message_en": f.message_en, "fix": f.fix,
             "safe": f.fix is not None and f.fix_safe,
             # Other rules that saw the same problem (qa.samecause): named on the same card.
             "related": [{"rule": r.rule, "severity": r.severity} for r in f.related]} for f in findings]})

    async def list_rules(request, started):
        packs = []
        for pack in checker.engine.packs:
            packs.append({"id": pack.id, "rules": [
                {"id": r.id, "kind": r.kind, "severity": r.severity, "enabled": r.enabled,
                 "fix": "safe" if r.fix_safe else "unsafe",
                 "description": r.description, "message": r.message_ar, "message_en": r.message_en}
                for r in pack.rules]})
        return _json({"packs": packs})

    async def healthz(request):
        if checker.stuck:
            return _json({"status": "stuck", "version": __version__, "rules": len(checker.engine.rules)}, 503)
        return _json({"status": "ok", "version": __version__, "rules": len(checker.engine.rules)})

    async def openapi(request):
        return _json(openapi_document())

    known_ids = {r.id for r in checker.engine.all_rules} | {r.pack for r in checker.engine.all_rules}

    def lt_ids(form, name):
        # Clients send LanguageTool's own rule ids (the browser add-on: WHITESPACE_RULE); LanguageTool
        # ignores ids it does not know, and so does tadqiq.
        return tuple(i for i in _id_list(form.get(name), name) if i in known_ids)

    async def lt_check(request, started):
        form = await read_form(request, settings.max_body, _LT_FORM_TYPES)
        if not _authorised(request, settings, form):
            raise RequestError(401, "missing or wrong bearer token (send Authorization: Bearer or apiKey)")
        requested = form.get("language")
        if not requested:
            raise RequestError(400, "missing parameter 'language' (use 'ar' or 'auto')")
        if "text" in form:
            original = plain = form["text"]
            where = range(len(plain) + 1)
        elif "data" in form:
            original, plain, where = parse_annotation(form["data"])
        else:
            raise RequestError(400, "missing parameter 'text' or 'data'")
        language, detected, arabic = lt_language(requested, plain)
        if not arabic:
            return _json({"software": LT_SOFTWARE, "warnings": {"incompleteResults": False},
                          "language": {**language, "detectedLanguage": detected}, "matches": []})
        only = form.get("enabledOnly") == "true"
        chosen, ignore = lt_ids(form, "enabledRules") if only else (), lt_ids(form, "disabledRules")
        categories = set(_id_list(form.get("enabledCategories"), "enabledCategories")) if only else set()
        disabled = set(_id_list(form.get("disabledCategories"), "disabledCategories"))
        # With enabledOnly, enabled rules and enabled categories add up; categories are LanguageTool's.
        select = () if categories else chosen
        doc, findings = await checker.run(started, plain, _parse_date(form.get("date")), select, ignore)
        findings = [f for f in findings if lt_kind(f)[0] not in disabled and (
            not categories or lt_kind(f)[0] in categories or f.rule in chosen or f.pack in chosen)]
        return _json(lt_report(original, where, doc, findings, rules_by_id, language, detected))

    async def lt_info(request, started):
        return _json({"software": LT_SOFTWARE, "languages": LT_LANGUAGES})

    async def lt_languages(request, started):
        return _json(LT_LANGUAGES)

    async def lt_healthcheck(request):
        return PlainTextResponse("OK")

    async def page(request, started):
        form = await read_form(request, settings.max_body) if request.method == "POST" else {}
        html = await render_page(checker, settings, form, started, authorised=_authorised(request, settings, form))
        return HTMLResponse(html, headers={
            # Everything is inline and local: only the page's own script runs, it talks only to this
            # server, and nothing may be framed or posted elsewhere.
            "Content-Security-Policy": f"default-src 'none'; style-src 'unsafe-inline'; script-src {page_script_hash()}; "
                                       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff",
        })

    routes = [
        Route("/", guarded(page, form_auth=True), methods=["GET", "POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/api/v1/check", guarded(native_check), methods=["POST"]),
        Route("/api/v1/rules", guarded(list_rules), methods=["GET"]),
        Route("/api/v1/highlights", guarded(highlights), methods=["POST"]),
        Route("/v2/check", guarded(lt_check, form_auth=True), methods=["GET", "POST"]),
        Route("/v2/languages", guarded(lt_languages), methods=["GET"]),
        Route("/v2/info", guarded(lt_info), methods=["GET"]),
        Route("/v2/healthcheck", lt_healthcheck, methods=["GET"]),
    ]
    middleware = []
    if settings.cors_origins:
        # A preflight names the headers the page will send (the Word add-in's include its own);
        # for an allowed origin they are all allowed, as LanguageTool's server does.
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["*"], max_age=86400))
    middleware.append(Middleware(AnswerOptions))

    async def not_found(request, exc):
        return _error_response(exc.status_code, exc.detail or "not found")

    async def internal(request, exc):
        return _error_response(500, f"internal error: {type(exc).__name__} (please report it)")

    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={404: not_found, 405: not_found, Exception: internal})


class AnswerOptions:
    """Any OPTIONS request that the CORS layer did not answer gets 204 and the methods, not 405:
    a client probing the server is not an error. No CORS headers: only allowed origins get those."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            from starlette.responses import Response

            await Response(status_code=204, headers={"Allow": "GET, POST, OPTIONS"})(scope, receive, send)
            return
        await self.app(scope, receive, send)


def app_from_env():
    """The factory uvicorn's worker processes call; settings travel in an environment variable."""
    return create_app(Settings.from_env(os.environ[SETTINGS_ENV]))


async def render_page(checker: Checker, settings: Settings, form: dict, started: float, authorised: bool) -> str:
    from .fixes import apply_fixes, fix_until_stable
    from .report.html import (
        PACK_AR,
        SEVERITY_AR,
        SEVERITY_ORDER,
        build_article,
        environment,
    )

    text = form.get("text", "").replace("\r\n", "\n")  # browsers send CRLF for a textarea's newlines
    date_field = form.get("date", "")
    notice, article, error = "", None, ""
    if form and not authorised:
        error = "رمز الوصول غير صحيح أو مفقود. / Missing or wrong access token."
    elif form:
        try:
            date = _parse_date(date_field)
            doc, findings = await checker.run(started, text, date)
            action = form.get("apply", "")
            if action == "all":
                text, findings, applied = fix_until_stable(checker.engine, doc, findings)
                notice = f"طُبّق {applied} إصلاحًا آمنًا. / Applied {applied} safe fixes."
            elif action:
                chosen = [f for f in findings if f"{f.start}:{f.end}:{f.rule}" == action and f.fix is not None and f.fix_safe]
                if chosen:
                    text, _ = apply_fixes(text, chosen[:1])
                    notice = "طُبّق الإصلاح. / Fix applied."
                else:
                    notice = "تغيّر النص منذ آخر تدقيق؛ دقّق مرة أخرى. / The text changed since the last check; check again."
            if action:
                doc, findings = await checker.run(started, text, date)
            article = build_article("draft", doc, findings)
        except RequestError as exc:
            error = str(exc)
    return environment().get_template("page.html.j2").render(
        text=text, date=date_field, article=article, notice=notice, error=error, version=__version__,
        script=page_script(),
        severity_ar=SEVERITY_AR, pack_ar=PACK_AR, severities=list(SEVERITY_ORDER), needs_token=bool(settings.token),
        api_key=form.get("apiKey", "") if authorised else "",
    )


@functools.lru_cache(maxsize=1)
def page_script() -> str:
    from .report.html import read_template_file

    return read_template_file("page.js")


def page_script_hash() -> str:
    from .report.html import script_hash

    return script_hash(page_script())


def openapi_document() -> dict:
    """The OpenAPI 3.1 description of the service (tests validate it and the answers against it)."""
    error = {"$ref": "#/components/schemas/Error"}

    def answers(ok_schema, ok_type="application/json", *codes):
        out = {"200": {"description": "OK", "content": {ok_type: {"schema": ok_schema}}}}
        for code in codes:
            out[str(code)] = {"description": _REASONS[code], "content": {"application/json": {"schema": error}}}
        return out

    form_schema = {
        "type": "object",
        "properties": {
            "text": {"type": "string", "description": "the text to check"},
            "data": {"type": "string", "description": "LanguageTool annotation JSON, instead of text"},
            "language": {"type": "string", "description": "any code, or auto; Arabic text is checked, other text gets no matches"},
            "date": {"type": "string", "format": "date", "description": "tadqiq extension: the article's date"},
            "enabledRules": {"type": "string"}, "disabledRules": {"type": "string"},
            "enabledOnly": {"type": "string"}, "apiKey": {"type": "string"},
        },
        "required": ["language"],
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "tadqiq", "version": __version__,
                 "description": "Pre-publication checks for Arabic news copy. Offsets in /v2 are UTF-16 code units."},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["status", "message"],
                    "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
                "CheckRequest": {"type": "object", "required": ["text"], "additionalProperties": False, "properties": {
                    "text": {"type": "string"},
                    "date": {"type": ["string", "null"], "format": "date"},
                    "select": {"type": "array", "items": {"type": "string"}},
                    "ignore": {"type": "array", "items": {"type": "string"}}}},
                "Finding": {"type": "object", "required": [
                    "path", "line", "column", "end_line", "end_column", "rule", "pack", "severity",
                    "message", "message_en", "excerpt", "fix"], "properties": {
                    "path": {"type": "string"}, "line": {"type": "integer", "minimum": 1},
                    "column": {"type": "integer", "minimum": 1}, "end_line": {"type": "integer", "minimum": 1},
                    "end_column": {"type": "integer", "minimum": 1}, "rule": {"type": "string"},
                    "pack": {"type": "string"}, "severity": {"enum": ["error", "warning", "info"]},
                    "message": {"type": "string"}, "message_en": {"type": "string"}, "excerpt": {"type": "string"},
                    "fix": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["replacement"],
                                                          "properties": {"replacement": {"type": "string"}}}]}}},
                "Report": {"type": "object", "required": ["tool", "findings", "documents", "summary"], "properties": {
                    "tool": {"type": "object", "required": ["name", "version"]},
                    "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                    "documents": {"type": "array", "items": {"type": "object", "required": ["path", "date", "date_source"],
                        "properties": {"path": {"type": "string"}, "date": {"type": ["string", "null"]},
                                       "date_source": {"enum": ["flag", "path", "front-matter", "text", "today"]},
                                       "stats": {"type": "object"}}}},
                    "summary": {"type": "object", "required": ["files", "findings", "by_pack"]},
                    "errors": {"type": "array", "items": {"type": "string"}}}},
                "Rules": {"type": "object", "required": ["packs"], "properties": {"packs": {"type": "array", "items": {
                    "type": "object", "required": ["id", "rules"], "properties": {
                        "id": {"type": "string"}, "rules": {"type": "array", "items": {"type": "object", "required": [
                            "id", "kind", "severity", "enabled", "fix", "description", "message", "message_en"]}}}}}}},
                "LTCheck": {"type": "object", "required": ["software", "language", "matches"], "properties": {
                    "software": {"type": "object", "required": ["name", "version", "apiVersion"]},
                    "language": {"type": "object", "required": ["name", "code"]},
                    "matches": {"type": "array", "items": {"type": "object", "required": [
                        "message", "shortMessage", "offset", "length", "replacements", "context", "sentence", "rule"],
                        "properties": {
                            "offset": {"type": "integer", "minimum": 0}, "length": {"type": "integer", "minimum": 0},
                            "replacements": {"type": "array", "items": {"type": "object", "required": ["value"]}},
                            "context": {"type": "object", "required": ["text", "offset", "length"]},
                            "rule": {"type": "object", "required": ["id", "description", "issueType", "category"],
                                     "properties": {"category": {"type": "object", "required": ["id", "name"]}}}}}}}},
                "LTLanguages": {"type": "array", "items": {"type": "object", "required": ["name", "code", "longCode"]}},
                "Health": {"type": "object", "required": ["status", "version"]},
            },
        },
        "paths": {
            "/api/v1/check": {"post": {
                "summary": "Check one text; the answer is the CLI's JSON report with path '-'",
                "security": [{}, {"bearer": []}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/CheckRequest"}}}},
                "responses": answers({"$ref": "#/components/schemas/Report"}, "application/json", 400, 401, 413, 415, 503)}},
            "/api/v1/highlights": {"post": {
                "summary": "The paste page's live check: findings with UTF-16 offset and length, severity, fix and whether it is safe",
                "security": [{}, {"bearer": []}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}, "date": {"type": ["string", "null"]}}}}}},
                "responses": answers({"type": "object", "required": ["findings"]}, "application/json", 400, 401, 413, 415, 503)}},
            "/api/v1/rules": {"get": {"summary": "The packs and their rules", "security": [{}, {"bearer": []}],
                                      "responses": answers({"$ref": "#/components/schemas/Rules"}, "application/json", 401)}},
            "/healthz": {"get": {"summary": "Liveness; 503 with status 'stuck' while a check outlives twice its budget",
                                 "responses": {**answers({"$ref": "#/components/schemas/Health"}),
                                               "503": {"description": "A check in this worker is stuck",
                                                       "content": {"application/json": {"schema": {
                                                           "$ref": "#/components/schemas/Health"}}}}}}},
            "/v2/check": {"post": {
                "summary": "LanguageTool-compatible check",
                "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": form_schema}}},
                "responses": answers({"$ref": "#/components/schemas/LTCheck"}, "application/json", 400, 401, 413, 415, 503)}},
            "/v2/languages": {"get": {"summary": "LanguageTool-compatible language list",
                                      "responses": answers({"$ref": "#/components/schemas/LTLanguages"})}},
            "/v2/info": {"get": {"summary": "The server's software and languages, for LanguageTool clients",
                                 "responses": answers({"type": "object", "required": ["software", "languages"]})}},
            "/": {"get": {"summary": "The paste-and-check page",
                          "responses": {"200": {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
        },
    }


_REASONS = {400: "Bad request", 401: "Missing or wrong token", 413: "Body too large",
            415: "Wrong content type", 503: "Time budget exceeded"}


def serve(settings: Settings) -> None:
    import uvicorn

    if settings.workers > 1:
        os.environ[SETTINGS_ENV] = settings.to_env()
        uvicorn.run("qa.serve:app_from_env", factory=True, host=settings.host, port=settings.port,
                    workers=settings.workers, log_level="warning")
    else:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
