from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

import bot.services
from bot.config import Settings
from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.matching.matcher import Matcher, Thresholds
from bot.qa import QuestionService
from bot.services import Services, open_services

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = REPO / "knowledge"


@pytest.fixture(scope="session")
def matcher_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One matcher cache for the commands all tests of a session run, outside the real user cache folder."""
    return tmp_path_factory.mktemp("matcher-cache")


@pytest.fixture(autouse=True)
def private_default_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, matcher_cache_dir: Path) -> Path:
    """No test, and no command a test runs, may touch the real user data or cache folder of whoever runs the
    tests."""
    folder = tmp_path / "default-data-dir"
    monkeypatch.setenv("VIELFALT_DATA_DIR", str(folder))
    monkeypatch.setenv("VIELFALT_CACHE_DIR", str(matcher_cache_dir))
    for variable in ("VIELFALT_DB", "VIELFALT_ALLOW_NEW_DB"):
        monkeypatch.delenv(variable, raising=False)
    # The commands tests run are many short processes: let them keep compiled bytecode, as any installation does,
    # even where the environment sets PYTHONDONTWRITEBYTECODE.
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    return folder


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def matcher(knowledge: KnowledgeBase) -> Matcher:
    return Matcher(knowledge, Thresholds())


@pytest.fixture(scope="session", autouse=True)
def shipped_matcher_built_once(matcher: Matcher) -> Iterator[None]:
    """Building the matcher for the shipped knowledge base takes about 55 ms, and some 150 tests open services (or
    start the bot) on it: they share the one built for the session, as nothing changes a matcher in place (a reload
    swaps in a new one). Any other folder, such as a copy a test edits or breaks, is loaded as the bot loads it."""
    load = bot.services.load_matcher

    def load_shipped_once(settings: Settings) -> Matcher:
        if settings.knowledge_dir.resolve() == KNOWLEDGE_DIR and settings.thresholds == matcher.thresholds:
            return matcher
        return load(settings)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bot.services, "load_matcher", load_shipped_once)
        yield


@pytest.fixture
def service(matcher: Matcher) -> QuestionService:
    return QuestionService(matcher)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge base, for tests that break it on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_path=tmp_path / "data" / "test.db",
        knowledge_dir=KNOWLEDGE_DIR,
        thresholds=Thresholds(),
        pseudonym_key="test-pseudonym-key-0123456789",
    )


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened
