"""`qa facts import`: a Wikidata export of P39 statements (SPARQL JSON results or entities) merged
into the office-holder base, marking what it verified. The fixtures are written in Wikidata's
formats for a made-up country, so that the tests say exactly what changes."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from qa.cli import main
from qa.facts import load, validate
from qa.facts_import import ExportError, Statement, export, merge, read_export

DATA = Path(__file__).parent / "data" / "wikidata"
AS_OF = dt.date(2026, 11, 1)


@pytest.fixture
def base(tmp_path):
    path = tmp_path / "office-holders.yaml"
    shutil.copy(DATA / "base.yaml", path)
    return path


def test_sparql_results_are_read():
    statements = read_export(DATA / "sparql.json")
    assert Statement("Q9100003", "Q9000002", "2016-03", "2022-05-01", "كارل موس", "Carl Moss") in statements
    assert Statement("Q9100004", "Q9000001", "2025-03-01", None, "دانة فيلد", "Dana Field") in statements
    # The query service gives the Q-id as the label when there is no Arabic one.
    assert Statement("Q9100005", "Q9000002", "2022-05-01", None, None, None) in statements


def test_entities_are_read_like_sparql_results(tmp_path):
    statements = read_export(DATA / "entities.json")
    assert statements == [Statement("Q9100002", "Q9000001", "2018-01-15", "2025-03-01", "بيلا ستون", "Bella Stone"),
                          Statement("Q9100003", "Q9000002", "2016-03", "2022-05-01", "كارل موس", "Carl Moss")]
    # A dump: one entity per line inside a JSON array, each line ending with a comma.
    entities = json.loads((DATA / "entities.json").read_text(encoding="utf-8"))["entities"]
    dump = tmp_path / "dump.json"
    dump.write_text("[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in entities.values()) + "\n]\n", encoding="utf-8")
    assert read_export(dump) == statements
    single = tmp_path / "Q9100002.json"  # a bare entity
    single.write_text(json.dumps(entities["Q9100002"], ensure_ascii=False), encoding="utf-8")
    assert read_export(single) == statements[:1]


def test_merge_verifies_changes_adds_and_rekeys(base):
    report = merge(base, read_export(DATA / "sparql.json"), AS_OF)
    assert report.verified == ["Adam Rook"]
    assert [name for name, *_ in report.changed] == ["Bella Stone (Q9100002)", "Carl Moss (Q9100003)"]
    assert report.added == ["Dana Field (Q9100004): xa-president 2025-03-01..now"]
    assert report.skipped == [("Q9100005", "no Arabic label")]
    assert report.unknown_positions == {"Q9999999"} and report.no_start == 1 and report.problems == []
    facts = load(base)
    people = {p.name_en: p for p in facts.people}
    assert not any(p.verify for p in facts.people)
    assert people["Adam Rook"].verified == "2026-11-01" and "Q9100001" in people["Adam Rook"].source
    assert people["Bella Stone"].terms[0].end_text == "2025-03-01"
    assert people["Carl Moss"].id == "Q9100003"  # the enwiki: anchor took the Q-id of the same name and office
    assert people["Dana Field"].names == ["دانة فيلد"]
    assert facts.offices["xa-president"].known_until == AS_OF  # the export covers it to its date
    text = base.read_text(encoding="utf-8")
    assert text.startswith("# A small office-holder base") and "# --- Xania ---" in text  # comments kept
    assert validate(facts) == []


def test_import_is_idempotent(base):
    merge(base, read_export(DATA / "sparql.json"), AS_OF)
    once = base.read_text(encoding="utf-8")
    report = merge(base, read_export(DATA / "sparql.json"), AS_OF)
    assert base.read_text(encoding="utf-8") == once
    assert not report.changed and not report.added and len(report.verified) == 4


def test_round_trip_of_an_export(base, tmp_path):
    """Import a fixture export, export the base, import that into an empty base: the same facts."""
    merge(base, read_export(DATA / "sparql.json"), AS_OF)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(export(load(base)), ensure_ascii=False), encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text(base.read_text(encoding="utf-8").split("people:")[0] + "people:\n", encoding="utf-8")
    merge(empty, read_export(exported), AS_OF)

    def facts_of(path):
        return sorted((p.id, p.names[0], t.office, t.start_text, t.end_text) for p in load(path).people for t in p.terms)
    assert facts_of(empty) == facts_of(base)
    assert export(load(empty)) == export(load(base))


def test_dry_run_writes_nothing(base):
    before = base.read_text(encoding="utf-8")
    report = merge(base, read_export(DATA / "sparql.json"), AS_OF, write=False)
    assert report.added and base.read_text(encoding="utf-8") == before


def test_bad_exports_are_one_line_errors(tmp_path, base, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ExportError):
        read_export(bad)
    assert main(["facts", "import", str(bad), "--facts", str(base)]) == 2
    assert "not JSON" in capsys.readouterr().err
    bad.write_text('{"something": 1}', encoding="utf-8")
    assert main(["facts", "import", str(bad), "--facts", str(base)]) == 2
    bad.write_text('{"entities": {"Q1": {"id": "Q1", "claims": {"P39": ["x"]}}}}', encoding="utf-8")
    assert main(["facts", "import", str(bad), "--facts", str(base)]) == 2
    bad.write_text('{"results": {"bindings": [{"person": "Q1"}, 7]}}', encoding="utf-8")  # rows skipped
    assert main(["facts", "import", str(bad), "--facts", str(base), "--dry-run"]) == 0
    assert main(["facts", "import", "--facts", str(base)]) == 2


def test_cli_import_query_export(base, capsys):
    assert main(["facts", "import", str(DATA / "entities.json"), "--facts", str(base), "--as-of", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "2 statements" in out and "changed Bella Stone" in out
    assert main(["facts", "query", "--facts", str(base)]) == 0
    query = capsys.readouterr().out
    assert "wd:Q9000001 wd:Q9000002" in query and "pqv:P580" in query and '"ar"' in query
    assert main(["facts", "export", "--facts", str(base)]) == 0
    assert json.loads(capsys.readouterr().out)["head"]["vars"][0] == "person"
