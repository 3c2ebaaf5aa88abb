"""Debian's Chromium driven by selenium, for tests and the guides' picture of the wall.

Selenium never looks for or downloads a driver: both paths are given and ``SE_OFFLINE`` is set. The flags keep
Chromium from reaching out to the network (which this machine does not have) and from sharing a profile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REQUIRE_VARIABLE = "VIELFALT_REQUIRE_BROWSER"  # set by CI: a missing browser fails instead of skipping
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def browser_missing() -> str | None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    return f"needs {' and '.join(missing)} (apt-get install chromium chromium-driver)" if missing else None


def require_browser() -> None:
    """Skips with the reason on a developer machine without the browser; fails in CI, which installs it."""
    reason = browser_missing()
    if reason is None:
        return
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"the browser test must run here ({REQUIRE_VARIABLE}=1) but it {reason}")
    pytest.skip(reason)


@contextmanager
def chromium(profile: Path, width: int = 1600, height: int = 900) -> Iterator[WebDriver]:
    """The page's viewport is exactly ``width`` × ``height`` (as on a projector), whatever the window adds."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield driver
    finally:
        driver.quit()
