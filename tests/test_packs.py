"""Rule packs: users' packs load with --rules, and every mistake is one line naming file and line."""

import textwrap

import pytest
from test_cli import run

from qa.packs import PackError, load_packs

GOOD_RULE = """\
pack: house
description: A newsroom's own rules.
rules:
  - id: house/no-breaking
    kind: pattern
    severity: warning
    message_ar: "لا تستخدم «عاجل» في المتن."
    message_en: "Do not use «عاجل» in body text."
    pattern: 'عاجل'
    examples:
      fire: ["خبر عاجل"]
      pass: ["خبر"]
"""


def write_pack(tmp_path, text, name="house.yaml"):
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_user_pack_runs_with_rules_dir(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    proc = run("check", "-", "--rules", str(tmp_path), stdin="هذا خبر عاجل\n")
    assert proc.returncode == 1
    assert "house/no-breaking" in proc.stdout and "لا تستخدم" in proc.stdout


@pytest.mark.parametrize("mutation, line, words", [
    (("kind: pattern", "kind: patern"), 5, "unknown kind 'patern'"),
    (('    message_ar: "لا تستخدم «عاجل» في المتن."\n', ""), 4, "missing or empty 'message_ar'"),
    (("pattern: 'عاجل'", "pattern: 'عاجل('"), 9, "invalid regular expression"),
    (("severity: warning", "severity: fatal"), 6, "severity must be one of"),
    (("id: house/no-breaking", "id: other/no-breaking"), 4, "must start with the pack id"),
    (("pattern: 'عاجل'", "pattern: 'عاجل'\n    colour: red"), 10, "unknown parameter 'colour'"),
    (("pattern: 'عاجل'", "pattern: 'عاجل'\n    pattern: 'x'"), 10, "duplicate key 'pattern'"),
    (("      fire:", "      fire: ["), 12, "invalid YAML"),
])
def test_broken_pack_is_one_line_with_file_and_line(tmp_path, mutation, line, words):
    old, new = mutation
    assert old in GOOD_RULE
    write_pack(tmp_path, GOOD_RULE.replace(old, new))
    proc = run("check", "seeds/", "--rules", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    [message] = proc.stderr.strip().splitlines()
    assert f"{tmp_path / 'house.yaml'}:{line}:" in message, message
    assert words in message


LEXICON_PACK = """\
pack: house
description: x
rules:
  - id: house/words
    kind: lexicon
    severity: info
    message_ar: "كلمة"
    message_en: "word"
    lexicon: lexicons/words.yaml
    examples:
      fire: ["قال المحرر كلمة"]
      pass: ["قال المحرر"]
"""


def write_lexicon_pack(directory, entries: str):
    """A user pack with one lexicon rule, whose entries live in lexicons/words.yaml."""
    write_pack(directory, LEXICON_PACK)
    (directory / "lexicons").mkdir(exist_ok=True)
    (directory / "lexicons" / "words.yaml").write_text(entries, encoding="utf-8")


def test_broken_lexicon_file_names_its_own_line(tmp_path):
    write_lexicon_pack(tmp_path, "entries:\n  - {match: أ}\n  - {fix: ب}\n")
    with pytest.raises(PackError) as err:
        load_packs([tmp_path])
    assert str(err.value).startswith(f"{tmp_path / 'lexicons' / 'words.yaml'}:3:")
    assert "needs 'match'" in str(err.value)


def test_duplicate_rule_id_across_packs(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    write_pack(tmp_path, GOOD_RULE, name="house2.yaml")
    with pytest.raises(PackError, match="already defined"):
        load_packs([tmp_path])


def test_rules_dir_must_exist(tmp_path):
    proc = run("check", "seeds/", "--rules", str(tmp_path / "none"))
    assert proc.returncode == 2 and "rules directory not found" in proc.stderr


def test_builtin_pack_ids_are_fixed():
    from qa.packs import PACK_IDS

    for pack in load_packs():
        assert pack.id in PACK_IDS, f"{pack.id} is not one of the fixed pack ids"




def _matches(packs, text):
    from qa.document import Document

    rule = next(r for p in packs for r in p.rules if r.id == "house/words")
    return [Document(text).text[h.start:h.end] for h in rule.check(Document(text), None)]


def test_compiled_packs_are_cached_and_invalidated_by_their_data(tmp_path, monkeypatch):
    monkeypatch.setenv("TADQIQ_CACHE", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    rules.mkdir()
    write_lexicon_pack(rules, "entries:\n  - {match: كلمة}\n")
    first = load_packs([rules])
    entries = sorted((tmp_path / "cache" / "packs").glob("*.pickle"))
    assert len(entries) >= 2  # the built-in packs and the user's
    again = load_packs([rules])
    assert _matches(again, "قال كلمة ثم عبارة") == _matches(first, "قال كلمة ثم عبارة") == ["كلمة"]
    # Editing the lexicon, which the pack file only names, must reach the next run.
    write_lexicon_pack(rules, "entries:\n  - {match: كلمة}\n  - {match: عبارة}\n")
    assert _matches(load_packs([rules]), "قال كلمة ثم عبارة") == ["كلمة", "عبارة"]


def test_a_corrupt_cache_entry_means_compiling_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TADQIQ_CACHE", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    rules.mkdir()
    write_lexicon_pack(rules, "entries:\n  - {match: كلمة}\n")
    load_packs([rules])
    for entry in (tmp_path / "cache" / "packs").glob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:50])
    assert _matches(load_packs([rules]), "قال كلمة") == ["كلمة"]
    monkeypatch.setenv("TADQIQ_NO_CACHE", "1")
    assert _matches(load_packs([rules]), "قال كلمة") == ["كلمة"]


def test_broken_pack_is_reported_even_after_a_good_one_was_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("TADQIQ_CACHE", str(tmp_path / "cache"))
    write_pack(tmp_path, GOOD_RULE)
    load_packs([tmp_path])
    write_pack(tmp_path, GOOD_RULE.replace("kind: pattern", "kind: patern"))
    with pytest.raises(PackError, match="unknown kind 'patern'"):
        load_packs([tmp_path])
