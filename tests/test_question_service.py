from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest

from bot.config import Settings
from bot.feedback.model import Submission
from bot.qa import MAX_QUESTION_LENGTH, InvalidQuestion, QuestionService
from bot.services import Services
from bot.storage.redaction import redact_discord_ids
from tests.feedback_helpers import ANNA


async def _logged(services: Services) -> list[tuple[str, str, str]]:
    async with services.database.connection.execute(
        "SELECT question, status, channel FROM question_log ORDER BY id"
    ) as cursor:
        return [(str(r[0]), str(r[1]), str(r[2])) for r in await cursor.fetchall()]


async def test_unknown_question_is_logged_for_curators(services: Services) -> None:
    await services.questions.ask("Wie viele Einwohner hat Hamburg?", channel="test")
    assert await _logged(services) == [("Wie viele Einwohner hat Hamburg?", "unknown", "test")]


async def test_suggested_question_is_logged_as_low_confidence(services: Services) -> None:
    answer = await services.questions.ask("Who is the mayor of Zittau?", channel="test")
    assert answer.status == "suggest"
    assert await _logged(services) == [("Who is the mayor of Zittau?", "suggest", "test")]


@pytest.mark.parametrize(
    "message",
    [
        "Hallo!",
        "Danke, das hat mir geholfen.",
        "Was kannst du?",
        "hi",
        "thanks",
        "who are you",
        "Grüezi mitenand!",
        "Guten Tag, was können Sie eigentlich alles beantworten?",
        "Thanks a lot, that was really useful.",
    ],
)
async def test_small_talk_gets_a_friendly_reply_and_is_never_logged(services: Services, message: str) -> None:
    answer = await services.questions.ask(message, channel="test")
    assert (answer.status, answer.smalltalk, answer.entry_id) == ("answer", True, None)
    assert "Goslar" in answer.text
    assert "Redaktionsteam" not in answer.text
    assert "editorial" not in answer.text
    assert await _logged(services) == []


async def test_small_talk_is_answered_in_the_language_it_was_written_in(service: QuestionService) -> None:
    assert (await service.ask("thanks a lot, bye!", language="de", channel="test")).text.startswith("You're welcome")
    assert (await service.ask("Guten Tag", language="en", channel="test")).text.startswith("Hallo")


async def test_a_question_about_a_person_that_is_not_small_talk_goes_to_the_matcher(service: QuestionService) -> None:
    assert not (await service.ask("Bist du manchmal traurig?", channel="test")).smalltalk


async def test_confident_answer_is_not_logged(services: Services) -> None:
    await services.questions.ask("Wer hat das Projekt geleitet?", channel="test")
    assert await _logged(services) == []


async def test_most_frequent_unanswered_questions_group_spelling_variants(services: Services) -> None:
    for question in ("Wetter morgen?", "wetter morgen", "Hotel buchen"):
        await services.questions.ask(question, channel="test")
    frequent = await services.question_log.most_frequent(limit=5)
    assert (frequent[0].count, frequent[0].example.casefold().rstrip("?")) == (2, "wetter morgen")


async def test_answer_starts_with_the_answering_fact_then_gives_its_context_and_sources(
    service: QuestionService,
) -> None:
    answer = await service.ask("Wie viele Leute waren bei der Abschlusstagung?", channel="test")
    entry = service.knowledge.entry("abschlusstagung")
    fact = next(f for f in entry.facts if "130" in f.text.de)
    assert (answer.status, answer.entry_id, answer.highlight) == ("answer", "abschlusstagung", fact.text.de)
    assert answer.text.startswith(fact.text.de + "\n\n")
    context = answer.text.removeprefix(fact.text.de + "\n\n")
    around = [other for other in entry.facts if other is not fact and other.text.de in context]
    assert 1 <= len(around) <= 3
    assert answer.sources[: len(fact.sources)] == fact.sources
    assert set(answer.sources) == {source for shown in (fact, *around) for source in shown.sources}


async def test_the_context_is_at_most_three_facts_that_do_not_repeat_the_answer(service: QuestionService) -> None:
    answer = await service.ask("Was ist Goslar?", channel="test")
    entry = service.knowledge.entry(str(answer.entry_id))
    assert len(entry.facts) > 4
    shown = [f.text.de for f in entry.facts if f.text.de in answer.text]
    assert 2 <= len(shown) <= 4  # the answering fact and at most three more
    assert answer.text.count(answer.highlight) == 1


async def test_an_english_question_gets_the_english_answer_whatever_the_default(service: QuestionService) -> None:
    answer = await service.ask("When was the final conference?", language="de", channel="test")
    assert (answer.language, "26 April 2018" in answer.highlight) == ("en", True)


async def test_the_default_language_is_used_when_the_question_does_not_tell(service: QuestionService) -> None:
    answer = await service.ask("Abschlusstagung Datum", language="en", channel="test")
    assert answer.language == "en"
    assert "26 April 2018" in answer.highlight


async def test_a_near_miss_says_what_is_known_about_the_named_town(service: QuestionService) -> None:
    answer = await service.ask("Wo kann ich in Ilmenau parken?", channel="test")
    assert answer.status == "suggest"
    assert answer.text.splitlines()[0] == "Das weiß ich leider nicht – aber zu Ilmenau weiß ich Folgendes:"
    assert answer.text.splitlines()[1].startswith("1. Ilmenau")
    assert len(answer.text.splitlines()) == 1 + len(answer.suggestions)


async def test_a_question_about_something_the_sources_do_not_say_is_declined_with_that_gap(
    service: QuestionService,
) -> None:
    answer = await service.ask("Wer ist Bürgermeister von Ilmenau?", channel="test")
    assert answer.status == "suggest"
    assert answer.text.splitlines()[0] == (
        "Das weiß ich leider nicht: Bürgermeister: dazu nennen unsere Quellen für Ilmenau nichts. Mehr zum Thema:"
    )
    assert answer.suggestions[0].entry_id == "stadt-ilmenau"


async def test_picking_a_suggestion_returns_that_entrys_answer(service: QuestionService) -> None:
    answer = service.entry_answer("projekt-kommunen", "de")
    assert (answer.status, answer.entry_id) == ("answer", "projekt-kommunen")


@pytest.mark.parametrize("question", ["", "   ", "?!", "\n\t"])
async def test_empty_question_is_rejected_with_a_friendly_message(service: QuestionService, question: str) -> None:
    with pytest.raises(InvalidQuestion) as raised:
        await service.ask(question, channel="test")
    assert raised.value.message("de") == "Bitte stellen Sie eine Frage."


async def test_overlong_question_is_rejected_with_the_limit(service: QuestionService) -> None:
    with pytest.raises(InvalidQuestion) as raised:
        await service.ask("Goslar " * MAX_QUESTION_LENGTH, channel="test")
    assert str(MAX_QUESTION_LENGTH) in raised.value.message("en")


async def test_json_contract_has_exactly_the_documented_keys(service: QuestionService) -> None:
    payload = (await service.ask("Wer hat das Projekt geleitet?", channel="test")).to_json()
    assert set(payload) == {
        "question",
        "status",
        "entry_id",
        "score",
        "answer",
        "highlight",
        "sources",
        "suggestions",
    }
    assert payload["highlight"]
    assert payload["highlight"] in payload["answer"]
    unknown = (await service.ask("Wie wird das Wetter?", channel="test")).to_json()
    assert (unknown["status"], unknown["answer"], unknown["entry_id"]) == ("unknown", "", None)


def test_capabilities_name_every_partner_town(service: QuestionService) -> None:
    text = service.capabilities("de")
    assert all(town.name in text for town in service.knowledge.towns)


async def test_mentions_and_raw_ids_never_reach_the_question_log(services: Services, settings: Settings) -> None:
    question = (
        "Was meinen <@123456789012345678>, <@!223456789012345678> und <@&323456789012345678> "
        "in <#423456789012345678> zu 523456789012345678?"
    )
    await services.questions.ask(question, channel="test")
    with closing(sqlite3.connect(settings.database_path)) as database:
        [(stored, normalized)] = database.execute("SELECT question, normalized FROM question_log").fetchall()
    assert stored == "Was meinen @Person, @Person und @Rolle in #Kanal zu [ID]?"
    assert not re.search(r"[0-9]{5}", stored + normalized)


async def test_mentions_in_comments_are_stored_without_the_ids(services: Services, settings: Settings) -> None:
    receipt = await services.feedback.submit(
        ANNA, Submission("these-koordination", comment="Wie <@123456789012345678> sagt: ja"), channel="test"
    )
    assert receipt.comment == "Wie @Person sagt: ja"
    with closing(sqlite3.connect(settings.database_path)) as database:
        assert database.execute("SELECT body FROM comments").fetchall() == [("Wie @Person sagt: ja",)]


@pytest.mark.parametrize(
    "message",
    [
        "Guten Morgen, ich bin aus dem Stadtplanungsamt Zittau.",
        "Danke, das nehme ich mit in die Ausschusssitzung.",
        "Tschüss und bis zur nächsten Tagung",
        "Wer bist du eigentlich, gehörst du zum Difu?",
        "Danke, das hilft mir für die Ratssitzung über die Förderung der Innenstadt.",
        "Thank you so much, this was very helpful for the conference.",
        "Good morning, I work for the city of Goslar.",
        "Grüße aus Goslar",
        "Guten Tag zusammen, schön hier zu sein",
        "Hallo liebe Leute",
    ],
)
async def test_a_message_opening_with_small_talk_that_asks_nothing_gets_the_friendly_reply(
    services: Services, message: str
) -> None:
    answer = await services.questions.ask(message, channel="test")
    assert (answer.status, answer.smalltalk) == ("answer", True)
    assert await _logged(services) == []


async def test_a_greeting_before_a_question_still_gets_the_question_answered(service: QuestionService) -> None:
    answer = await service.ask("Hallo! Wer hat das Projekt geleitet?", channel="test")
    assert not answer.smalltalk
    assert "Reimann" in answer.highlight


@pytest.mark.parametrize(
    "message",
    [
        "Hallo, Abschlusstagung Datum",
        "Danke. Datum der Abschlusstagung",
        "Thanks. Date of the final conference",
        "Hallo aus Goslar, Datum der Abschlusstagung bitte",
        "Hi, was war das Datum der Abschlusstagung",
    ],
)
async def test_greetings_or_thanks_before_keywords_still_get_them_looked_up(
    service: QuestionService, message: str
) -> None:
    answer = await service.ask(message, channel="test")
    assert not answer.smalltalk
    assert any(date in answer.highlight for date in ("26. April 2018", "26 April 2018"))


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("id 123456789012345678", "id [ID]"),
        ("Mühlacker 1930, 37 % und 2016", "Mühlacker 1930, 37 % und 2016"),
        ("</feedback:123456789012345678> und <a:tanz:123456789012345678>", "/feedback und :tanz:"),
    ],
)
def test_ids_are_redacted_with_or_without_a_mention_and_other_numbers_are_kept(text: str, stored: str) -> None:
    assert redact_discord_ids(text) == stored
