"""Dumps of many megabytes are checked a chunk at a time: the chunks tile the text, and findings
of line-local rules come back at the same offsets, lines and columns as from one pass."""

from hypothesis import given
from hypothesis import strategies as st

from qa import document as document_module
from qa.config import Config
from qa.document import Document, chunk_spans
from qa.engine import Engine, check_text
from qa.stats import document_stats

LINE_LOCAL = ("typography/space-before-punct", "typography/tatweel", "mt-debris/latin-diacritics")


@given(st.text(st.sampled_from(list("اب \n\r\u00a0x")), max_size=300), st.integers(2, 40))
def test_chunks_tile_the_text(text, size):
    spans = list(chunk_spans(text, size))
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= size for a, b in spans)
    assert all(a == prev_b for (_, prev_b), (a, _) in zip(spans, spans[1:]))


def test_chunked_findings_match_one_pass(monkeypatch):
    line = "قال المتحدث ، إن Öncu Keçeli وصل إلى الاجتمـــاع اليوم .\n"
    text = "".join(f"{n} {line}" for n in range(60)) + "سطر أخير طويل " * 40 + "، Keçeli"
    engine = Engine(Config(select=LINE_LOCAL))
    whole = [(f.rule, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.fix)
             for f in engine.check_document(Document(text, path="dump.txt"))]
    monkeypatch.setattr(document_module, "CHUNK_SIZE", 500)
    chunked_doc = Document(text, path="dump.txt")
    chunked = engine.check_document(chunked_doc)
    assert [(f.rule, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.fix) for f in chunked] == whole
    assert len(whole) >= 180
    for f in chunked:
        assert chunked_doc.line_col(f.start) == (f.line, f.column)
        assert text[f.start:f.end] == f.excerpt


def test_statistics_of_a_dump_add_up_over_chunks(monkeypatch):
    text = "جملة أولى قصيرة هنا. وجملة ثانية أطول قليلا من الأولى؟\n" * 50
    whole = document_stats(Document(text))
    monkeypatch.setattr(document_module, "CHUNK_SIZE", 300)
    chunked = document_stats(Document(text))
    assert (chunked.words, chunked.sentences, chunked.paragraphs, chunked.longest_sentence_words) == \
        (whole.words, whole.sentences, whole.paragraphs, whole.longest_sentence_words)
    assert chunked.mean_sentence_words == whole.mean_sentence_words
    assert abs(chunked.osman - whole.osman) < 1.5  # textstat's counters are nearly, not exactly, additive


def test_a_whole_line_finding_carries_a_bounded_excerpt_and_the_full_span():
    from qa.engine import EXCERPT_MAX

    sentence = "وقال المسؤول إن الحكومة ستعمل على تحسين الخدمات في المدن والقرى خلال العام المقبل، "
    text = (sentence * 400).strip()
    [finding] = check_text(text, config=Config(select=("readability/long-paragraph",)))
    assert (finding.start, finding.end) == (0, len(text))
    assert len(finding.excerpt) == EXCERPT_MAX
    assert finding.excerpt.startswith(text[:200]) and finding.excerpt.endswith(text[-100:]) and " … " in finding.excerpt
