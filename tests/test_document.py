"""The text model: decoding, and code-point offsets <-> 1-based line and column."""

import codecs

import pytest

from qa.document import Document, InputError, decode


def test_utf8_with_and_without_bom():
    assert decode("نص".encode()) == ("نص", "utf-8")
    text, used = decode(codecs.BOM_UTF8 + "نص".encode())
    assert text == "نص" and used == "utf-8-sig"


def test_utf16_with_bom():
    assert decode("قال الوزير".encode("utf-16"))[0] == "قال الوزير"


def test_binary_is_an_error():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_invalid_utf8_names_the_byte():
    with pytest.raises(InputError, match="invalid UTF-8 at byte 3"):
        decode(b"abc\xff\xfe\xfd")


def test_windows_1256_is_recognised():
    with pytest.raises(InputError, match="cp1256"):
        decode("قال الوزير إن الاجتماع مهم".encode("cp1256"))
    assert decode("قال الوزير".encode("cp1256"), "cp1256")[0] == "قال الوزير"


def test_unknown_encoding():
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", "no-such-codec")


def test_empty_text_has_one_line():
    doc = Document("")
    assert doc.line_col(0) == (1, 1)
    assert len(doc.lines) == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_and_column_on_mixed_arabic_latin_digits(newline):
    lines = ["قال Öncü Keçeli في 2025 إن", "أبريل 10, 2025 - 08:43 😀 ثم", "G20 ومجموعة ٢٠"]
    text = newline.join(lines)
    doc = Document(text)
    for number, line in enumerate(lines, 1):
        for column, char in enumerate(line, 1):
            offset = doc.offset(number, column)
            assert text[offset] == char
            assert doc.line_col(offset) == (number, column)


def test_column_never_counts_carriage_return():
    doc = Document("ab\r\ncd")
    assert doc.line_col(2) == (1, 3)  # at \r: just past the last character
    assert doc.line_col(3) == (1, 3)  # at \n of CRLF: same place, not column 4
    assert doc.line_col(4) == (2, 1)


def test_only_cr_lf_crlf_break_lines():
    # U+2028 and form feed are not line breaks for editors or GitHub.
    doc = Document("a\u2028b\x0cc\nd")
    assert [ln.text(doc) for ln in doc.lines] == ["a\u2028b\x0cc", "d"]


def test_offset_outside_text_is_refused():
    with pytest.raises(ValueError):
        Document("abc").line_col(4)
