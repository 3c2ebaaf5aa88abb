from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from bot.console.app import Console
from bot.console.feedback import parse_stance
from bot.console.terminal import PlainTerminal
from bot.feedback.model import Identity, Stance
from bot.feedback.pseudonyms import Pseudonymizer
from bot.feedback.ratelimit import SlidingWindow
from bot.feedback.service import FeedbackService
from bot.feedback.store import FeedbackStore
from bot.feedback.validation import MAX_COMMENT_LENGTH
from bot.services import Services

ME = Identity("console", "tester", "Tester")


async def _chat(
    services: Services, *lines: str, feedback: FeedbackService | None = None, width: int | None = None
) -> str:
    out = io.StringIO()
    typed = io.StringIO("".join(f"{line}\n" for line in lines))
    terminal = PlainTerminal(typed, out, width)
    await Console(services.questions, feedback or services.feedback, ME, terminal).run()
    return out.getvalue()


async def _stances(services: Services) -> list[tuple[str, Stance]]:
    data = await services.feedback.personal_data(ME)
    return [(s.thesis_id, s.stance) for s in data.current_stances]


async def _nothing_was_asked(services: Services) -> bool:
    return await services.question_log.most_frequent() == []


async def test_a_question_gets_its_answer_and_sources(services: Services) -> None:
    output = await _chat(services, "Wann war die Abschlusstagung?")
    assert "ufaFabrik" in output
    assert "Quellen:" in output


@pytest.mark.parametrize(
    ("question", "more"),
    [("Welche Veranstaltungen gab es im Projekt?", "weitere"), ("Which events were there in the project?", "more")],
)
async def test_an_answer_with_more_than_three_sources_lists_three_and_counts_the_rest(
    services: Services, question: str, more: str
) -> None:
    sources = services.questions.knowledge.entry("veranstaltungen-ueberblick").sources
    assert len(sources) > 3, "the example must be an answer with more than three sources"
    lines = (await _chat(services, question)).splitlines()
    assert [line for line in lines if line.startswith("  - ")] == [f"  - {s.title}: {s.url}" for s in sources[:3]]
    assert f"  +{len(sources) - 3} {more}" in lines


async def test_a_suggestion_can_be_picked_by_its_number(services: Services) -> None:
    output = await _chat(services, "Who is the mayor of Zittau?", "1")
    assert "I don't know that: Mayor: our sources say nothing about this for Zittau." in output
    assert "Reply with the number" in output
    assert output.count("Sources:") == 1


async def test_a_number_outside_the_suggestions_asks_again(services: Services) -> None:
    output = await _chat(services, "Who is the mayor of Zittau?", "9")
    assert "Please pick a number from 1 to" in output


async def test_a_number_without_a_list_to_choose_from_is_no_question(services: Services) -> None:
    output = await _chat(services, "2")
    assert "Gerade ist keine Auswahl offen." in output
    assert await _nothing_was_asked(services)


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
    assert await _stances(services) == [("these-koordination", Stance.AGREE)]
    assert [c.body for c in (await services.feedback.personal_data(ME)).comments] == ["Mehr Personal!"]


@pytest.mark.parametrize(
    ("typed", "thesis_id"),
    [
        ("These 4", "these-innenstadt"),
        ("vierte These", "these-innenstadt"),
        ("Innenstadt", "these-innenstadt"),
        ("Eigentümer", "these-eigentuemer"),
        ("these-eigentuemer", "these-eigentuemer"),
    ],
)
async def test_the_thesis_is_chosen_by_number_phrase_id_or_title_word(
    services: Services, typed: str, thesis_id: str
) -> None:
    await _chat(services, "feedback", typed, "1", "", "n")
    assert await _stances(services) == [(thesis_id, Stance.AGREE)]


async def test_feedback_with_a_thesis_starts_the_dialog_at_the_stance(services: Services) -> None:
    await _chat(services, "feedback These 6", "3", "", "n")
    assert await _stances(services) == [("these-eigentuemer", Stance.DISAGREE)]


