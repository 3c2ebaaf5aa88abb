"""The built matcher is kept on disk between runs, and a kept one is only ever used when it can be trusted."""

from __future__ import annotations

import pickle
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.matching import cache
from bot.matching.cache import matcher_for
from bot.matching.matcher import Matcher
from bot.matching.thresholds import Thresholds
from tests.conftest import KNOWLEDGE_DIR

QUESTIONS = (
    "Wie viele Einwohner hat Germersheim?",
    "Wer ist Bürgermeister von Goslar?",
    "Which university has a campus in Germersheim?",
    "Was ist die Hauptstadt von Frankreich?",
    "Erzähl mal was über Weißenfels",
)


@pytest.fixture(autouse=True)
def nothing_built_in_this_process() -> Iterator[None]:
    """Each test starts as a new program would: only the disk may remember a matcher."""
    kept = dict(cache._built)
    cache._built.clear()
    yield
    cache._built.clear()
    cache._built.update(kept)


@pytest.fixture(scope="module")
def small_knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped knowledge base cut down to one town and its terms and theses: these tests are about the
    cache, and a matcher of it builds in a fraction of the full one's time."""
    folder = tmp_path_factory.mktemp("small") / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    for name in ("projekt", "veranstaltungen", "publikationen", "positionspapier"):
        (folder / f"{name}.yaml").unlink()
    towns = folder / "towns.yaml"
    data = yaml.safe_load(towns.read_text(encoding="utf-8"))
    data["towns"] = [town for town in data["towns"] if town["name"] == "Germersheim"]
    towns.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def _kept(folder: Path) -> list[Path]:
    return sorted(folder.glob("matcher-*.pickle"))


def _answers(matcher: Matcher) -> list[tuple[str, list[tuple[str, float]]]]:
    return [
        (result.status, [(c.entry.id, c.score) for c in result.candidates]) for result in map(matcher.match, QUESTIONS)
    ]


def test_a_kept_matcher_answers_exactly_like_a_freshly_built_one(tmp_path: Path) -> None:
    built = matcher_for(KNOWLEDGE_DIR, Thresholds(), tmp_path)
    cache._built.clear()
    kept = matcher_for(KNOWLEDGE_DIR, Thresholds(), tmp_path)
    assert kept is not built
    assert _answers(kept) == _answers(built)


def test_the_kept_matcher_is_readable_by_its_owner_only(tmp_path: Path, small_knowledge: Path) -> None:
    folder = tmp_path / "cache"
    matcher_for(small_knowledge, Thresholds(), folder)
    [kept] = _kept(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_damaged_file_is_rebuilt_and_replaced(tmp_path: Path, small_knowledge: Path) -> None:
    matcher_for(small_knowledge, Thresholds(), tmp_path)
    [kept] = _kept(tmp_path)
    kept.write_bytes(b"not a pickle")
    cache._built.clear()
    matcher = matcher_for(small_knowledge, Thresholds(), tmp_path)
    assert matcher.match(QUESTIONS[0]).status == "answer"
    assert pickle.loads(kept.read_bytes()).thresholds == Thresholds()


def test_a_file_others_may_write_is_never_read(tmp_path: Path, small_knowledge: Path) -> None:
    matcher_for(small_knowledge, Thresholds(), tmp_path)
    [kept] = _kept(tmp_path)
    foreign = matcher_for(small_knowledge, Thresholds(answer=99.0), tmp_path / "other")
    kept.write_bytes(pickle.dumps(foreign))  # planted under the name of the default thresholds' matcher
    kept.chmod(0o666)
    cache._built.clear()
    assert matcher_for(small_knowledge, Thresholds(), tmp_path).thresholds == Thresholds()


def test_an_edited_knowledge_base_gets_a_new_matcher_and_only_the_newest_four_are_kept(
    tmp_path: Path, small_knowledge: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(small_knowledge, knowledge)
    folder = tmp_path / "cache"
    theses = knowledge / "theses.yaml"
    names = []
    for edit in range(cache.MAX_CACHED + 1):
        theses.write_text(theses.read_text(encoding="utf-8") + f"\n# edit {edit}\n", encoding="utf-8")
        matcher_for(knowledge, Thresholds(), folder)
        names.append(max(_kept(folder), key=lambda path: path.stat().st_mtime_ns).name)
    assert len(set(names)) == cache.MAX_CACHED + 1
    assert {path.name for path in _kept(folder)} == set(names[-cache.MAX_CACHED :])
    assert list(folder.glob("*.partial")) == []


def test_a_matcher_that_cannot_be_pickled_is_still_returned(
    tmp_path: Path, small_knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise pickle.PicklingError("not today")

    monkeypatch.setattr(pickle, "dump", refuse)
    matcher = matcher_for(small_knowledge, Thresholds(), tmp_path)
    assert matcher.match(QUESTIONS[0]).status == "answer"
    assert list(tmp_path.iterdir()) == []


def test_without_a_cache_folder_nothing_is_written(
    tmp_path: Path, small_knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    matcher_for(small_knowledge, Thresholds(), None)
    assert list(tmp_path.iterdir()) == []
