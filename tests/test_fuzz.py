"""Bad input is harmless: random bytes and random Unicode (bidi controls, lone surrogates, NULs)
written to files and checked through the CLI end with exit 0, 1 or 2 and never a traceback."""

import contextlib
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.cli import main

NASTY = st.sampled_from(["\u202e", "\u2066", "\u200f", "\ufeff", "\x00", "\ud800", "\udfff", "\r", "\n", "\r\n",
                         "😀", "ﷺ", "ـ", "،", "«", "»", '"', "(", "في", "اسطنبول", "Keçeli", "&amp;", "<b>"])
UNICODE = st.lists(NASTY | st.characters(), max_size=60).map("".join)


def run_cli(tmp_path, data: bytes, *extra):
    target = tmp_path / "fuzz.txt"
    target.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(target), "--no-config", *extra])
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_random_bytes(tmp_path, data):
    code, out, err = run_cli(tmp_path, data)
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(UNICODE, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_random_unicode(tmp_path, text, encoding):
    data = text.encode(encoding, errors="surrogatepass")
    code, out, err = run_cli(tmp_path, data, "--format", "json")
    assert code in (0, 1, 2)
    assert "Traceback" not in err
