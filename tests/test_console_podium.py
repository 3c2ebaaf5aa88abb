"""Questions to the podium and voting in the console, over the same service as on Discord."""

from __future__ import annotations

import io

from bot.config import Settings
from bot.console.app import Console
from bot.console.terminal import PlainTerminal
from bot.feedback.model import Identity
from bot.services import Services
from tests.podium_helpers import person, session, write_sessions

ME = Identity("console", "tester", "Tester")


async def _chat(services: Services, *lines: str, terminal_type: type[PlainTerminal] = PlainTerminal) -> str:
    out = io.StringIO()
    terminal = terminal_type(io.StringIO("".join(f"{line}\n" for line in lines)), out, None)
    await Console(services.questions, services.feedback, ME, terminal, podium=services.podium).run()
    return out.getvalue()


async def _closed_session(services: Services, settings: Settings) -> None:
    """Thesis 1 belongs to session "eins" alone, which a moderator has closed."""
    write_sessions(settings.sessions_path, session("eins", theses=[1]))
    await services.podium.set_session_open(person(9), "eins", False)


async def test_a_question_is_put_to_the_podium_anonymously(services: Services) -> None:
    output = await _chat(services, "podium Wie geht es nach 2018 weiter?", "j")
    assert "Ihre Frage ist beim Podium (Allgemein)" in output
    [question] = await services.podium.queue()
    assert (question.body, question.anonymous, question.display_name) == ("Wie geht es nach 2018 weiter?", True, None)


async def test_the_list_shows_questions_by_votes_and_vote_toggles(services: Services) -> None:
    first = await services.podium.submit(person(1), "Wer bezahlt die Koordination?", anonymous=False, channel="x")
    second = await services.podium.submit(person(2), "Was passiert mit leeren Läden?", anonymous=False, channel="x")
    assert first.question is not None
    assert second.question is not None
    await services.podium.toggle_vote(person(3), second.question.id)
    output = await _chat(services, "fragen", f"stimme {first.question.id}", f"stimme {first.question.id}", "stimme x")
    listed = output.split("Fragen ans Podium – Allgemein", 1)[1]
    assert listed.index("leeren Läden") < listed.index("Koordination")
    assert "Ihre Stimme zählt – Stimmen für die Frage jetzt: 1." in output
    assert "Ihre Stimme ist zurückgenommen – Stimmen für die Frage jetzt: 0." in output
    assert "Bitte die Nummer der Frage angeben" in output


async def test_a_similar_question_offers_a_vote_instead(services: Services) -> None:
    existing = await services.podium.submit(
        person(1), "Wie wird die Koordination finanziert?", anonymous=False, channel="x"
    )
    assert existing.question is not None
    output = await _chat(services, "podium", "Wie wird Koordination eigentlich finanziert", "j")
    assert "Eine ähnliche Frage gibt es schon" in output
    assert "Anonym" not in output, "the similar question is offered before anything else is asked"
    assert "Stimmen für die Frage jetzt: 1" in output
    assert len(await services.podium.queue()) == 1


async def test_an_unanswerable_question_points_to_the_podium(services: Services) -> None:
    output = await _chat(services, "Wie wird das Wetter morgen?")
    assert "„podium“ und Ihre Frage gibt sie weiter" in output


async def test_my_data_lists_own_questions_and_votes(services: Services) -> None:
    other = await services.podium.submit(person(1), "Eine fremde Frage zu Leerstand?", anonymous=False, channel="x")
    assert other.question is not None
    output = await _chat(
        services, "podium Meine eigene Frage zu Eigentümern?", "n", f"stimme {other.question.id}", "meine daten"
    )
    assert "Fragen ans Podium:" in output
    assert "„Meine eigene Frage zu Eigentümern?“" in output
    assert f"Ihre Stimmen für Fragen: #{other.question.id}" in output


async def test_feedback_on_a_thesis_of_a_closed_session_is_refused_before_anything_is_asked(
    services: Services, settings: Settings
) -> None:
    await _closed_session(services, settings)
    output = await _chat(services, "feedback 1", "thesen")
    assert "Die Diskussion zu dieser These ist geschlossen (Sitzung „Sitzung eins“)" in output
    assert "Ihre Haltung" not in output
    assert "Anonym speichern?" not in output
    assert "Diskussionsthesen" in output, "the dialog has ended: the next line is a command again"
    assert (await services.feedback.personal_data(ME)).is_empty


async def test_the_refusal_of_a_closed_discussion_is_in_the_conversation_language(
    services: Services, settings: Settings
) -> None:
    await _closed_session(services, settings)
    output = await _chat(services, "help", "feedback 1")
    assert "The discussion of this thesis is closed (session 'Session eins')" in output
    assert "Your stance" not in output


async def test_a_session_closing_during_the_dialog_refuses_at_the_end_and_shows_the_comment_to_copy(
    services: Services, settings: Settings
) -> None:
    write_sessions(settings.sessions_path, session("eins", theses=[1]))

    class ClosedMeanwhile(PlainTerminal):
        """A moderator closes the session while the person is still answering."""

        async def read(self, prompt: str, *, remember: bool = False) -> str:
            if prompt.startswith("Anonym speichern?"):
                await services.podium.set_session_open(person(9), "eins", False)
            return await super().read(prompt, remember=remember)

    output = await _chat(services, "feedback 1", "1", "Mehr Personal!", "n", terminal_type=ClosedMeanwhile)
    assert "Nicht gespeichert: Ihre Rückmeldung zu These 1" in output
    assert "(Sitzung „Sitzung eins“). Es wurde nichts gespeichert" in output
    assert output.split("Ihr Kommentar zum Kopieren:", 1)[1].strip().startswith("Mehr Personal!")
    assert (await services.feedback.personal_data(ME)).is_empty