async def test_a_thesis_miss_keeps_the_dialog_open_with_the_list_and_asks_nothing_as_a_question(
    services: Services,
) -> None:
    output = await _chat(services, "feedback", "Bürgermeister", "6", "1", "", "n")
    assert "Zu „Bürgermeister“ habe ich keine These gefunden." in output
    assert all(thesis.title.de in output for thesis in services.questions.knowledge.theses)
    assert "„?“" not in output
    assert "/thesen" not in output
    assert await _stances(services) == [("these-eigentuemer", Stance.AGREE)]
    assert await _nothing_was_asked(services)


async def test_a_keyword_that_fits_several_theses_lists_only_those(services: Services) -> None:
    output = await _chat(services, "feedback", "Integration", "7", "1", "", "n")
    assert "„Integration“ passt zu mehreren Thesen." in output
    assert "These 7: Integration braucht Personal und Ressourcen" in output
    assert "These 8: Voneinander lernen" not in output
    assert await _stances(services) == [("these-ressourcen", Stance.AGREE)]


async def test_the_thesis_text_is_shown_before_the_stance_is_asked(services: Services) -> None:
    output = await _chat(services, "feedback", "6", "1", "", "n")
    statement = services.questions.knowledge.theses[5].statement.de
    assert output.index(statement) < output.index("Haltung: ")
    assert output.index("kein Zitat aus dem Positionspapier") < output.index("Haltung: ")


async def test_a_wrong_stance_is_asked_again_right_away(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "7", "teilweise", "", "n")
    assert "„7“ ist keine Haltung." in output
    assert output.index("„7“ ist keine Haltung.") < output.index("Kommentar (optional")
    assert await _stances(services) == [("these-koordination", Stance.PARTLY)]


async def test_an_overlong_comment_is_asked_again_and_the_stance_is_kept(services: Services) -> None:
    too_long = "x" * (MAX_COMMENT_LENGTH + 1)
    output = await _chat(services, "feedback", "2", "1", too_long, "Kürzer gefasst", "n")
    assert f"Der Kommentar hat {MAX_COMMENT_LENGTH + 1} Zeichen, erlaubt sind höchstens {MAX_COMMENT_LENGTH}." in output
    assert "Ihre Haltung „Zustimmung“ bleibt erhalten." in output
    assert output.index("bleibt erhalten") < output.index("Anonym speichern?")
    assert await _stances(services) == [("these-koordination", Stance.AGREE)]
    assert [c.body for c in (await services.feedback.personal_data(ME)).comments] == ["Kürzer gefasst"]


async def test_a_comment_with_control_characters_is_refused_when_typed(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "1", "Glocke \x07 läutet", "", "n")
    assert "Steuerzeichen" in output
    assert await _stances(services) == [("these-koordination", Stance.AGREE)]
    assert (await services.feedback.personal_data(ME)).comments == ()


async def test_neither_stance_nor_comment_asks_again_instead_of_ending(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "", "", "4", "", "n")
    assert "Bitte wählen Sie eine Haltung oder schreiben Sie einen Kommentar" in output
    assert await _stances(services) == [("these-koordination", Stance.NEUTRAL)]


async def test_an_unclear_anonymity_answer_is_asked_again(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "1", "", "vielleicht", "j")
    assert "Bitte „j“ (ja) oder „n“ (nein) eingeben." in output
    assert "Gespeichert als: anonym" in output


async def test_abbrechen_leaves_the_dialog_without_storing_or_asking(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "1", "abbrechen", "Wann war die Abschlusstagung?")
    assert "Abgebrochen – nichts gespeichert." in output
    assert (await services.feedback.personal_data(ME)).is_empty
    assert "ufaFabrik" in output


async def test_input_ending_inside_the_dialog_says_nothing_was_stored(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "1")
    assert "Abgebrochen – nichts gespeichert." in output
    assert output.rstrip().endswith("Auf Wiedersehen!")


