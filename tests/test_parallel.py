"""--jobs: parallel runs give the same output, in the same order, as a serial run, corpus mode
included (its state is counted per worker and merged)."""

from test_cli import run
from test_corpus_mode import write_corpus


def test_parallel_output_is_identical_to_serial(tmp_path):
    write_corpus(tmp_path)
    for extra in ([], ["--format", "json"], ["--format", "sarif"]):
        serial = run("check", str(tmp_path), "seeds/", "--jobs", "1", *extra)
        parallel = run("check", str(tmp_path), "seeds/", "--jobs", "2", *extra)
        assert serial.returncode == parallel.returncode == 1
        assert serial.stdout == parallel.stdout
    assert "boilerplate/site-furniture" in serial.stdout


def test_parallel_clean_matches_serial(tmp_path):
    (tmp_path / "in").mkdir()
    write_corpus(tmp_path / "in")
    one = run("clean", str(tmp_path / "in"), "--out", str(tmp_path / "one"), "--jobs", "1")
    two = run("clean", str(tmp_path / "in"), "--out", str(tmp_path / "two"), "--jobs", "2")
    assert one.returncode == two.returncode == 0
    for f in sorted((tmp_path / "one").iterdir()):
        assert f.read_bytes() == (tmp_path / "two" / f.name).read_bytes()
