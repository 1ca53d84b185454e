"""mt-debris non-words through morphology and names evidence (issue 21), and glued-word precision."""

import pytest

from qa import Config, check_text

pytest.importorskip("qalsadi")


def rules_on(text, *rules):
    return [(f.rule, f.excerpt) for f in check_text(text, config=Config(select=rules))]


def test_regular_derivation_unknown_to_the_list_is_a_word():
    assert rules_on("وأعلن البنك عن سياسته الإقراضية الجديدة", "mt-debris/unknown-word") == []


def test_article_with_a_pronoun_suffix_is_no_word():
    from qa.morph import list_status

    assert list_status("الناثي") == ""
    assert list_status("سفارتهم") != ""


def test_shuffled_common_word_without_the_article_is_caught():
    # «طيلوة» is «طويلة» shuffled: no name evidence, used once, a core word's letters.
    assert rules_on("وقال المتحدث إن المفاوضات ستكون طيلوة وصعبة", "mt-debris/unknown-word") == [
        ("mt-debris/unknown-word", "طيلوة")]


def test_unknown_name_after_a_title_or_with_a_latin_twin_is_a_name():
    assert rules_on("وقال المدرب هوميرو إن الفريق جاهز", "mt-debris/unknown-word") == []
    assert rules_on("وصل ماشابا (Mashaba) إلى المدينة أمس", "mt-debris/unknown-word") == []


def test_glued_name_fragments_are_not_split():
    for text in ("أما طارق أوبرو إمام مسجد بوردو", "وقال الطبيب هوميرو ديغستينو إنه لا يتوقع"):
        assert rules_on(text, "boilerplate/glued-words") == []
    assert rules_on("يقول الزوجان إنهما يستأجرانها منذ عام", "boilerplate/glued-words") == []


def test_glued_words_still_found():
    assert rules_on("وتابعاللاعب حديثه للصحفيين", "boilerplate/glued-words") == [
        ("boilerplate/glued-words", "وتابعاللاعب")]


def test_verdicts_are_cached_on_disk(tmp_path, monkeypatch):
    import qa.morph as morph

    monkeypatch.setenv("TADQIQ_CACHE", str(tmp_path))
    monkeypatch.setattr(morph, "_VERDICTS", morph._Verdicts())
    assert morph.analyse(["الموسنة"]) == {"الموسنة": morph.UNKNOWN}
    assert "الموسنة\t-" in (tmp_path / "morph-qalsadi-1.tsv").read_text(encoding="utf-8")


def test_a_word_other_articles_of_the_corpus_use_is_a_name(tmp_path):
    from qa import check_paths

    for i in range(2):
        (tmp_path / f"{i}.txt").write_text(f"وصل الوفد إلى الموسنة في اليوم {i + 1} من الزيارة.\n", encoding="utf-8")
    config = Config(select=("mt-debris/unknown-word",))
    assert check_paths([str(tmp_path)], config=config).findings == []
    assert len(check_paths([str(tmp_path / "0.txt")], config=config).findings) == 1


def test_dialect_future_prefix_is_neither_glued_nor_garbled():
    text = "قال المدرب إن الفريق هيفوز بالمباراة وهيسأل الجمهور عن رأيه"
    assert rules_on(text, "boilerplate/glued-words", "mt-debris/unknown-word") == []


def test_issue_22_false_alarms_are_silent():
    for text in ("وسجل اللاعب دونغالا هدفا في المباراة", "وانتقل إلى نادي العلولا في الصيف",
                 "وزار الوفد اسكتلاند الأسبوع الماضي", "وصلت القافلة إلى بلدة القناوص مساء"):
        assert rules_on(text, "boilerplate/glued-words", "mt-debris/unknown-word") == [], text