async def test_a_rate_limited_submission_says_it_was_not_stored_and_shows_the_comment(services: Services) -> None:
    strict = FeedbackService(
        FeedbackStore(services.database),
        lambda: services.questions.knowledge,
        Pseudonymizer(services.settings.pseudonym_key or ""),
        limiter=SlidingWindow(1, 60),
    )
    output = await _chat(
        services, "feedback", "2", "1", "", "n", "feedback", "3", "2", "Bitte aufheben", "n", feedback=strict
    )
    refusal = output.split("Nicht gespeichert:", 1)[1]
    assert "These 3" in refusal.splitlines()[0]
    assert "Haltung: teilweise" in refusal
    assert "Bitte warten Sie" in refusal
    assert "Ihr Kommentar zum Kopieren:\nBitte aufheben" in refusal
    assert "nichts ist verloren" not in output
    assert await _stances(services) == [("these-koordination", Stance.AGREE)]


async def test_own_feedback_can_be_listed_and_withdrawn(services: Services) -> None:
    output = await _chat(
        services, "feedback", "3", "neutral", "", "j", "meine feedbacks", "zurückziehen 1", "meine feedbacks"
    )
    assert "1. These 3: Gesamtstädtische Konzepte statt Projektflickwerk: neutral" in output
    assert "Zurückgezogen: These 3" in output
    assert "Sie haben noch keine Rückmeldung gegeben." in output


async def test_commands_are_understood_when_typed_without_umlauts(services: Services) -> None:
    output = await _chat(
        services, "feedback", "3", "neutral", "", "j", "meine feedbacks", "zurueckziehen 1", "daten loeschen", "nein"
    )
    assert "Zurückgezogen: These 3" in output
    assert "Nichts gelöscht." in output


async def test_listed_numbers_stay_valid_across_several_withdrawals(services: Services) -> None:
    output = await _chat(
        services,
        *("feedback", "2", "1", "Erster Gedanke", "n"),
        *("feedback", "3", "3", "", "n"),
        "meine feedbacks",
        "zurückziehen 1",
        "zurückziehen 3",
        "zurückziehen 1",
    )
    assert "Eintrag 1 ist schon zurückgezogen." in output
    assert "gehört nicht Ihnen" not in output
    data = await services.feedback.personal_data(ME)
    assert [(s.thesis_id, s.stance) for s in data.current_stances] == [("these-gesamtkonzept", Stance.DISAGREE)]
    assert data.current_comments == ()


async def test_withdrawing_before_any_listing_says_to_list_first(services: Services) -> None:
    output = await _chat(services, "feedback", "2", "1", "", "n", "zurückziehen 1")
    assert "Bitte zuerst „meine feedbacks“ eingeben" in output
    assert await _stances(services) == [("these-koordination", Stance.AGREE)]


async def test_a_listing_older_than_new_feedback_asks_to_list_again(services: Services) -> None:
    output = await _chat(
        services, "feedback", "2", "1", "", "n", "meine feedbacks", "feedback", "2", "3", "", "n", "zurückziehen 1"
    )
    assert "Bitte „meine feedbacks“ erneut eingeben" in output
    assert await _stances(services) == [("these-koordination", Stance.DISAGREE)]


async def test_hilfe_lists_the_console_commands_and_what_the_bot_knows(services: Services) -> None:
    output = await _chat(services, "hilfe")
    for command in ("thesen", "feedback [THESE]", "meine feedbacks", "zurückziehen N", "meine daten speichern"):
        assert command in output
    assert "daten löschen" in output
    assert "Goslar" in output


async def test_my_data_is_readable_text_with_history(services: Services) -> None:
    output = await _chat(services, "feedback", "1", "3", "Kritisch", "n", "feedback", "1", "1", "", "n", "meine daten")
    data_view = output.split("Ihre gespeicherten Daten", 1)[1]
    assert '"body"' not in data_view
    assert "These 1: Vom Krisenmodus zur Daueraufgabe: Ablehnung – ersetzt" in data_view
    assert "These 1: Vom Krisenmodus zur Daueraufgabe: Zustimmung – aktuell" in data_view
    assert "„Kritisch“ – aktuell" in data_view
    assert "meine daten speichern" in data_view


