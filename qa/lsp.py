"""`qa lsp`: tadqiq as a language server over stdio, for any editor that speaks LSP.

- Diagnostics when a document is opened or saved, and after a pause in typing (debounced), for
  plain-text and Markdown documents.
- A quick fix for each finding with a safe fix, and "apply every safe fix" for the document.
- Hover on a finding: its messages and the rule's explanation, as `qa explain` prints it.
- Settings from the workspace's pyproject.toml `[tool.qa]` (or qa.toml), found from the document's
  folder upwards, as `qa check` finds them from the current directory; read again when the editor
  saves one of those files.

Checks run one at a time on a worker thread, so the server keeps answering while one runs.
Positions are sent in UTF-16 code units, LSP's default, converted from tadqiq's code points.
"""

from __future__ import annotations

import asyncio
import bisect
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__

DEBOUNCE_SECONDS = 0.4
# What is checked: copy, whatever else the editor sends (code and settings files are not Arabic prose).
DRAFT_LANGUAGES = {"plaintext", "text", "markdown"}
DRAFT_SUFFIXES = (".txt", ".md", ".markdown")
SOURCE = "tadqiq"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


class Positions:
    """Code-point offsets of one text to LSP positions (line, UTF-16 column) and back."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        for i, ch in enumerate(text):
            # \r\n is one break; a lone \r or \n is one too, as LSP counts them.
            if ch == "\n" or (ch == "\r" and text[i + 1:i + 2] != "\n"):
                self.starts.append(i + 1)

    def position(self, offset: int) -> types.Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        before = self.text[self.starts[line]:offset]
        return types.Position(line=line, character=len(before.encode("utf-16-le")) // 2)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


def uri_to_path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def explain_markdown(rule) -> str:
    """`qa explain RULE`, as Markdown for a hover."""
    parts = [f"**{rule.id}** · {rule.severity} · kind `{rule.kind}`"]
    if rule.description:
        parts.append(rule.description)
    fire = [ex["text"] for ex in rule.examples["fire"]][:3]
    passing = [ex["text"] for ex in rule.examples["pass"]][:2]
    if fire:
        parts.append("يُنبَّه على / fires on:\n" + "\n".join(f"- ✗ {text}" for text in fire))
    if passing:
        parts.append("ولا يُنبَّه على / does not fire on:\n" + "\n".join(f"- ✓ {text}" for text in passing))
    return "\n\n".join(parts)


class Checks:
    """One engine per configuration file, and the findings last published for each document."""

    def __init__(self):
        self._engines: dict = {}
        self._lock = threading.Lock()  # the engine's lazily built tables are not for two threads at once
        self.findings: dict[str, tuple[str, list]] = {}  # uri -> (text checked, findings)

    def engine_for(self, path: Path | None):
        from .config import Config, find_config, load_config
        from .engine import get_engine

        config_path = find_config(path.parent) if path else None
        key = str(config_path)
        if key not in self._engines:
            config = load_config(config_path) if config_path else Config()
            self._engines[key] = (config, get_engine(config), config_path)
        return self._engines[key]

    def check(self, uri: str, text: str) -> list:
        from .engine import make_document

        path = uri_to_path(uri)
        with self._lock:
            config, engine, config_path = self.engine_for(path)
            # Per-path overrides are globbed against the path below the configuration's folder.
            name = str(path.relative_to(config_path.parent)) if path and config_path and path.is_relative_to(config_path.parent) else (str(path) if path else uri)
            findings = engine.check_document(make_document(text, name, config))
        self.findings[uri] = (text, findings)
        return findings

    def forget_settings(self) -> None:
        with self._lock:
            self._engines.clear()

    def rule(self, rule_id: str):
        for _, engine, _ in self._engines.values():
            for rule in engine.all_rules:
                if rule.id == rule_id:
                    return rule
        return None


def diagnostics(text: str, findings) -> list[types.Diagnostic]:
    where = Positions(text)
    return [types.Diagnostic(
        range=where.range(f.start, f.end), severity=SEVERITY[f.severity], code=f.rule, source=SOURCE,
        message=f"{f.message}\n{f.message_en}" + "".join(f"\n(+ {r.rule})" for r in f.related),
        data={"fix": f.fix, "safe": f.fix_safe, "start": f.start, "end": f.end},
    ) for f in findings]


def create_server() -> LanguageServer:
    server = LanguageServer("tadqiq", __version__)
    checks = Checks()
    pending: dict[str, asyncio.Task] = {}

    async def publish(uri: str, delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)  # cancelled by the next change: only the last one checks
        document = server.workspace.get_text_document(uri)
        text, version = document.source, document.version
        try:
            findings = await asyncio.to_thread(checks.check, uri, text)
        except Exception as exc:  # a broken config or pack: say so once, do not crash the editor's server
            server.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"tadqiq: {exc}"))
            return
        if server.workspace.get_text_document(uri).version != version:
            return  # the text moved on while this ran; the newer check will publish
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=diagnostics(text, findings)))

    def schedule(uri: str, delay: float) -> None:
        if uri in pending:
            pending[uri].cancel()
        pending[uri] = asyncio.ensure_future(publish(uri, delay))

    drafts: set[str] = set()  # the open documents that are copy, not code or settings

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams):
        document = params.text_document
        if document.language_id in DRAFT_LANGUAGES or document.uri.lower().endswith(DRAFT_SUFFIXES):
            drafts.add(document.uri)
            schedule(document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams):
        if params.text_document.uri in drafts:
            schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        if uri.endswith(("/pyproject.toml", "/qa.toml")):
            # The settings changed: read them again, and check every open draft under them.
            checks.forget_settings()
            for draft in drafts:
                schedule(draft, 0.0)
            return
        if uri in drafts:
            schedule(uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        drafts.discard(uri)
        if uri in pending:
            pending.pop(uri).cancel()
        checks.findings.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def safe_fixes_in(uri: str, wanted: types.Range | None):
        """The findings with a safe fix, on the text last checked, if the editor still shows it."""
        text, findings = checks.findings.get(uri, ("", []))
        if server.workspace.get_text_document(uri).source != text:
            return text, []
        where = Positions(text)
        out = []
        for f in findings:
            if f.fix is None or not f.fix_safe:
                continue
            span = where.range(f.start, f.end)
            if wanted is None or _overlaps(span, wanted):
                out.append((f, span))
        return text, out

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: LanguageServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        text, here = safe_fixes_in(uri, params.range)
        actions = []
        for f, span in here:
            shown = f.fix if f.fix else "(حذف / delete)"
            actions.append(types.CodeAction(
                title=f"tadqiq: «{shown}» ({f.rule})", kind=types.CodeActionKind.QuickFix, is_preferred=True,
                diagnostics=[d for d in params.context.diagnostics if d.code == f.rule and d.range == span],
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=span, new_text=f.fix)]})))
        if here:
            from .fixes import select_fixes

            _, everything = safe_fixes_in(uri, None)
            chosen = select_fixes([f for f, _ in everything])
            where = Positions(text)
            edits = [types.TextEdit(range=where.range(f.start, f.end), new_text=f.fix) for f in chosen]
            actions.append(types.CodeAction(
                title=f"tadqiq: طبّق كل الإصلاحات الآمنة / apply every safe fix ({len(edits)})",
                kind=types.CodeActionKind.SourceFixAll, edit=types.WorkspaceEdit(changes={uri: edits})))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams):
        text, findings = checks.findings.get(params.text_document.uri, ("", []))
        if server.workspace.get_text_document(params.text_document.uri).source != text:
            return None
        where = Positions(text)
        at = params.position
        here = [f for f in findings if _contains(where.range(f.start, f.end), at)]
        if not here:
            return None
        parts = []
        for f in here:
            part = f"**{f.message}**\n\n{f.message_en}"
            rule = checks.rule(f.rule)
            if rule is not None:
                part += "\n\n" + explain_markdown(rule)
            parts.append(part)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                           range=where.range(here[0].start, here[0].end))

    return server


def _key(position: types.Position) -> tuple[int, int]:
    return (position.line, position.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _contains(span: types.Range, at: types.Position) -> bool:
    return _key(span.start) <= _key(at) <= _key(span.end)


def main() -> None:
    create_server().start_io()
