"""User-facing wording in German and English.

Only phrasing lives here; every fact comes from ``knowledge/``.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.schema import Localized, Thesis

LANGUAGES = ("de", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "sources": {"de": "Quellen", "en": "Sources"},
    "thesis": {"de": "These", "en": "Thesis"},
    "thesis_basis": {"de": "Grundlage", "en": "Basis"},
    "did_you_mean": {"de": "Meinten Sie vielleicht:", "en": "Did you mean:"},
    "pick_number": {
        "de": "Antworten Sie mit der Nummer, um die Antwort zu sehen.",
        "en": "Reply with the number to see the answer.",
    },
    "unknown": {
        "de": "Dazu weiß ich leider nichts – ich antworte nur aus der geprüften Wissensbasis und rate nicht. "
        "Ihre Frage wurde für das Redaktionsteam notiert.",
        "en": "Sorry, I don't know that – I only answer from the curated knowledge base and never guess. "
        "Your question has been noted for the editorial team.",
    },
    "can_answer": {
        "de": "Ich kann Fragen beantworten zum Projekt „Vielfalt in den Zentren von Klein- und Mittelstädten“ "
        "(Ziele, Laufzeit, Team, Förderung, Ergebnisse), zu den Projektkommunen {towns}, zum Positionspapier, "
        "zur Abschlusstagung, zu Publikationen und zu den Diskussionsthesen.",
        "en": "I can answer questions about the project 'Vielfalt in den Zentren von Klein- und Mittelstädten' "
        "(goals, duration, team, funding, results), the partner towns {towns}, the position paper, "
        "the final conference, publications and the discussion theses.",
    },
    "console_welcome": {
        "de": "Vielfalt-Bot – Konsole. Stellen Sie eine Frage. Befehle: „thesen“, „hilfe“, „ende“.",
        "en": "Vielfalt-Bot – console. Ask a question. Commands: 'theses', 'help', 'exit'.",
    },
    "console_bye": {"de": "Auf Wiedersehen!", "en": "Goodbye!"},
    "no_such_choice": {
        "de": "Bitte eine Nummer von 1 bis {count} wählen oder eine neue Frage stellen.",
        "en": "Please pick a number from 1 to {count} or ask a new question.",
    },
    "theses_heading": {"de": "Diskussionsthesen", "en": "Discussion theses"},
    "cooldown": {
        "de": "Langsam, bitte – Sie können in {seconds} Sekunden wieder fragen.",
        "en": "Easy there – you can ask again in {seconds} seconds.",
    },
    "error": {
        "de": "Da ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.",
        "en": "Something went wrong. Please try again in a moment.",
    },
    "no_such_town": {
        "de": "„{typed}“ ist keine der neun Projektkommunen. Bitte wählen Sie eine aus der Liste.",
        "en": "'{typed}' is not one of the nine partner towns. Please pick one from the list.",
    },
    "no_such_thesis": {
        "de": "Zu „{typed}“ gibt es keine These. „/thesen“ zeigt alle.",
        "en": "There is no thesis '{typed}'. '/theses' lists them all.",
    },
    "state": {"de": "Bundesland", "en": "State"},
    "district": {"de": "Kreis", "en": "District"},
    "population": {"de": "Einwohner", "en": "Population"},
    "year_unknown": {"de": "Jahr nicht angegeben", "en": "year not stated"},
    "help_title": {"de": "Vielfalt-Bot – Hilfe", "en": "Vielfalt-Bot – help"},
    "help_commands": {
        "de": "**/frage** – eine Frage stellen (oder erwähnen Sie mich einfach in einer Nachricht)\n"
        "**/stadt** – Steckbrief einer Projektkommune\n**/thesen** – alle Diskussionsthesen\n"
        "**/these** – eine Diskussionsthese im Detail\n**/hilfe** – diese Übersicht",
        "en": "**/ask** – ask a question (or simply mention me in a message)\n"
        "**/town** – profile of a partner town\n**/theses** – all discussion theses\n"
        "**/thesis** – one discussion thesis in detail\n**/help** – this overview",
    },
    "empty_question": {
        "de": "Bitte stellen Sie eine Frage.",
        "en": "Please ask a question.",
    },
    "question_too_long": {
        "de": "Die Frage ist zu lang (höchstens {limit} Zeichen). Bitte kürzer fassen.",
        "en": "The question is too long (at most {limit} characters). Please shorten it.",
    },
}


def text(key: str, language: str, **values: str | int) -> str:
    template = _TEXTS[key].get(language) or _TEXTS[key]["de"]
    return template.format(**values) if values else template


def join_names(names: Sequence[str], language: str) -> str:
    if len(names) < 2:
        return "".join(names)
    conjunction = " und " if language == "de" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


def thesis_title(number: int, title: Localized) -> Localized:
    return Localized(
        de=f"{text('thesis', 'de')} {number}: {title.de}",
        en=f"{text('thesis', 'en')} {number}: {title.en}" if title.en else None,
    )


def thesis_answer(label: Localized, thesis: Thesis) -> Localized:
    """A thesis is always shown with its label so that nobody mistakes it for a quote from the paper."""

    def compose(language: str) -> str:
        return (
            f"{label.get(language)}\n\n{thesis.statement.get(language)}\n\n"
            f"{text('thesis_basis', language)}: {thesis.basis.get(language)}"
        )

    return Localized(de=compose("de"), en=compose("en"))
