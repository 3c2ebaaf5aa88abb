from __future__ import annotations

import io

from bot.console import Console
from bot.feedback.model import Identity, Stance
from bot.services import Services

ME = Identity("console", "tester", "Tester")


async def _chat(services: Services, *lines: str) -> str:
    out = io.StringIO()
    typed = io.StringIO("".join(f"{line}\n" for line in lines))
    await Console(services.questions, services.feedback, ME, typed, out).run()
    return out.getvalue()


async def test_a_question_gets_its_answer_and_sources(services: Services) -> None:
    output = await _chat(services, "Wann war die Abschlusstagung?")
    assert "ufaFabrik" in output
    assert "Quellen:" in output


async def test_a_suggestion_can_be_picked_by_its_number(services: Services) -> None:
    output = await _chat(services, "Who is the mayor of Zittau?", "1")
    assert "I don't know that: Mayor: our sources say nothing about this for Zittau." in output
    assert "Reply with the number" in output
    assert output.count("Sources:") == 1


async def test_a_number_outside_the_suggestions_asks_again(services: Services) -> None:
    output = await _chat(services, "Who is the mayor of Zittau?", "9")
    assert "Please pick a number from 1 to" in output


async def test_thesen_lists_every_thesis_with_the_derived_label(services: Services) -> None:
    output = await _chat(services, "thesen")
    assert "kein Zitat aus dem Positionspapier" in output
    assert all(thesis.title.de in output for thesis in services.questions.knowledge.theses)


async def test_ende_stops_the_chat_before_further_lines(services: Services) -> None:
    output = await _chat(services, "ende", "Wann war die Abschlusstagung?")
    assert "ufaFabrik" not in output
    assert output.rstrip().endswith("Auf Wiedersehen!")


async def test_unknown_question_says_so_and_what_the_bot_can_answer(services: Services) -> None:
    output = await _chat(services, "Wie wird das Wetter morgen?")
    assert "Dazu weiß ich leider nichts" in output
    assert "Goslar" in output


async def test_feedback_dialog_stores_stance_comment_and_anonymity(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "1", "Mehr Personal!", "n")
    assert "Danke! Ihre Rückmeldung zu These 2" in output
    assert "Gespeichert als: Tester" in output
    data = await services.feedback.personal_data(ME)
    assert [(s.thesis_id, s.stance) for s in data.current_stances] == [("these-koordination", Stance.AGREE)]
    assert [c.body for c in data.comments] == ["Mehr Personal!"]


async def test_feedback_dialog_explains_a_refusal_and_stores_nothing(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "", "", "n")
    assert "Bitte wählen Sie eine Haltung oder schreiben Sie einen Kommentar." in output
    assert (await services.feedback.personal_data(ME)).is_empty


async def test_own_feedback_can_be_listed_and_withdrawn(services: Services) -> None:
    output = await _chat(
        services, "feedback", "3", "neutral", "", "j", "meine feedbacks", "zurückziehen 1", "meine feedbacks"
    )
    assert "1. These 3: Gesamtstädtische Konzepte statt Projektflickwerk: neutral" in output
    assert "Zurückgezogen." in output
    assert "Sie haben noch keine Rückmeldung gegeben." in output


async def test_my_data_and_deletion_with_confirmation(services: Services) -> None:
    output = await _chat(
        services, "feedback", "1", "3", "Kritisch", "n", "meine daten", "daten löschen", "nein", "daten löschen", "ja"
    )
    assert '"body": "Kritisch"' in output
    assert "Nichts gelöscht." in output
    assert "Gelöscht: 2 Einträge" in output
    assert (await services.feedback.personal_data(ME)).is_empty
