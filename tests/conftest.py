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
