"""What the command line itself says (results, refusals, progress), in German and English.

German unless the system's locale is English. Settings problems and ``doctor`` findings are worded in
:mod:`bot.operations.wording`, chat answers in :mod:`bot.texts`. Imports nothing heavy: ``vielfalt-bot``
without a known command uses it too.
"""

from __future__ import annotations

from collections.abc import Mapping

_TEXTS: dict[str, dict[str, str]] = {
    "podium_session": {"de": "Sitzung", "en": "Session"},
    "report_written": {
        "de": "Bericht geschrieben: {path} (eine Datei, im Browser zu öffnen; nur für Sie lesbar).",
        "en": "Report written: {path} (one file, opens in a browser; readable only by you).",
    },
    "wall_serving": {
        "de": "Projektorwand läuft: {url}\nIm Browser des Projektor-Rechners öffnen (Vollbild: F11). Beenden mit "
        "Strg-C.",
        "en": "Projector wall running: {url}\nOpen it in the projector computer's browser (full screen: F11). Stop "
        "with Ctrl-C.",
    },
    "wall_needs_token": {
        "de": "Die Wand soll auf {host} lauschen und wäre damit von anderen Rechnern erreichbar; dafür braucht sie "
        "einen geheimen Link. VIELFALT_PSEUDONYM_KEY oder VIELFALT_WALL_TOKEN setzen (oder ohne --host nur lokal "
        "starten).",
        "en": "The wall would listen on {host} and so be reachable from other machines; that needs a secret link. "
        "Set VIELFALT_PSEUDONYM_KEY or VIELFALT_WALL_TOKEN (or start it without --host, for this machine only).",
    },
    "wall_port_busy": {
        "de": "Die Wand kann nicht auf {host}:{port} lauschen ({reason}). Mit --port einen anderen Port wählen.",
        "en": "The wall cannot listen on {host}:{port} ({reason}). Choose another port with --port.",
    },
    "unknown_command": {
        "de": "vielfalt-bot: unbekannter Befehl „{name}“.",
        "en": "vielfalt-bot: unknown command '{name}'.",
    },
    "configuration_error": {"de": "Konfigurationsfehler: {problem}", "en": "Configuration error: {problem}"},
    "knowledge_invalid": {
        "de": "Die Wissensbasis ist fehlerhaft:",
        "en": "The knowledge base is invalid:",
    },
    "database_error": {
        "de": "Die Datenbank kann nicht benutzt werden: {detail}",
        "en": "The database cannot be used: {detail}",
    },
    "database_missing": {
        "de": "Unter {path} gibt es keine Datenbank; es wurde nichts angelegt. Stimmen VIELFALT_DATA_DIR und "
        "VIELFALT_DB? („vielfalt-bot doctor“ zeigt den Datenordner.)",
        "en": "There is no database at {path}; nothing was created. Are VIELFALT_DATA_DIR and VIELFALT_DB right? "
        "('vielfalt-bot doctor' shows the data folder.)",
    },
    "database_is_folder": {
        "de": "VIELFALT_DB zeigt auf den Ordner {path}; es muss eine Datei sein, z. B. {suggestion}.",
        "en": "VIELFALT_DB points to the folder {path}; it must be a file, e.g. {suggestion}.",
    },
    "database_read_only": {
        "de": "Die Datenbank {path} ist schreibgeschützt (Dateirechte oder Datenträger). Schreibrechte für die "
        "Datei und ihren Ordner geben oder VIELFALT_DB auf einen beschreibbaren Ort setzen.",
        "en": "The database {path} is read-only (file permissions or storage). Allow writing to the file and its "
        "folder, or point VIELFALT_DB to a writable place.",
    },
    "database_folder_not_writable": {
        "de": "Der Ordner {folder} für die Datenbank kann nicht angelegt oder beschrieben werden. VIELFALT_DB auf "
        "einen beschreibbaren Ort setzen.",
        "en": "The database folder {folder} cannot be created or written. Point VIELFALT_DB to a writable place.",
    },
    "file_exists": {
        "de": "{path} gibt es schon. Bitte einen neuen Dateinamen wählen, damit nichts überschrieben wird.",
        "en": "{path} exists already. Please choose a new file name so that nothing is overwritten.",
    },
    "target_is_folder": {
        "de": "{path} ist ein Ordner. Bitte einen Dateinamen angeben, z. B. {path}/neu.",
        "en": "{path} is a folder. Please give a file name, e.g. {path}/new.",
    },
    "folder_missing": {
        "de": "Den Ordner {folder} gibt es nicht. Bitte zuerst anlegen oder einen anderen Pfad angeben.",
        "en": "The folder {folder} does not exist. Please create it first or give another path.",
    },
    "folder_not_writable": {
        "de": "In den Ordner {folder} kann nicht geschrieben werden. Bitte einen anderen Pfad angeben.",
        "en": "The folder {folder} cannot be written to. Please give another path.",
    },
    "file_error": {
        "de": "{path}: {reason}. Es wurde nichts geschrieben.",
        "en": "{path}: {reason}. Nothing was written.",
    },
    "interrupted": {"de": "Abgebrochen.", "en": "Interrupted."},
    "no_such_thesis": {
        "de": "Zu „{typed}“ gibt es keine These. Die Thesen:\n{theses}",
        "en": "There is no thesis '{typed}'. The theses:\n{theses}",
    },
    "thesis_ambiguous": {
        "de": "„{typed}“ passt zu mehreren Thesen; bitte die Nummer angeben:\n{theses}",
        "en": "'{typed}' fits several theses; please give the number:\n{theses}",
    },
    "chart_not_png": {
        "de": "Das Diagramm wird als PNG-Bild geschrieben: bitte einen Dateinamen auf .png angeben, nicht {path}.",
        "en": "The chart is written as a PNG image: please give a file name ending in .png, not {path}.",
    },
    "export_thesis": {"de": "Nur {thesis}", "en": "Only {thesis}"},
    "export_done": {
        "de": "{rows} Zeilen exportiert nach {path} ({size} Bytes).",
        "en": "Exported {rows} rows to {path} ({size} bytes).",
    },
    "backup_done": {
        "de": "Sicherung geschrieben: {path} ({size} Bytes, Integritätsprüfung bestanden).",
        "en": "Backup written to {path} ({size} bytes, integrity check passed).",
    },
    "purge_needs_days": {
        "de": "Wie alt darf das Gelöschte sein? Bitte --older-than TAGE angeben oder VIELFALT_RETENTION_DAYS setzen.",
        "en": "How old must deleted data be? Please give --older-than DAYS or set VIELFALT_RETENTION_DAYS.",
    },
    "purge_done": {
        "de": "Gelöscht (älter als {days} Tage): {stances} Haltungen, {comments} Kommentare, {questions} notierte "
        "Fragen, {podium} Fragen ans Podium (mit ihren Stimmen), {participants} Teilnehmende ohne Rückmeldung, "
        "{files} Exportdateien in {folder}.",
        "en": "Deleted (older than {days} days): {stances} stances, {comments} comments, {questions} logged "
        "questions, {podium} questions to the panel (with their votes), {participants} participants without "
        "feedback, {files} export files in {folder}.",
    },
    "kb_ok": {
        "de": "OK: {entries} Einträge, {facts} Fakten, {variants} Frageformulierungen, {towns} Kommunen, {theses} "
        "Thesen; jeder Fakt ist erreichbar.",
        "en": "OK: {entries} entries, {facts} facts, {variants} question variants, {towns} towns, {theses} theses; "
        "every fact is reachable.",
    },
    "unanswered_none": {
        "de": "In {path} sind keine unbeantworteten Fragen notiert.",
        "en": "No unanswered questions are logged in {path}.",
    },
    "unanswered_heading": {
        "de": "{total} unbeantwortete Fragen in {groups} Gruppen (Datenbank: {path}), die häufigsten zuerst:",
        "en": "{total} unanswered questions in {groups} groups (database: {path}), most asked first:",
    },
    "unanswered_group": {"de": "{number}. {count}× „{question}“", "en": "{number}. {count}× “{question}”"},
    "unanswered_last": {"de": "(zuletzt {last})", "en": "(last asked {last})"},
    "unanswered_alike": {"de": "   ähnlich: {questions}", "en": "   alike: {questions}"},
    "unanswered_more": {"de": "(+{count} weitere)", "en": "(+{count} more)"},
    "unanswered_new_topic": {
        "de": "   nächster Eintrag: keiner – ein neues Thema; einen Eintrag mit dieser Frage anlegen",
        "en": "   closest entry: none – a new topic; add an entry with this question",
    },
    "unanswered_answered_now": {
        "de": "   inzwischen beantwortet von {entry} ({file})",
        "en": "   answered by now from {entry} ({file})",
    },
    "unanswered_closest": {
        "de": "   nächster Eintrag: {entry} „{title}“ in {file} (Wert {score}) – dort den fehlenden Fakt oder "
        "diese Frage ergänzen",
        "en": "   closest entry: {entry} “{title}” in {file} (score {score}) – add the missing fact or this "
        "question there",
    },
    "kb_warning": {"de": "Warnung: {warning}", "en": "Warning: {warning}"},
    "discord_unreachable": {
        "de": "Discord ist nicht erreichbar ({target}: {reason}) – Versuch {attempt} von {attempts}, nächster in "
        "{seconds} s.",
        "en": "Discord cannot be reached ({target}: {reason}) – attempt {attempt} of {attempts}, next in {seconds} s.",
    },
    "discord_gave_up": {
        "de": "Discord war bei {attempts} Versuchen nicht erreichbar ({target}: {reason}). Netzwerk, Firewall und "
        "DISCORD_API_BASE prüfen; der Bot läuft nicht.",
        "en": "Discord could not be reached in {attempts} attempts ({target}: {reason}). Check the network, the "
        "firewall and DISCORD_API_BASE; the bot is not running.",
    },
    "unreachable_dns": {
        "de": "Name nicht auflösbar – kein Netz oder DNS gestört",
        "en": "name cannot be resolved – no network or DNS trouble",
    },
    "unreachable_refused": {"de": "Verbindung abgelehnt", "en": "connection refused"},
    "unreachable_timeout": {"de": "keine Antwort", "en": "no answer"},
    "unreachable_outage": {"de": "Discord meldet eine Störung", "en": "Discord reports an outage"},
    "unreachable_other": {"de": "Verbindung gestört", "en": "connection failed"},
    "stats_title": {"de": "Rückmeldungen je These", "en": "Feedback per thesis"},
    "stats_columns": {
        "de": "These|Zustimmung|teilweise|Ablehnung|neutral|Kommentare|Titel",
        "en": "Thesis|Agree|Partly|Disagree|Neutral|Comments|Title",
    },
    "stats_total": {"de": "Summe", "en": "Total"},
    "chart_written": {"de": "Diagramm gespeichert: {path}", "en": "Chart written to {path}"},
    "audit_columns": {
        "de": "Zeit (UTC)|Moderation|Aktion|Einzelheiten",
        "en": "Time (UTC)|Moderator|Action|Details",
    },
    "audit_empty": {"de": "Das Protokoll ist leer.", "en": "The log is empty."},
    "audit_empty_since": {
        "de": "Seit {since} ist nichts protokolliert.",
        "en": "Nothing has been logged since {since}.",
    },
}


def say(key: str, language: str, **values: str | int) -> str:
    template = _TEXTS[key][language]
    return template.format(**values) if values else template


def locale_language(env: Mapping[str, str]) -> str:
    """German first; English only for people whose system speaks English."""
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "de"


def grouped(value: int, language: str) -> str:
    """A whole number with thousands grouped as the reader writes them: 6.117 in German, 6,117 in English."""
    written = f"{value:,}"
    return written.replace(",", ".") if language == "de" else written
