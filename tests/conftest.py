import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpora" / "ant-news-2018"


@pytest.fixture(scope="session")
def engine():
    from qa.engine import Engine

    return Engine()

# CI runs the same examples every time, so a red build is reproducible; locally Hypothesis explores.
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("ci", derandomize=True, deadline=None)
if __import__("os").environ.get("CI"):
    _settings.load_profile("ci")
