"""The projector wall in a real headless browser: a vote cast through the service shows up without a reload."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat

from bot.services import Services
from bot.web.wall import WallOptions, serve_wall
from tests import browser
from tests.browser import chromium, require_browser
from tests.podium_helpers import person

SECONDS = 2.0
QUESTION = "Wie geht es nach dem Projektende mit der Koordination weiter?"


def _watch_for_vote(url: str, profile: Path, screenshot: Path, voted: Any) -> tuple[float, int]:
    """In a thread: loads the page, signals that it shows the question, waits for the vote, takes a screenshot.
    Returns how long the vote took to appear and how often the page re-rendered (it must not have reloaded)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # The page replaces its elements on every pushed state, so an element found a moment ago may be gone.
    rerendered = (NoSuchElementException, StaleElementReferenceException)
    with chromium(profile) as driver:
        driver.get(url)
        WebDriverWait(driver, 10, ignored_exceptions=rerendered).until(
            lambda d: QUESTION in d.find_element(By.ID, "top").text
        )
        driver.execute_script("window.loadedOnce = true;")
        cast_at = voted()
        WebDriverWait(driver, SECONDS, poll_frequency=0.05, ignored_exceptions=rerendered).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "#top .votes").text == "▲ 1"
        )
        seen_after = time.monotonic() - cast_at
        assert driver.execute_script("return window.loadedOnce === true;")
        renders = int(driver.find_element(By.TAG_NAME, "body").get_attribute("data-version") or 0)
        driver.save_screenshot(str(screenshot))
    return seen_after, renders


async def test_a_vote_appears_on_the_wall_within_two_seconds_without_reload(services: Services, tmp_path: Path) -> None:
    require_browser()
    stored = await services.podium.submit(person(1), QUESTION, anonymous=False, channel="x")
    assert stored.question is not None
    question_id = stored.question.id
    loop = asyncio.get_running_loop()

    def vote() -> float:
        asyncio.run_coroutine_threadsafe(services.podium.toggle_vote(person(2), question_id), loop).result(5)
        return time.monotonic()

    screenshot = tmp_path / "wall.png"
    async with serve_wall(services, WallOptions(port=0)) as wall:
        seen_after, renders = await asyncio.to_thread(
            _watch_for_vote, f"http://127.0.0.1:{wall.port}/", tmp_path / "profile", screenshot, vote
        )
    assert seen_after < SECONDS
    assert renders >= 2  # the first render and at least one pushed state, in the same page
    with Image.open(screenshot) as image:
        spread = ImageStat.Stat(image.convert("L")).stddev[0]
        assert image.size == (1600, 900)
    assert spread > 20, "the screenshot looks blank"


def test_without_chromium_the_browser_test_skips_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv(browser.REQUIRE_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium chromium-driver"):
        browser.require_browser()


def test_in_ci_a_missing_chromium_fails_instead_of_skipping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv(browser.REQUIRE_VARIABLE, "1")
    with pytest.raises(pytest.fail.Exception, match="must run here"):
        browser.require_browser()
