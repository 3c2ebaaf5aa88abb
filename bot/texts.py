"""User-facing wording in German and English.

Only phrasing lives here; every fact comes from ``knowledge/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge.schema import Localized, Thesis

LANGUAGES = ("de", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "sources": {"de": "Quellen", "en": "Sources"},
    "thesis": {"de": "These", "en": "Thesis"},
    "thesis_basis": {"de": "Grundlage", "en": "Basis"},
    "did_you_mean": {"de": "Meinten Sie vielleicht:", "en": "Did you mean:"},
    "not_known_but": {
        "de": "Das weiß ich leider nicht – aber zu {subject} weiß ich Folgendes:",
        "en": "I don't know that – but here is what I know about {subject}:",
    },
    "more_sources": {"de": "+{count} weitere", "en": "+{count} more"},
    "gap_attribute": {
        "de": "{label}: dazu nennen unsere Quellen für {town} nichts.",
        "en": "{label}: our sources say nothing about this for {town}.",
    },
    "not_documented": {
        "de": "Das weiß ich leider nicht: {gap} Mehr zum Thema:",
        "en": "I don't know that: {gap} More on the topic:",
    },
    "smalltalk_greeting": {"de": "Hallo! Ich bin der Vielfalt-Bot.", "en": "Hello! I'm the Vielfalt bot."},
    "smalltalk_thanks": {"de": "Gern geschehen!", "en": "You're welcome!"},
    "smalltalk_bye": {"de": "Tschüss und bis bald!", "en": "Goodbye, see you soon!"},
    "smalltalk_identity": {
        "de": "Ich bin der Vielfalt-Bot, ein Programm, das aus einer geprüften Wissensbasis antwortet.",
        "en": "I'm the Vielfalt bot, a program that answers from a curated knowledge base.",
    },
    "smalltalk_capabilities": {"de": "Gern helfe ich weiter.", "en": "Happy to help."},
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
        "de": "Vielfalt-Bot – Konsole. Fragen Sie mich etwas zum Projekt „Vielfalt in den Zentren“, zu den neun "
        "Projektkommunen oder zum Positionspapier. „hilfe“ zeigt alle Befehle, „ende“ oder Strg-D beendet.",
        "en": "Vielfalt-Bot – console. Ask me about the project 'Vielfalt in den Zentren', its nine partner towns "
        "or the position paper. 'help' lists all commands, 'exit' or Ctrl-D quits.",
    },
    "console_help": {
        "de": "Befehle:\n"
        "  thesen                  alle Diskussionsthesen\n"
        "  feedback [THESE]        Haltung und Kommentar zu einer These abgeben\n"
        "  meine feedbacks         Ihre Rückmeldungen, nummeriert\n"
        "  zurückziehen N          Rückmeldung N aus dieser Liste zurückziehen\n"
        "  meine daten             alles, was über Sie gespeichert ist\n"
        "  meine daten speichern [DATEI]  dasselbe als JSON-Datei\n"
        "  daten löschen           alles über Sie löschen (mit Rückfrage)\n"
        "  podium [FRAGE]          eine Frage ans Podium stellen (auch anonym)\n"
        "  fragen                  die Fragen ans Podium mit ihren Stimmen\n"
        "  stimme N                für Frage #N stimmen (noch einmal: Stimme zurücknehmen)\n"
        "  hilfe                   diese Übersicht\n"
        "  ende                    beenden (auch Strg-D oder Strg-C)\n\n"
        "Alles andere beantworte ich als Frage. {capabilities}",
        "en": "Commands:\n"
        "  theses                  all discussion theses\n"
        "  feedback [THESIS]       give your stance and a comment on a thesis\n"
        "  my feedback             your feedback, numbered\n"
        "  withdraw N              withdraw feedback N of that list\n"
        "  my data                 everything stored about you\n"
        "  save my data [FILE]     the same as a JSON file\n"
        "  delete my data          delete everything about you (asks first)\n"
        "  ask panel [QUESTION]    put a question to the panel (also anonymously)\n"
        "  questions               the questions to the panel with their votes\n"
        "  vote N                  vote for question #N (again: withdraw the vote)\n"
        "  help                    this overview\n"
        "  exit                    quit (also Ctrl-D or Ctrl-C)\n\n"
        "Anything else I answer as a question. {capabilities}",
    },
    "console_hello": {
        "de": "Hallo! Fragen Sie mich zum Beispiel: „Wann war die Abschlusstagung?“ – „hilfe“ zeigt, was ich kann.",
        "en": "Hello! Ask me, for example: 'When was the final conference?' – 'help' shows what I can do.",
    },
    "console_thanks": {
        "de": "Gern geschehen! Fragen Sie ruhig weiter.",
        "en": "You're welcome! Feel free to ask more.",
    },
    "console_dialog_intro": {
        "de": "Rückmeldung zu einer These. „abbrechen“ beendet die Eingabe, ohne etwas zu speichern.",
        "en": "Feedback on a thesis. 'cancel' stops without storing anything.",
    },
    "console_pick_thesis": {"de": "These (Nummer oder Stichwort): ", "en": "Thesis (number or keyword): "},
    "console_thesis_not_found": {
        "de": "Zu „{typed}“ habe ich keine These gefunden. Bitte die Nummer oder ein Wort aus dem Titel eingeben:",
        "en": "I found no thesis for '{typed}'. Please enter its number or a word from its title:",
    },
    "console_thesis_ambiguous": {
        "de": "„{typed}“ passt zu mehreren Thesen. Bitte die Nummer eingeben:",
        "en": "'{typed}' fits several theses. Please enter the number:",
    },
    "console_stance_options": {
        "de": "Ihre Haltung: 1 Zustimmung · 2 teilweise · 3 Ablehnung · 4 neutral · Enter = keine Haltung",
        "en": "Your stance: 1 agree · 2 partly · 3 disagree · 4 neutral · Enter = no stance",
    },
    "console_pick_stance": {"de": "Haltung: ", "en": "Stance: "},
    "console_stance_invalid": {
        "de": "„{typed}“ ist keine Haltung. Bitte 1 bis 4 eingeben, ein Wort wie „Zustimmung“ oder Enter für keine.",
        "en": "'{typed}' is not a stance. Please enter 1 to 4, a word such as 'agree', or Enter for none.",
    },
    "console_comment": {
        "de": "Kommentar (optional, bis {limit} Zeichen, Enter = keiner): ",
        "en": "Comment (optional, up to {limit} characters, Enter = none): ",
    },
    "console_comment_too_long": {
        "de": "Der Kommentar hat {length} Zeichen, erlaubt sind höchstens {limit}. Bitte kürzer fassen "
        "(Enter = ohne Kommentar).",
        "en": "The comment has {length} characters; at most {limit} are allowed. Please shorten it "
        "(Enter = no comment).",
    },
    "console_stance_kept": {
        "de": "Ihre Haltung „{stance}“ bleibt erhalten.",
        "en": "Your stance '{stance}' is kept.",
    },
    "console_choose_something": {
        "de": "Bitte wählen Sie eine Haltung oder schreiben Sie einen Kommentar – oder „abbrechen“.",
        "en": "Please choose a stance or write a comment – or 'cancel'.",
    },
    "console_anonymous": {"de": "Anonym speichern? (j/N): ", "en": "Store anonymously? (y/N): "},
    "console_yes_or_no": {
        "de": "Bitte „j“ (ja) oder „n“ (nein) eingeben.",
        "en": "Please enter 'y' (yes) or 'n' (no).",
    },
    "console_cancelled": {"de": "Abgebrochen – nichts gespeichert.", "en": "Cancelled – nothing stored."},
    "console_not_stored": {
        "de": "Nicht gespeichert: Ihre Rückmeldung zu {thesis}.",
        "en": "Not stored: your feedback on {thesis}.",
    },
    "console_retry_later": {
        "de": "Das waren viele Rückmeldungen in kurzer Zeit. Bitte warten Sie {seconds} Sekunden und geben Sie "
        "dann erneut „feedback“ ein.",
        "en": "That was a lot of feedback in a short time. Please wait {seconds} seconds, then enter 'feedback' again.",
    },
    "console_storage_failed": {
        "de": "Die Datenbank konnte sie nicht speichern. Bitte später erneut versuchen oder die Veranstalter "
        "informieren.",
        "en": "The database could not store it. Please try again later or tell the organisers.",
    },
    "console_copy_comment": {"de": "Ihr Kommentar zum Kopieren:", "en": "Your comment, to copy:"},
    "console_withdraw_hint": {
        "de": "„zurückziehen N“ zieht Eintrag N zurück.",
        "en": "'withdraw N' withdraws entry N.",
    },
    "console_list_first": {
        "de": "Bitte zuerst „meine feedbacks“ eingeben – die Nummern beziehen sich auf diese Liste.",
        "en": "Please enter 'my feedback' first – the numbers refer to that list.",
    },
    "console_list_again": {
        "de": "Sie haben seit der Liste neue Rückmeldungen gegeben oder gelöscht. Bitte „meine feedbacks“ erneut "
        "eingeben, damit die Nummern stimmen.",
        "en": "Your feedback changed since the list was shown. Please enter 'my feedback' again so the numbers "
        "are right.",
    },
    "console_withdraw_number": {
        "de": "Bitte eine Nummer von 1 bis {count} aus der Liste angeben, z. B. „zurückziehen 1“.",
        "en": "Please give a number from 1 to {count} of the list, e.g. 'withdraw 1'.",
    },
    "console_already_withdrawn": {
        "de": "Eintrag {number} ist schon zurückgezogen.",
        "en": "Entry {number} is already withdrawn.",
    },
    "console_withdrawn": {"de": "Zurückgezogen: {item}", "en": "Withdrawn: {item}"},
    "console_gone": {
        "de": "Eintrag {number} gibt es nicht mehr. „meine feedbacks“ zeigt die aktuelle Liste.",
        "en": "Entry {number} no longer exists. 'my feedback' shows the current list.",
    },
    "console_data_title": {
        "de": "Ihre gespeicherten Daten (Pseudonym {pseudonym}…):",
        "en": "Your stored data (pseudonym {pseudonym}…):",
    },
    "console_data_stances": {"de": "Haltungen, mit Verlauf:", "en": "Stances, with history:"},
    "console_data_comments": {"de": "Kommentare:", "en": "Comments:"},
    "console_data_current": {"de": "aktuell", "en": "current"},
    "console_data_superseded": {"de": "ersetzt", "en": "superseded"},
    "console_data_withdrawn": {"de": "zurückgezogen", "en": "withdrawn"},
    "console_data_edited": {"de": "bearbeitet", "en": "edited"},
    "console_data_revision": {"de": "frühere Fassung", "en": "earlier version"},
    "console_data_save_hint": {
        "de": "„meine daten speichern [DATEI]“ schreibt alles als JSON-Datei (ohne Angabe: {default} im "
        "aktuellen Ordner).",
        "en": "'save my data [FILE]' writes all of it to a JSON file (without a name: {default} in the current "
        "folder).",
    },
    "console_data_saved": {
        "de": "Ihre Daten stehen jetzt in {path} (nur für Sie lesbar).",
        "en": "Your data is now in {path} (readable only by you).",
    },
    "console_file_exists": {
        "de": "{path} gibt es schon. Bitte einen anderen Namen angeben, z. B. „meine daten speichern neu.json“.",
        "en": "{path} exists already. Please give another name, e.g. 'save my data new.json'.",
    },
    "console_folder_missing": {
        "de": "Den Ordner {folder} gibt es nicht. Bitte einen vorhandenen Ordner angeben.",
        "en": "The folder {folder} does not exist. Please give an existing folder.",
    },
    "console_file_not_written": {
        "de": "{path} kann nicht geschrieben werden ({reason}). Bitte einen anderen Ort angeben.",
        "en": "{path} cannot be written ({reason}). Please give another place.",
    },
    "console_erase_confirm": {
        "de": "Wirklich alle Ihre Daten löschen – Rückmeldungen, Kommentare, Fragen ans Podium und Stimmen? "
        "(ja/nein): ",
        "en": "Really delete all your data – feedback, comments, questions to the panel and votes? (yes/no): ",
    },
    "console_bye": {"de": "Auf Wiedersehen!", "en": "Goodbye!"},
    "no_such_choice": {
        "de": "Bitte eine Nummer von 1 bis {count} wählen oder eine neue Frage stellen.",
        "en": "Please pick a number from 1 to {count} or ask a new question.",
    },
    "console_no_choice_open": {
        "de": "Gerade ist keine Auswahl offen. Bitte eine Frage stellen oder „hilfe“ eingeben.",
        "en": "There is no list to choose from right now. Please ask a question or type 'help'.",
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
    "storage_failed": {
        "de": "Das hat gerade nicht geklappt: Die Datenbank ist nicht erreichbar. **Es wurde nichts gespeichert "
        "oder geändert.** Bitte versuchen Sie es in einer Minute noch einmal.",
        "en": "That did not work: the database cannot be reached. **Nothing was saved or changed.** Please try "
        "again in a minute.",
    },
    "typed_text_copy": {"de": "Ihr Text zum Kopieren:", "en": "Your text, to copy:"},
    "typed_text_attached": {
        "de": "Ihr Text steht zum Kopieren in der angehängten Datei.",
        "en": "Your text is in the attached file, to copy.",
    },
    "busy_try_again": {
        "de": "Die Datenbank ist gerade beschäftigt. Bitte klicken Sie in ein paar Sekunden noch einmal.",
        "en": "The database is busy right now. Please click again in a few seconds.",
    },
    "entry_gone": {
        "de": "Diesen Eintrag gibt es nach einer Aktualisierung der Wissensbasis nicht mehr. Bitte stellen Sie "
        "die Frage noch einmal.",
        "en": "This entry no longer exists since the knowledge base was updated. Please ask the question again.",
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
        "**/these** – eine Diskussionsthese im Detail, mit Knöpfen für Ihre Haltung\n"
        "**/feedback** – Haltung und Kommentar zu einer These\n**/meine-feedbacks** – eigene Rückmeldungen "
        "ändern oder zurückziehen\n**/meine-daten** – alles über Sie Gespeicherte ansehen oder löschen\n"
        "**/podium** – eine Frage ans Podium stellen (auch anonym); Knöpfe unter den Fragen zum Abstimmen\n"
        "**/hilfe** – diese Übersicht",
        "en": "**/ask** – ask a question (or simply mention me in a message)\n"
        "**/town** – profile of a partner town\n**/theses** – all discussion theses\n"
        "**/thesis** – one discussion thesis in detail, with buttons for your stance\n"
        "**/feedback** – stance and comment on a thesis\n**/my-feedback** – change or withdraw your feedback\n"
        "**/my-data** – see or delete everything stored about you\n"
        "**/ask-panel** – put a question to the panel (also anonymously); vote with the buttons below questions\n"
        "**/help** – this overview",
    },
    "comment_empty": {
        "de": "Der Kommentar ist leer. Bitte schreiben Sie etwas oder lassen Sie das Feld ganz weg.",
        "en": "The comment is empty. Please write something or leave the field out.",
    },
    "comment_too_long": {
        "de": "Der Kommentar ist {length} Zeichen lang; erlaubt sind höchstens {limit}. Nichts wurde gespeichert.",
        "en": "The comment has {length} characters; at most {limit} are allowed. Nothing was stored.",
    },
    "comment_control_characters": {
        "de": "Der Kommentar enthält Steuerzeichen, die nicht gespeichert werden können. Bitte als normalen Text "
        "eingeben.",
        "en": "The comment contains control characters that cannot be stored. Please enter plain text.",
    },
    "feedback_empty": {
        "de": "Bitte wählen Sie eine Haltung oder schreiben Sie einen Kommentar.",
        "en": "Please choose a stance or write a comment.",
    },
    "feedback_rate_limited": {
        "de": "Das waren viele Rückmeldungen in kurzer Zeit. Bitte warten Sie {seconds} Sekunden; "
        "nichts ist verloren gegangen.",
        "en": "That was a lot of feedback in a short time. Please wait {seconds} seconds; nothing was lost.",
    },
    "no_such_feedback": {
        "de": "Diese Rückmeldung gibt es nicht (mehr) oder sie gehört nicht Ihnen.",
        "en": "This feedback does not exist (any more) or is not yours.",
    },
    "retention_days_invalid": {
        "de": "Die Aufbewahrungsfrist kann nicht negativ sein.",
        "en": "The retention period cannot be negative.",
    },
    "stance_zustimmung": {"de": "Zustimmung", "en": "Agree"},
    "stance_teilweise": {"de": "teilweise", "en": "Partly"},
    "stance_ablehnung": {"de": "Ablehnung", "en": "Disagree"},
    "stance_neutral": {"de": "neutral", "en": "Neutral"},
    "stance": {"de": "Haltung", "en": "Stance"},
    "comment": {"de": "Kommentar", "en": "Comment"},
    "stored_as": {"de": "Gespeichert als", "en": "Stored as"},
    "anonymous": {"de": "anonym", "en": "anonymous"},
    "feedback_stored": {
        "de": "Danke! Ihre Rückmeldung zu {thesis} ist gespeichert.",
        "en": "Thank you! Your feedback on {thesis} is stored.",
    },
    "feedback_already_stored": {
        "de": "Diese Rückmeldung war bereits gespeichert – sie zählt nur einmal.",
        "en": "This feedback was already stored – it counts only once.",
    },
    "moderators_only": {
        "de": "Dieser Befehl ist nur für die Moderation.",
        "en": "This command is for moderators only.",
    },
    "comment_button": {"de": "Kommentieren", "en": "Comment"},
    "comment_label_optional": {
        "de": "Kommentar (optional, bis {limit} Zeichen)",
        "en": "Comment (optional, up to {limit} chars)",
    },
    "comment_label_required": {"de": "Kommentar (1 bis {limit} Zeichen)", "en": "Comment (1 to {limit} characters)"},
    "edit_comment_title": {"de": "Kommentar bearbeiten", "en": "Edit comment"},
    "my_feedback_title": {"de": "Ihre Rückmeldungen", "en": "Your feedback"},
    "no_feedback_yet": {"de": "Sie haben noch keine Rückmeldung gegeben.", "en": "You have not given feedback yet."},
    "pick_feedback": {"de": "Rückmeldung auswählen …", "en": "Choose feedback …"},
    "what_to_do": {"de": "Was möchten Sie tun?", "en": "What would you like to do?"},
    "edit": {"de": "Bearbeiten", "en": "Edit"},
    "withdraw": {"de": "Zurückziehen", "en": "Withdraw"},
    "withdrawn": {"de": "Zurückgezogen.", "en": "Withdrawn."},
    "comment_edited": {"de": "Ihr Kommentar ist geändert.", "en": "Your comment has been changed."},
    "erase_question": {
        "de": "Wirklich **alle** Ihre Rückmeldungen, Kommentare, Fragen ans Podium und Stimmen endgültig löschen? "
        "Das lässt sich nicht rückgängig machen.",
        "en": "Really delete **all** your feedback, comments, questions to the panel and votes for good? This cannot "
        "be undone.",
    },
    "erase_yes": {"de": "Ja, alles löschen", "en": "Yes, delete everything"},
    "erase_no": {"de": "Abbrechen", "en": "Cancel"},
    "erase_cancelled": {"de": "Nichts gelöscht.", "en": "Nothing deleted."},
    "erased": {
        "de": "Gelöscht: {count} Einträge, auch aus den Zwischenspeichern der Datenbankdatei. Zu Ihrer Person ist "
        "nichts mehr gespeichert (Fragen an den Bot werden ohnehin ohne Bezug zu Ihnen gespeichert).",
        "en": "Deleted: {count} records, also from the database file's temporary storage. Nothing linked to you is "
        "stored any more (questions to the bot are stored without any link to you anyway).",
    },
    "erased_pending": {
        "de": "Gelöscht: {count} Einträge. Die Datenbankdatei wird in Kürze bereinigt: gerade liest ein anderer "
        "Vorgang (z. B. ein Export) daraus; danach ist dort nichts mehr von Ihnen lesbar.",
        "en": "Deleted: {count} records. The database file will be cleaned up shortly: another task (such as an "
        "export) is reading it right now; after that, nothing of yours is readable there.",
    },
    "my_data_title": {"de": "Ihre gespeicherten Daten", "en": "Your stored data"},
    "my_data_summary": {
        "de": "Gespeichert unter einem Pseudonym (nicht Ihrer Discord-ID): {stances} Haltungen (mit Verlauf), "
        "{comments} Kommentare, {questions} Fragen ans Podium, {votes} Stimmen für Fragen. Die vollständigen Daten "
        "stehen in der angehängten Datei.",
        "en": "Stored under a pseudonym (not your Discord id): {stances} stances (with history), {comments} "
        "comments, {questions} questions to the panel, {votes} votes for questions. The complete data is in the "
        "attached file.",
    },
    "my_data_empty": {"de": "Über Sie ist nichts gespeichert.", "en": "Nothing about you is stored."},
    "theses_posted": {
        "de": "{count} Thesen mit Feedback-Knöpfen gepostet.",
        "en": "Posted {count} theses with feedback buttons.",
    },
    "date_range_reversed": {
        "de": "Das Startdatum liegt nach dem Enddatum.",
        "en": "The start date is after the end date.",
    },
    "date_invalid": {
        "de": "„{typed}“ ist kein Datum – bitte als JJJJ-MM-TT angeben, z. B. 2026-11-25.",
        "en": "'{typed}' is not a date – please use YYYY-MM-DD, e.g. 2026-11-25.",
    },
    "stance_count": {"de": "Anzahl Haltungen", "en": "Number of stances"},
    "export_done": {"de": "{rows} Zeilen exportiert ({size}).", "en": "Exported {rows} rows ({size})."},
    "export_zipped": {
        "de": "{rows} Zeilen exportiert – komprimiert, damit die Datei unter Discords Upload-Grenze bleibt ({size}).",
        "en": "Exported {rows} rows – compressed to stay under Discord's upload limit ({size}).",
    },
    "export_too_big": {
        "de": "Der Export hat {rows} Zeilen und ist auch komprimiert zu groß für Discord ({size}, erlaubt: {limit}). "
        "Bitte auf dem Server ausführen: `{command}`",
        "en": "The export has {rows} rows and is too big for Discord even compressed ({size}, allowed: {limit}). "
        "Please run on the server: `{command}`",
    },
    "statistics_title": {"de": "Rückmeldungen je These", "en": "Feedback per thesis"},
    "statistics_line": {"de": "{stances} · Kommentare: {comments}", "en": "{stances} · comments: {comments}"},
    "unanswered_title": {"de": "Häufigste offene Fragen", "en": "Most frequent open questions"},
    "unanswered_line": {"de": "{count}× „{question}“ (zuletzt {last})", "en": "{count}× '{question}' (last {last})"},
    "unanswered_alike": {"de": "(+{count} ähnliche)", "en": "(+{count} alike)"},
    "unanswered_closest": {"de": "am nächsten: {title} ({entry})", "en": "closest: {title} ({entry})"},
    "nothing_yet": {"de": "Noch nichts.", "en": "Nothing yet."},
    "reload_ok": {
        "de": "Wissensbasis neu geladen: {entries} Einträge.",
        "en": "Knowledge base reloaded: {entries} entries.",
    },
    "reload_failed": {
        "de": "Nicht neu geladen – die bisherige Wissensbasis ({entries} Einträge) läuft weiter. Fehler:",
        "en": "Not reloaded – the previous knowledge base ({entries} entries) keeps running. Problems:",
    },
    "reload_warnings": {"de": "Hinweise:", "en": "Warnings:"},
    "audit_title": {"de": "Protokoll der Moderation", "en": "Moderation log"},
    "empty_question": {
        "de": "Bitte stellen Sie eine Frage.",
        "en": "Please ask a question.",
    },
    # --- live at the conference: sessions, podium questions, live opinion, wall, report ---
    "console_podium_prompt": {"de": "Ihre Frage ans Podium: ", "en": "Your question to the panel: "},
    "console_podium_anonymous": {"de": "Anonym stellen? (j/N): ", "en": "Ask anonymously? (y/N): "},
    "console_podium_similar": {
        "de": "Eine ähnliche Frage gibt es schon:\n  {line}",
        "en": "A similar question exists already:\n  {line}",
    },
    "console_podium_vote_instead": {
        "de": "Stattdessen für diese Frage stimmen? (j/N): ",
        "en": "Vote for that question instead? (y/N): ",
    },
    "console_podium_anyway": {
        "de": "Ihre Frage trotzdem einreichen? (j/N): ",
        "en": "Submit your question anyway? (y/N): ",
    },
    "console_podium_vote_hint": {
        "de": "„stimme N“ stimmt für Frage #N; noch einmal nimmt die Stimme zurück.",
        "en": "'vote N' votes for question #N; again withdraws the vote.",
    },
    "console_podium_vote_number": {
        "de": "Bitte die Nummer der Frage angeben, z. B. „stimme 3“ („fragen“ zeigt sie).",
        "en": "Please give the question's number, e.g. 'vote 3' ('questions' shows them).",
    },
    "console_podium_unavailable": {
        "de": "Fragen ans Podium gibt es hier nicht.",
        "en": "Questions to the panel are not available here.",
    },
    "console_podium_forward_hint": {
        "de": "Eine Frage für das Podium? „podium“ und Ihre Frage gibt sie weiter.",
        "en": "A question for the panel? 'ask panel' and your question passes it on.",
    },
    "console_data_podium": {"de": "Fragen ans Podium:", "en": "Questions to the panel:"},
    "console_data_votes": {
        "de": "Ihre Stimmen für Fragen: {questions}",
        "en": "Your votes for questions: {questions}",
    },
    "thesis_closed": {
        "de": "Die Diskussion zu dieser These ist geschlossen (Sitzung „{session}“). Es wurde nichts gespeichert – "
        "danke für Ihr Interesse!",
        "en": "The discussion of this thesis is closed (session '{session_en}'). Nothing was stored – thank you for "
        "your interest!",
    },
    "feedback_closed": {
        "de": "Die Diskussion zu dieser These ist geschlossen (Sitzung „{session}“), Rückmeldungen dazu nimmt der Bot "
        "gerade nicht an. Danke für Ihr Interesse!",
        "en": "The discussion of this thesis is closed (session '{session_en}'), so the bot is not taking feedback on "
        "it right now. Thank you for your interest!",
    },
    "podium_session_closed": {
        "de": "Die Fragerunde „{session}“ ist geschlossen – gerade nimmt das Podium keine Fragen an. Es wurde nichts "
        "gespeichert.",
        "en": "The question round '{session}' is closed – the panel is not taking questions right now. Nothing was "
        "stored.",
    },
    "podium_no_open_session": {
        "de": "Gerade ist keine Fragerunde geöffnet. Es wurde nichts gespeichert; bitte später noch einmal.",
        "en": "No question round is open right now. Nothing was stored; please try again later.",
    },
    "podium_empty": {"de": "Bitte schreiben Sie eine Frage.", "en": "Please write a question."},
    "podium_too_long": {
        "de": "Die Frage ist {length} Zeichen lang; erlaubt sind höchstens {limit}. Nichts wurde gespeichert.",
        "en": "The question has {length} characters; at most {limit} are allowed. Nothing was stored.",
    },
    "podium_control_characters": {
        "de": "Die Frage enthält Steuerzeichen, die nicht gespeichert werden können. Bitte als normalen Text eingeben.",
        "en": "The question contains control characters that cannot be stored. Please enter plain text.",
    },
    "podium_rate_limited": {
        "de": "Das waren viele Fragen in kurzer Zeit. Bitte warten Sie {seconds} Sekunden; nichts ist verloren.",
        "en": "That was a lot of questions in a short time. Please wait {seconds} seconds; nothing was lost.",
    },
    "vote_rate_limited": {
        "de": "Das waren viele Klicks in kurzer Zeit. Bitte warten Sie {seconds} Sekunden.",
        "en": "That was a lot of clicks in a short time. Please wait {seconds} seconds.",
    },
    "podium_not_votable": {
        "de": "Für diese Frage kann man nicht (mehr) abstimmen: Sie ist beantwortet, ausgeblendet oder noch nicht "
        "freigegeben.",
        "en": "This question cannot be voted on (any more): it is answered, hidden or not yet approved.",
    },
    "podium_no_such_question": {
        "de": "Diese Frage gibt es nicht (mehr) oder sie gehört nicht Ihnen.",
        "en": "This question does not exist (any more) or is not yours.",
    },
    "podium_highlight_needs_public": {
        "de": "Nur freigegebene Fragen können hervorgehoben werden.",
        "en": "Only approved questions can be highlighted.",
    },
    "no_such_session": {
        "de": "„{typed}“ ist keine Sitzung dieser Veranstaltung.",
        "en": "'{typed}' is not a session of this event.",
    },
    "podium_stored": {
        "de": "Danke! Ihre Frage ist beim Podium ({session}) und für alle sichtbar; andere können für sie stimmen.",
        "en": "Thank you! Your question is with the panel ({session}) and visible to everyone; others can vote for it.",
    },
    "podium_stored_pending": {
        "de": "Danke! Ihre Frage ist eingegangen ({session}) und erscheint, sobald die Moderation sie freigibt.",
        "en": "Thank you! Your question has arrived ({session}) and appears once the moderators approve it.",
    },
    "podium_replayed": {
        "de": "Diese Frage war bereits eingereicht – sie zählt nur einmal.",
        "en": "This question was already submitted – it counts only once.",
    },
    "podium_duplicate": {
        "de": "Eine ähnliche Frage gibt es schon (Stimmen: {votes}):\n> {question}\nMöchten Sie stattdessen für "
        "sie stimmen?",
        "en": "A similar question exists already (votes: {votes}):\n> {question}\nWould you like to vote for it "
        "instead?",
    },
    "podium_vote_instead": {"de": "Stattdessen dafür stimmen", "en": "Vote for it instead"},
    "podium_submit_anyway": {"de": "Trotzdem einreichen", "en": "Submit anyway"},
    "podium_your_question": {"de": "Ihre Frage", "en": "Your question"},
    "vote_counted": {
        "de": "Ihre Stimme zählt – Stimmen für die Frage jetzt: {votes}. Noch einmal abstimmen nimmt sie zurück.",
        "en": "Your vote counts – votes for the question now: {votes}. Voting again withdraws it.",
    },
    "vote_withdrawn": {
        "de": "Ihre Stimme ist zurückgenommen – Stimmen für die Frage jetzt: {votes}.",
        "en": "Your vote is withdrawn – votes for the question now: {votes}.",
    },
    "podium_forward": {"de": "Ans Podium weitergeben", "en": "Pass on to the panel"},
    "podium_forward_anonymous": {"de": "Anonym ans Podium", "en": "Anonymously to the panel"},
    "podium_form_title": {"de": "Frage ans Podium", "en": "Question to the panel"},
    "podium_form_title_anonymous": {"de": "Anonyme Frage ans Podium", "en": "Anonymous question to the panel"},
    "podium_form_label": {"de": "Ihre Frage (bis {limit} Zeichen)", "en": "Your question (up to {limit} chars)"},
    "podium_question_title": {"de": "Frage ans Podium", "en": "Question to the panel"},
    "podium_asked_by": {"de": "gefragt von {name}", "en": "asked by {name}"},
    "podium_asked_anonymously": {"de": "anonym gefragt", "en": "asked anonymously"},
    "podium_status_pending": {"de": "wartet auf Freigabe", "en": "awaiting approval"},
    "podium_status_approved": {"de": "offen", "en": "open"},
    "podium_status_hidden": {"de": "ausgeblendet", "en": "hidden"},
    "podium_status_answered": {"de": "beantwortet", "en": "answered"},
    "podium_highlighted": {"de": "wird gerade besprochen", "en": "being discussed now"},
    "podium_withdrawn_public": {
        "de": "(Diese Frage wurde zurückgezogen.)",
        "en": "(This question was withdrawn.)",
    },
    "podium_hidden_public": {
        "de": "(Diese Frage wurde von der Moderation ausgeblendet.)",
        "en": "(This question was hidden by the moderators.)",
    },
    "podium_answered_public": {
        "de": "Beantwortet – danke für Ihre Frage!",
        "en": "Answered – thank you for your question!",
    },
    "votes": {"de": "Stimmen", "en": "votes"},
    "podium_list_title": {"de": "Fragen ans Podium – {session}", "en": "Questions to the panel – {session}"},
    "podium_pick": {"de": "Frage auswählen …", "en": "Choose a question …"},
    "podium_approve": {"de": "Freigeben", "en": "Approve"},
    "podium_hide": {"de": "Ausblenden", "en": "Hide"},
    "podium_answer": {"de": "Beantwortet", "en": "Answered"},
    "podium_highlight": {"de": "Jetzt besprechen", "en": "Discuss now"},
    "podium_unhighlight": {"de": "Nicht mehr hervorheben", "en": "Stop highlighting"},
    "podium_moderated": {
        "de": "Erledigt: Frage {number} ist jetzt „{status}“.",
        "en": "Done: question {number} is now '{status}'.",
    },
    "session_opened": {
        "de": "Die Sitzung „{session}“ ist geöffnet: Fragen und Rückmeldungen zu ihren Thesen sind möglich.",
        "en": "The session '{session}' is open: questions and feedback on its theses are possible.",
    },
    "session_closed": {
        "de": "Die Sitzung „{session}“ ist geschlossen: neue Fragen und Rückmeldungen zu ihren Thesen werden "
        "freundlich abgelehnt.",
        "en": "The session '{session}' is closed: new questions and feedback on its theses are politely refused.",
    },
    "sessions_title": {"de": "Sitzungen", "en": "Sessions"},
    "session_open": {"de": "geöffnet", "en": "open"},
    "session_is_closed": {"de": "geschlossen", "en": "closed"},
    "session_current": {"de": "aktuell", "en": "current"},
    "session_premoderation": {"de": "mit Vorab-Freigabe", "en": "pre-moderated"},
    "sessions_undefined": {
        "de": "Es sind keine Sitzungen festgelegt: alles ist offen. (Datei: {path})",
        "en": "No sessions are defined: everything is open. (File: {path})",
    },
    "live_opinion": {"de": "Stimmungsbild", "en": "Current opinion"},
    "live_opinion_empty": {"de": "Noch keine Haltungen.", "en": "No stances yet."},
    "podium_statistics_title": {"de": "Fragen ans Podium je Sitzung", "en": "Questions to the panel per session"},
    "podium_statistics_line": {
        "de": "{questions} Fragen ({statuses}) · {votes} Stimmen",
        "en": "{questions} questions ({statuses}) · {votes} votes",
    },
    "wall_title": {"de": "Fragen ans Podium", "en": "Questions to the panel"},
    "wall_discussing_now": {"de": "Wird gerade besprochen", "en": "Being discussed now"},
    "wall_top_questions": {"de": "Meistgewählte Fragen", "en": "Most-voted questions"},
    "wall_no_questions": {
        "de": "Noch keine Fragen – stellen Sie Ihre mit /podium!",
        "en": "No questions yet – ask yours with /ask-panel!",
    },
    "wall_opinion": {"de": "Stimmungsbild zu den Thesen", "en": "Opinion on the theses"},
    "wall_forbidden": {
        "de": "Diese Seite braucht den geheimen Link (vielfalt-bot doctor zeigt ihn).",
        "en": "This page needs its secret link (vielfalt-bot doctor shows it).",
    },
    "report_title": {"de": "Bericht zur Veranstaltung", "en": "Event report"},
    "report_generated": {"de": "Erstellt am {when}", "en": "Generated on {when}"},
    "report_theses": {"de": "Thesen: Haltungen und Kommentare", "en": "Theses: stances and comments"},
    "report_comments": {"de": "Kommentare", "en": "Comments"},
    "report_no_comments": {"de": "Keine Kommentare.", "en": "No comments."},
    "report_podium": {"de": "Fragen ans Podium", "en": "Questions to the panel"},
    "report_unanswered": {"de": "Unbeantwortete Fragen", "en": "Unanswered questions"},
    "report_unanswered_podium": {"de": "Vom Podium nicht beantwortet", "en": "Not answered by the panel"},
    "report_unanswered_bot": {
        "de": "Vom Bot nicht sicher beantwortet (häufigste)",
        "en": "Not answered confidently by the bot (most frequent)",
    },
    "report_none": {"de": "Keine.", "en": "None."},
    "report_question": {"de": "Frage", "en": "Question"},
    "report_status": {"de": "Status", "en": "Status"},
    "report_asked": {"de": "Anzahl", "en": "Times asked"},
    "report_total": {"de": "gesamt", "en": "total"},
    "question_too_long": {
        "de": "Die Frage ist zu lang (höchstens {limit} Zeichen). Bitte kürzer fassen.",
        "en": "The question is too long (at most {limit} characters). Please shorten it.",
    },
}


def text(key: str, language: str, **values: str | int) -> str:
    template = _TEXTS[key].get(language) or _TEXTS[key]["de"]
    return template.format(**values) if values else template


def stance_label(stance: str, language: str) -> str:
    """ "Zustimmung", "Agree", …; takes the stance's value (a ``Stance`` is a ``str``)."""
    return text(f"stance_{stance}", language)


def join_names(names: Sequence[str], language: str) -> str:
    if len(names) < 2:
        return "".join(names)
    conjunction = " und " if language == "de" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


def thesis_title(number: int, title: Localized) -> Localized:
    from bot.knowledge.schema import Localized  # pydantic: slow to import, and most users of the wording never need it

    return Localized(
        de=f"{text('thesis', 'de')} {number}: {title.de}",
        en=f"{text('thesis', 'en')} {number}: {title.en}" if title.en else None,
    )


def gap_text(label: Localized, town: str, language: str) -> str:
    """What a reply says when the sources give nothing for one of a town's attributes."""
    return text("gap_attribute", language, label=label.get(language), town=town)


def thesis_facts(thesis: Thesis) -> tuple[Localized, Localized]:
    """A thesis's statement and the finding it rests on, as two facts; the label travels as the entry's note."""
    from bot.knowledge.schema import Localized

    basis = Localized(
        de=f"{text('thesis_basis', 'de')}: {thesis.basis.de}",
        en=f"{text('thesis_basis', 'en')}: {thesis.basis.get('en')}",
    )
    return thesis.statement, basis
