from __future__ import annotations

import io

from bot.console import Console
from bot.qa import QuestionService


async def _chat(service: QuestionService, *lines: str) -> str:
    out = io.StringIO()
    await Console(service, io.StringIO("".join(f"{line}\n" for line in lines)), out).run()
    return out.getvalue()


async def test_a_question_gets_its_answer_and_sources(service: QuestionService) -> None:
    output = await _chat(service, "Wann war die Abschlusstagung?")
    assert "ufaFabrik" in output
    assert "Quellen:" in output


async def test_a_suggestion_can_be_picked_by_its_number(service: QuestionService) -> None:
    output = await _chat(service, "Which towns are in eastern Germany?", "1")
    assert "Did you mean:" in output
    assert "Reply with the number" in output
    assert output.count("Sources:") == 1


async def test_a_number_outside_the_suggestions_asks_again(service: QuestionService) -> None:
    output = await _chat(service, "Which towns are in eastern Germany?", "9")
    assert "Please pick a number from 1 to" in output


async def test_thesen_lists_every_thesis_with_the_derived_label(service: QuestionService) -> None:
    output = await _chat(service, "thesen")
    assert "kein Zitat aus dem Positionspapier" in output
    assert all(thesis.title.de in output for thesis in service.knowledge.theses)


async def test_ende_stops_the_chat_before_further_lines(service: QuestionService) -> None:
    output = await _chat(service, "ende", "Wann war die Abschlusstagung?")
    assert "ufaFabrik" not in output
    assert output.rstrip().endswith("Auf Wiedersehen!")


async def test_unknown_question_says_so_and_what_the_bot_can_answer(service: QuestionService) -> None:
    output = await _chat(service, "Wie wird das Wetter morgen?")
    assert "Dazu weiß ich leider nichts" in output
    assert "Goslar" in output
