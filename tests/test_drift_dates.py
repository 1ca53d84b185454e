"""Dates from archive paths (--date-from-path, `date-from-path` in config) and the summary of
files that fell back to today."""

import datetime as dt
import json

import pytest

from qa.cli import main
from qa.config import ConfigError, load_config
from qa.dating import article_date, path_date

D = dt.date
OBAMA = "وقال الرئيس الأمريكي باراك أوباما إن الاتفاق تاريخي.\n"


@pytest.mark.parametrize("path, expected", [
    ("archive/FR-culture-100-20180626.txt", D(2018, 6, 26)),
    ("2015-08-04-summit.txt", D(2015, 8, 4)),
    ("archive/2015/08/04/summit.txt", D(2015, 8, 4)),
    ("archive/2015-08-04/summit.txt", D(2015, 8, 4)),
    ("archive/20150804/summit.txt", D(2015, 8, 4)),
    ("archive/20150804/2016-01-02-summit.txt", D(2016, 1, 2)),  # the name before its folders
    ("archive/123456789012.txt", None),  # an id, not a date
    ("archive/20181332.txt", None),  # no 13th month
    ("archive/2013/summit.txt", None),  # a year alone is not a day
])
def test_path_date(path, expected):
    assert path_date(path) == expected


def test_path_comes_after_the_flag_and_before_the_text():
    text = "10 أبريل 2025\nخبر"
    assert article_date(text, path="x-20150804.txt") == (D(2015, 8, 4), "path")
    assert article_date(text, flag=D(2020, 1, 1), path="x-20150804.txt") == (D(2020, 1, 1), "flag")
    assert article_date(text, path="x.txt") == (D(2025, 4, 10), "text")


@pytest.fixture
def archive(tmp_path):
    (tmp_path / "2015" / "08" / "04").mkdir(parents=True)
    (tmp_path / "2015" / "08" / "04" / "a.txt").write_text(OBAMA, encoding="utf-8")
    (tmp_path / "news-20150801.txt").write_text(OBAMA, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(OBAMA, encoding="utf-8")
    return tmp_path


def test_date_from_path_flag_and_summary(archive, capsys):
    main(["check", str(archive), "--select", "factual-drift", "--no-config", "--no-corpus"])
    out = capsys.readouterr().out
    assert out.count("sitting-on-former") == 3 and "3 of 3 files had no date" in out
    main(["check", str(archive), "--select", "factual-drift", "--no-config", "--no-corpus", "--date-from-path"])
    out = capsys.readouterr().out
    assert out.count("sitting-on-former") == 1 and "undated.txt" in out and "1 of 3 files had no date" in out
    main(["check", str(archive), "--select", "factual-drift", "--no-config", "--no-corpus", "--date-from-path", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["dated_today"] == 1
    assert sorted(d["date_source"] for d in report["documents"]) == ["path", "path", "today"]


def test_one_file_says_so_too(archive, capsys):
    main(["check", str(archive / "undated.txt"), "--select", "factual-drift", "--no-config"])
    assert "The file had no date" in capsys.readouterr().out
    main(["check", str(archive / "news-20150801.txt"), "--select", "factual-drift", "--no-config", "--date-from-path"])
    assert "had no date" not in capsys.readouterr().out


def test_date_from_path_in_config(archive, capsys, monkeypatch):
    (archive / "qa.toml").write_text('select = ["factual-drift"]\ndate-from-path = true\n',
                                     encoding="utf-8")
    monkeypatch.chdir(archive)
    main(["check", ".", "--no-corpus"])
    assert "1 of 3 files had no date" in capsys.readouterr().out
    (archive / "qa.toml").write_text('date-from-path = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="date-from-path"):
        load_config(archive / "qa.toml")
