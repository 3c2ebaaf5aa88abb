"""Podium questions and sessions through the service every front end uses."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import UserError
from bot.feedback.model import Stance, Submission
from bot.feedback.validation import FeedbackError
from bot.knowledge.model import KnowledgeBase
from bot.moderation.export import ExportFilter, ExportOptions
from bot.podium.model import Action, Status
from bot.podium.service import PodiumError, most_similar, question_key
from bot.podium.sessions import SessionsError, load_plan
from bot.services import Services, open_services
from tests.podium_helpers import person, session, write_sessions

THESIS = "these-koordination"


@pytest.fixture
async def staged(settings: Settings) -> AsyncIterator[Services]:
    """Two sessions: "eins" runs now with theses 1 and 2, "zwei" runs now with pre-moderation and thesis 3."""
    write_sessions(
        settings.sessions_path,
        session("eins", theses=[1, 2]),
        session("zwei", theses=[3], premoderation=True, open_=False),
    )
    async with open_services(settings) as opened:
        yield opened


async def test_without_sessions_questions_go_to_one_open_session_and_are_public(services: Services) -> None:
    stored = await services.podium.submit(person(1), "Wie geht es nach 2018 weiter?", anonymous=False, channel="x")
    assert stored.question is not None
    assert (stored.question.session_id, stored.question.status) == ("allgemein", Status.APPROVED)
    assert stored.question.display_name == "Person 1"


async def test_a_similar_question_is_offered_for_a_vote_instead_of_being_stored(services: Services) -> None:
    first = await services.podium.submit(
        person(1), "Wie wird die Koordination finanziert?", anonymous=False, channel="x"
    )
    again = await services.podium.submit(
        person(2), "Wie wird Koordination eigentlich finanziert", anonymous=False, channel="x"
    )
    assert first.question is not None
    assert again.question is None
    assert again.duplicate is not None
    assert again.duplicate.id == first.question.id
    forced = await services.podium.submit(
        person(2), "Wie wird Koordination eigentlich finanziert", anonymous=False, channel="x", force=True
    )
    assert forced.question is not None
    assert len(await services.podium.queue()) == 2


def test_different_questions_are_not_duplicates() -> None:
    known = {1: question_key("Welche Rolle spielen Eigentümer in den Zentren?")}
    assert most_similar(question_key("Wie lange lief das Projekt?"), known) is None
    assert most_similar(question_key("Welche Rolle spielen die Eigentümer im Zentrum?"), known) == 1


async def test_second_vote_withdraws_the_first_and_people_count_once_each(services: Services) -> None:
    stored = await services.podium.submit(person(1), "Was kostet das?", anonymous=False, channel="x")
    assert stored.question is not None
    question_id = stored.question.id
    assert (await services.podium.toggle_vote(person(2), question_id)).counted
    assert (await services.podium.toggle_vote(person(3), question_id)).question.votes == 2
    withdrawn = await services.podium.toggle_vote(person(2), question_id)
    assert (withdrawn.counted, withdrawn.question.votes) == (False, 1)
    kept = await services.podium.vote(person(3), question_id)
    assert (kept.counted, kept.question.votes) == (True, 1)
    assert await services.podium.store.vote_count() == 1


async def test_premoderated_questions_wait_and_cannot_be_voted_on_until_approved(staged: Services) -> None:
    moderator = person(9, "Moderatorin")
    await staged.podium.set_session_open(moderator, "eins", False)
    await staged.podium.set_session_open(moderator, "zwei", True)
    stored = await staged.podium.submit(person(1), "Wer koordiniert vor Ort?", anonymous=True, channel="x")
    assert stored.question is not None
    assert (stored.question.session_id, stored.question.status) == ("zwei", Status.PENDING)
    with pytest.raises(PodiumError) as refused:
        await staged.podium.toggle_vote(person(2), stored.question.id)
    assert refused.value.key == "podium_not_votable"
    await staged.podium.moderate(moderator, stored.question.id, Action.APPROVE)
    assert (await staged.podium.toggle_vote(person(2), stored.question.id)).question.votes == 1


async def test_one_question_per_session_is_highlighted_and_answering_ends_it(services: Services) -> None:
    moderator = person(9)
    first = (await services.podium.submit(person(1), "Frage zur Finanzierung?", anonymous=False, channel="x")).question
    second = (
        await services.podium.submit(person(2), "Frage zu den Eigentümern?", anonymous=False, channel="x")
    ).question
    assert first is not None
    assert second is not None
    await services.podium.moderate(moderator, first.id, Action.HIGHLIGHT)
    await services.podium.moderate(moderator, second.id, Action.HIGHLIGHT)
    board = await services.podium.board()
    assert board.highlighted is not None
    assert board.highlighted.id == second.id
    assert [q.id for q in board.top] == [first.id]
    answered = await services.podium.moderate(moderator, second.id, Action.ANSWER)
    assert (answered.status, answered.highlighted) == (Status.ANSWERED, False)
    assert (await services.podium.board()).highlighted is None
    entries = await services.moderation.audit_entries()
    assert [e.action for e in entries][:3] == ["podium-answer", "podium-highlight", "podium-highlight"]


async def test_a_closed_session_refuses_questions_and_feedback_on_its_theses(
    staged: Services, settings: Settings
) -> None:
    moderator = person(9)
    await staged.podium.set_session_open(moderator, "eins", False)
    with pytest.raises(PodiumError) as refused:
        await staged.podium.submit(person(1), "Noch eine Frage?", anonymous=False, channel="x")
    assert refused.value.key == "podium_session_closed"
    assert "Sitzung eins" in refused.value.message("de")
    with pytest.raises(FeedbackError) as closed:
        await staged.feedback.submit(person(1), Submission("these-daueraufgabe", Stance.AGREE), channel="x")
    assert closed.value.key == "thesis_closed"
    unrelated = await staged.feedback.submit(person(1), Submission("these-eigentuemer", Stance.AGREE), channel="x")
    assert unrelated.stance is Stance.AGREE


async def test_a_closed_discussion_is_known_before_anyone_types_and_without_the_database(staged: Services) -> None:
    await staged.podium.set_session_open(person(9), "eins", False)
    await staged.database.close()  # front ends ask before opening a form, where no database read may come first
    with pytest.raises(FeedbackError) as closed:
        staged.feedback.ensure_open("these-daueraufgabe")
    assert closed.value.key == "feedback_closed"
    assert "(session 'Session eins')" in closed.value.message("en")
    staged.feedback.ensure_open("these-eigentuemer")


async def test_opening_and_closing_survives_a_restart(staged: Services, settings: Settings) -> None:
    await staged.podium.set_session_open(person(9), "zwei", True)
    await staged.podium.set_session_open(person(9), "eins", False)
    await staged.database.close()
    async with open_services(settings) as reopened:
        states = {s.id: s.open for s in reopened.podium.sessions.sessions()}
        assert states == {"eins": False, "zwei": True}


async def test_anonymous_questions_and_votes_cannot_be_linked_to_their_author(
    services: Services, tmp_path: Path
) -> None:
    author = person(1)
    await services.feedback.submit(author, Submission(THESIS, Stance.AGREE, "Named comment"), channel="x")
    one = (await services.podium.submit(author, "Anonyme Frage eins?", anonymous=True, channel="x")).question
    two = (await services.podium.submit(author, "Ganz andere anonyme Sache?", anonymous=True, channel="x")).question
    named = (
        await services.podium.submit(person(2), "Benannte Frage zu Städten?", anonymous=False, channel="x")
    ).question
    assert one is not None
    assert two is not None
    assert named is not None
    await services.podium.toggle_vote(author, named.id)
    await services.podium.toggle_vote(author, one.id)
    target = tmp_path / "export.json"
    await services.moderation.export(author, target, ExportFilter(), ExportOptions("json"))
    rows = json.loads(target.read_text(encoding="utf-8"))
    participants = {row["participant"] for row in rows if not row["anonymous"] and row["name"] == "Person 1"}
    anonymous = [row for row in rows if row["kind"] == "podium_question" and row["anonymous"]]
    assert len(anonymous) == 2
    assert len({row["participant"] for row in anonymous}) == 2
    assert not participants & {row["participant"] for row in anonymous}
    assert all(row["name"] is None for row in anonymous)
    with sqlite3.connect(services.settings.database_path) as raw:
        voters = {row[0] for row in raw.execute("SELECT voter FROM podium_votes")}
        pseudonyms = {row[0] for row in raw.execute("SELECT pseudonym FROM podium_questions")}
        pseudonyms |= {row[0] for row in raw.execute("SELECT pseudonym FROM stances")}
    assert len(voters) == 2
    assert not voters & pseudonyms


async def test_my_data_shows_own_questions_and_votes_and_deletion_removes_them(services: Services) -> None:
    author = person(1)
    mine = (await services.podium.submit(author, "Meine anonyme Frage?", anonymous=True, channel="x")).question
    other = (
        await services.podium.submit(person(2), "Eine fremde Frage zu Leerstand?", anonymous=False, channel="x")
    ).question
    assert mine is not None
    assert other is not None
    await services.podium.toggle_vote(author, other.id)
    data = await services.feedback.personal_data(author)
    assert [(q.id, q.body, q.anonymous) for q in data.podium_questions] == [(mine.id, "Meine anonyme Frage?", True)]
    assert data.podium_votes == (other.id,)
    assert "Meine anonyme Frage?" in data.to_json()
    erasure = await services.feedback.erase(author)
    assert erasure.records == 2
    assert (await services.feedback.personal_data(author)).is_empty
    remaining = await services.podium.queue()
    assert [(q.id, q.votes) for q in remaining] == [(other.id, 0)]


async def test_own_question_can_be_withdrawn_but_not_someone_elses(services: Services) -> None:
    mine = (await services.podium.submit(person(1), "Zurückziehen bitte?", anonymous=True, channel="x")).question
    assert mine is not None
    with pytest.raises(PodiumError):
        await services.podium.withdraw(person(2), mine.id)
    await services.podium.withdraw(person(1), mine.id)
    assert await services.podium.queue() == []


async def test_export_lists_podium_questions_with_votes_and_neutralises_formulas(
    services: Services, tmp_path: Path
) -> None:
    stored = (await services.podium.submit(person(1), "=HYPERLINK(1);=2+3", anonymous=False, channel="x")).question
    assert stored is not None
    await services.podium.toggle_vote(person(2), stored.id)
    target = tmp_path / "export.csv"
    await services.moderation.export(person(9), target, ExportFilter(), ExportOptions("csv"))
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    [row] = [r for r in rows if r["kind"] == "podium_question"]
    assert (row["comment"], row["votes"], row["session"], row["status"]) == (
        "'=HYPERLINK(1);'=2+3",
        "1",
        "allgemein",
        "approved",
    )


async def test_purge_removes_old_podium_questions(services: Services) -> None:
    await services.podium.submit(person(1), "Alte Frage?", anonymous=False, channel="x")
    purged = await services.feedback.purge_older_than(0)
    assert purged.podium_questions == 1
    assert await services.podium.queue() == []


async def test_statistics_count_questions_by_status_and_votes(services: Services) -> None:
    stored = (
        await services.podium.submit(person(1), "Frage für die Statistik?", anonymous=False, channel="x")
    ).question
    assert stored is not None
    await services.podium.toggle_vote(person(2), stored.id)
    [item] = await services.podium.statistics()
    assert (item.session_id, item.by_status, item.votes, item.questions) == ("allgemein", {"approved": 1}, 1, 1)


async def test_bad_questions_are_refused_in_question_words(services: Services) -> None:
    for text, key in (
        ("   ", "podium_empty"),
        ("x" * 1001, "podium_too_long"),
        ("a\x00b", "podium_control_characters"),
    ):
        with pytest.raises(UserError) as refused:
            await services.podium.submit(person(1), text, anonymous=False, channel="x")
        assert refused.value.key == key


async def test_questions_are_rate_limited_like_comments(services: Services) -> None:
    for number in range(10):
        await services.podium.submit(
            person(1), f"Frage Nummer {number} über Thema {number * 7}?", anonymous=False, channel="x", force=True
        )
    with pytest.raises(PodiumError) as refused:
        await services.podium.submit(person(1), "Noch eine?", anonymous=False, channel="x", force=True)
    assert refused.value.key == "podium_rate_limited"


def test_sessions_file_problems_are_listed_with_the_session_and_field(tmp_path: Path, knowledge: KnowledgeBase) -> None:
    path = tmp_path / "sessions.yaml"
    write_sessions(path, session("eins", theses=[99, "these-gibt-es-nicht"]))
    with pytest.raises(SessionsError) as error:
        load_plan(path, knowledge)
    assert any("eins:theses: there is no thesis '99'" in p for p in error.value.problems)
    write_sessions(path, {**session("zwei"), "end": session("zwei")["start"]})
    with pytest.raises(SessionsError) as error:
        load_plan(path, knowledge)
    assert any("zwei" in p and "'end' must be after 'start'" in p for p in error.value.problems)


async def test_a_broken_edit_keeps_the_last_good_sessions(staged: Services, settings: Settings) -> None:
    settings.sessions_path.write_text("sessions: [ {id: kaputt", encoding="utf-8")
    assert [s.id for s in staged.podium.sessions.sessions()] == ["eins", "zwei"]
    assert staged.podium.sessions.problems
