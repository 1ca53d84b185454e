"""`qa lsp` driven over stdio by a real LSP client (pytest-lsp): diagnostics on open and after
typing, a quick fix applied, hover with the rule's explanation, and the workspace's [tool.qa]."""

import os
import sys

import pytest
from conftest import ROOT

pytest.importorskip("pygls", reason="the 'lsp' extra is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from qa.lsp import Positions

TEXT = "😀 قال المتحدث ، إن الوفد غادر أمس."


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "qa", "lsp"],
    server_env={**os.environ, "PYTHONPATH": str(ROOT)}))
async def client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(), workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")]))
    yield
    await lsp_client.shutdown_session()


def apply(text, edits):
    """Apply LSP TextEdits (UTF-16 positions) to a text, from the last to the first."""
    lines = text.split("\n")

    def offset(position):
        before = sum(len(line) + 1 for line in lines[:position.line])
        line = lines[position.line].encode("utf-16-le")[:2 * position.character].decode("utf-16-le")
        return before + len(line)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def open_and_wait(client, uri, text, version=1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


@pytest.mark.asyncio
async def test_diagnostics_quick_fix_and_hover(client: LanguageClient, tmp_path):
    uri = (tmp_path / "draft.txt").as_uri()
    found = await open_and_wait(client, uri, TEXT)
    space = next(d for d in found if d.code == "typography/space-before-punct")
    assert space.source == "tadqiq" and space.severity == types.DiagnosticSeverity.Warning
    # UTF-16 columns: the emoji before the finding counts twice.
    assert space.range.start == types.Position(line=0, character=TEXT.index(" ،") + 1)
    assert "،" in space.message

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=space.range,
        context=types.CodeActionContext(diagnostics=[space])))
    quick = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix)
    fixed = apply(TEXT, quick.edit.changes[uri])
    assert fixed == TEXT.replace(" ،", "،")

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=space.range.start))
    assert "typography/space-before-punct" in hover.contents.value and "fires on" in hover.contents.value

    # The editor applies the fix and reports the change; the finding is gone after the pause.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert not [d for d in client.diagnostics[uri] if d.code == "typography/space-before-punct"]


@pytest.mark.asyncio
async def test_typing_is_debounced_to_one_check(client: LanguageClient, tmp_path):
    uri = (tmp_path / "typing.txt").as_uri()
    await open_and_wait(client, uri, "قال")
    text = "قال"
    for version, more in enumerate([" المتحدث", " ،", " إن", " الوفد", " غادر"], start=2):
        text += more
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert any(d.code == "typography/space-before-punct" for d in client.diagnostics[uri])


@pytest.mark.asyncio
async def test_workspace_pyproject_settings_apply(client: LanguageClient, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.qa]\nignore = ["typography/space-before-punct"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    uri = (tmp_path / "sub" / "draft.md").as_uri()
    found = await open_and_wait(client, uri, TEXT)
    assert not [d for d in found if d.code == "typography/space-before-punct"]


def test_positions_count_utf16_and_line_breaks():
    text = "a😀b\r\nc\rd\ne"
    where = Positions(text)
    assert where.position(text.index("b")) == types.Position(line=0, character=3)
    assert where.position(text.index("c")) == types.Position(line=1, character=0)
    assert where.position(text.index("d")) == types.Position(line=2, character=0)
    assert where.position(text.index("e")) == types.Position(line=3, character=0)


@pytest.mark.asyncio
async def test_saving_the_settings_rechecks_open_drafts(client: LanguageClient, tmp_path):
    uri = (tmp_path / "draft.txt").as_uri()
    found = await open_and_wait(client, uri, TEXT)
    assert any(d.code == "typography/space-before-punct" for d in found)
    settings = tmp_path / "qa.toml"
    settings.write_text('ignore = ["typography/space-before-punct"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=settings.as_uri())))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert not [d for d in client.diagnostics[uri] if d.code == "typography/space-before-punct"]


@pytest.mark.asyncio
async def test_code_and_settings_files_are_not_checked(client: LanguageClient, tmp_path):
    code = (tmp_path / "tool.py").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=code, language_id="python", version=1, text='print("قال المتحدث ، إن")\n')))
    uri = (tmp_path / "draft.md").as_uri()
    await open_and_wait(client, uri, TEXT)
    assert code not in client.diagnostics
