"""Front ends that must answer first (Discord's 3 seconds) ask without noting and note after replying."""

from __future__ import annotations

from bot.services import Services


async def test_asking_without_recording_notes_nothing_until_the_caller_records(services: Services) -> None:
    questions = services.questions
    answer = await questions.ask("Wie wird das Wetter morgen?", channel="test", record=False)
    assert answer.status == "unknown"
    assert await services.question_log.most_frequent() == []
    await questions.record_unanswered(answer, channel="test")
    [noted] = await services.question_log.most_frequent()
    assert (noted.example, noted.count) == ("Wie wird das Wetter morgen?", 1)


async def test_a_suggestion_is_recorded_with_its_closest_entry(services: Services) -> None:
    answer = await services.questions.ask("Who is the mayor of Zittau?", channel="test", record=False)
    assert answer.status == "suggest"
    await services.questions.record_unanswered(answer, channel="test")
    [noted] = await services.question_log.most_frequent()
    assert noted.best_entry_id == answer.suggestions[0].entry_id


async def test_a_confident_answer_is_never_recorded(services: Services) -> None:
    answer = await services.questions.ask("Wann war die Abschlusstagung?", channel="test", record=False)
    await services.questions.record_unanswered(answer, channel="test")
    assert await services.question_log.most_frequent() == []
