import shutil
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

def _chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


needs_chromium = pytest.mark.skipif(
    not (_chromium_binary() and shutil.which("chromedriver")),
    reason="Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")


@pytest.fixture
def chromium(tmp_path):
    """Headless Debian Chromium through the system chromedriver, with the flags this closed
    network needs (no background connections), and a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _chromium_binary()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1800"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()


# CI runs the same examples every time, so a red build is reproducible; locally Hypothesis explores.
from hypothesis import settings as _settings

_settings.register_profile("ci", derandomize=True, deadline=None)
if __import__("os").environ.get("CI"):
    _settings.load_profile("ci")