async def test_my_data_can_be_saved_as_a_private_json_file(services: Services, tmp_path: Path) -> None:
    target = tmp_path / "auskunft.json"
    output = await _chat(services, "feedback", "1", "3", "Kritisch", "n", f"meine daten speichern {target}")
    assert str(target) in output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["comments"][0]["body"] == "Kritisch"


async def test_my_data_goes_to_a_default_file_in_the_current_folder_and_never_overwrites(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "meine-daten.json").write_text("keep me", encoding="utf-8")
    missing_folder = tmp_path / "fehlt" / "daten.json"
    output = await _chat(
        services, "feedback", "1", "3", "", "n", "meine daten speichern", f"meine daten speichern {missing_folder}"
    )
    assert "gibt es schon" in output
    assert (tmp_path / "meine-daten.json").read_text(encoding="utf-8") == "keep me"
    assert "Den Ordner" in output


async def test_my_data_and_deletion_with_confirmation(services: Services) -> None:
    output = await _chat(
        services, "feedback", "1", "3", "Kritisch", "n", "daten löschen", "nein", "daten löschen", "ja"
    )
    assert "Nichts gelöscht." in output
    assert "Gelöscht: 2 Einträge" in output
    assert (await services.feedback.personal_data(ME)).is_empty


@pytest.mark.parametrize(
    ("greeting", "reply"),
    [
        ("hallo", "Hallo!"),
        ("Hi!", "Hallo!"),
        ("moin", "Hallo!"),
        ("Danke!", "Gern geschehen!"),
        ("hello", "Hello!"),
        ("thanks", "You're welcome!"),
    ],
)
async def test_greetings_get_a_friendly_reply_and_are_not_asked_as_questions(
    services: Services, greeting: str, reply: str
) -> None:
    output = await _chat(services, greeting)
    assert reply in output
    assert "Dazu weiß ich leider nichts" not in output
    assert "Sorry, I don't know" not in output
    assert await _nothing_was_asked(services)


async def test_the_conversation_follows_the_language_the_person_writes_in(services: Services) -> None:
    output = await _chat(services, "When was the final conference?", "thesen", "Wer hat das Projekt geleitet?", "ende")
    english, german = output.split("Discussion theses", 1)[0], output.split("Wer hat", 1)[-1]
    assert "Sources:" in english
    assert "Diskussionsthesen" in output
    assert "Quellen:" in german
    assert output.rstrip().endswith("Auf Wiedersehen!")


async def test_an_unclear_question_keeps_the_conversation_language(services: Services) -> None:
    output = await _chat(services, "help", "Goslar", "exit")
    assert "Goodbye!" in output
    assert "Quellen:" not in output


async def test_dialog_answers_never_switch_the_language(services: Services) -> None:
    output = await _chat(services, "help", "feedback", "2", "1", "", "ja", "feedback", "3", "1", "", "no")
    assert output.count("Thank you! Your feedback on Thesis") == 2
    assert "Danke!" not in output
    assert "Stored as: anonymous" in output


async def test_output_is_wrapped_at_the_width_without_breaking_words(services: Services) -> None:
    output = await _chat(services, "Wann war die Abschlusstagung?", width=40)
    words = set("Die Abschlusstagung fand am 26. April 2018 in der ufaFabrik in Berlin statt.".split())
    lines = [line.removeprefix("> ") for line in output.splitlines()]  # piped input is not echoed
    assert all(len(line) <= 40 or len(line.removeprefix("  - ").split()) == 1 for line in lines)
    assert words <= {word for line in lines for word in line.split()}


@pytest.mark.parametrize(
    ("typed", "stance"),
    [("1", Stance.AGREE), ("Zustimmung!", Stance.AGREE), ("zust", Stance.AGREE), ("Disagree.", Stance.DISAGREE)],
)
def test_a_stance_is_read_from_its_number_or_word_with_punctuation_or_abbreviated(typed: str, stance: Stance) -> None:
    assert parse_stance(typed) == stance


@pytest.mark.parametrize("typed", ["5", "ja", "vielleicht", "n"])
def test_words_that_are_no_stance_are_not_read_as_one(typed: str) -> None:
    assert parse_stance(typed) is None
