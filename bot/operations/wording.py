"""What ``doctor``, ``health`` and settings problems say, in German and English, for organisers rather than
programmers. :class:`bot.config.ConfigError` carries keys of this table, so every front end words a bad setting
the same way in the reader's language."""

from __future__ import annotations

from bot.config import GENERATE_KEY_COMMAND as _GENERATE_KEY

_TEXTS: dict[str, dict[str, str]] = {
    "title": {"de": "Vielfalt-Bot – Prüfung der Einrichtung", "en": "Vielfalt-Bot – setup check"},
    "ok": {"de": "OK", "en": "OK"},
    "note": {"de": "HINWEIS", "en": "NOTE"},
    "problem": {"de": "PROBLEM", "en": "PROBLEM"},
    "summary_ok": {
        "de": "Alles bereit: „vielfalt-bot run“ kann starten.",
        "en": "All set: 'vielfalt-bot run' can start.",
    },
    "summary_problems": {
        "de": "{count} Problem(e) gefunden: bitte zuerst beheben, sonst startet der Bot nicht zuverlässig.",
        "en": "{count} problem(s) found: fix them first, or the bot will not run reliably.",
    },
    "healthy": {"de": "gesund", "en": "healthy"},
    "config_ok": {"de": "Einstellungen: gültig.", "en": "Settings: valid."},
    "score_not_a_number": {
        "de": "{variable} muss eine Zahl zwischen 0 und 100 sein, nicht „{raw}“.",
        "en": "{variable} must be a number between 0 and 100, got '{raw}'.",
    },
    "score_out_of_range": {
        "de": "{variable} muss zwischen 0 und 100 liegen, nicht {raw}.",
        "en": "{variable} must be between 0 and 100, got {raw}.",
    },
    "thresholds_crossed": {
        "de": "VIELFALT_SUGGEST_THRESHOLD ({suggest}) darf nicht über VIELFALT_ANSWER_THRESHOLD ({answer}) liegen.",
        "en": "VIELFALT_SUGGEST_THRESHOLD ({suggest}) must not be above VIELFALT_ANSWER_THRESHOLD ({answer}).",
    },
    "key_too_short": {
        "de": "VIELFALT_PSEUDONYM_KEY muss mindestens {minimum} Zeichen haben. Erzeugen mit: {command}",
        "en": "VIELFALT_PSEUDONYM_KEY must have at least {minimum} characters. Generate one with: {command}",
    },
    "days_invalid": {
        "de": "{variable} muss eine ganze Zahl von Tagen sein, mindestens 1, nicht „{raw}“.",
        "en": "{variable} must be a whole number of days, at least 1, got '{raw}'.",
    },
    "ids_invalid": {
        "de": "{variable} muss eine durch Kommas getrennte Liste von Discord-IDs (nur Ziffern) sein, nicht „{raw}“.",
        "en": "{variable} must be a comma-separated list of numeric Discord ids, got '{raw}'.",
    },
    "url_invalid": {
        "de": "{variable} muss eine Adresse sein, die mit http(s):// oder ws(s):// beginnt, nicht „{raw}“.",
        "en": "{variable} must be a URL starting with http(s):// or ws(s)://, got '{raw}'.",
    },
    "choice_invalid": {
        "de": "{variable} muss eines von {allowed} sein, nicht „{raw}“.",
        "en": "{variable} must be one of {allowed}, got '{raw}'.",
    },
    "token_rejected": {
        "de": "Discord hat DISCORD_TOKEN abgelehnt: er wurde zurückgesetzt oder falsch kopiert. Im Entwicklerportal "
        "unter „Bot“ → „Reset Token“ einen neuen erzeugen und vollständig kopieren.",
        "en": "Discord rejected DISCORD_TOKEN: it was reset or mistyped. Create a new one under 'Bot' → 'Reset Token' "
        "in the developer portal and copy all of it.",
    },
    "intent_missing": {
        "de": "VIELFALT_QA_CHANNEL_IDS braucht den „Message Content Intent“: im Entwicklerportal unter „Bot“ → "
        "„Privileged Gateway Intents“ einschalten oder VIELFALT_QA_CHANNEL_IDS leer lassen.",
        "en": "VIELFALT_QA_CHANNEL_IDS needs the Message Content Intent: switch it on under 'Bot' → 'Privileged "
        "Gateway Intents' in the developer portal, or leave VIELFALT_QA_CHANNEL_IDS empty.",
    },
    "token_ok": {
        "de": "Discord-Token: sieht richtig aus. Einladungslink für den Bot: {invite}",
        "en": "Discord token: looks right. Invite link for the bot: {invite}",
    },
    "token_missing": {
        "de": "DISCORD_TOKEN fehlt. Im Discord-Entwicklerportal unter „Bot“ → „Reset Token“ einen Token erzeugen "
        "und als DISCORD_TOKEN eintragen (ohne Discord ausprobieren: „vielfalt-bot console“).",
        "en": "DISCORD_TOKEN is missing. Create one in the Discord developer portal under 'Bot' → 'Reset Token' "
        "and set it as DISCORD_TOKEN (to try the bot without Discord: 'vielfalt-bot console').",
    },
    "token_quoted": {
        "de": "DISCORD_TOKEN steht in Anführungszeichen: bitte die Anführungszeichen entfernen.",
        "en": "DISCORD_TOKEN is wrapped in quotes: remove the quotes.",
    },
    "token_bot_prefix": {
        "de": "DISCORD_TOKEN beginnt mit „Bot “: bitte nur den Token selbst eintragen.",
        "en": "DISCORD_TOKEN starts with 'Bot ': set only the token itself.",
    },
    "token_whitespace": {
        "de": "DISCORD_TOKEN enthält Leerzeichen oder Zeilenumbrüche: beim Kopieren ist etwas schiefgegangen.",
        "en": "DISCORD_TOKEN contains spaces or line breaks: something went wrong while copying it.",
    },
    "token_is_application_id": {
        "de": "DISCORD_TOKEN enthält die Application ID, nicht den Token. Den Token gibt es unter „Bot“ → "
        "„Reset Token“.",
        "en": "DISCORD_TOKEN holds the application id, not the token. Get the token under 'Bot' → 'Reset Token'.",
    },
    "token_is_client_secret": {
        "de": "DISCORD_TOKEN sieht aus wie das „Client Secret“ (OAuth2), nicht wie der Bot-Token. Den Token gibt es "
        "unter „Bot“ → „Reset Token“.",
        "en": "DISCORD_TOKEN looks like the OAuth2 client secret, not the bot token. Get the token under 'Bot' → "
        "'Reset Token'.",
    },
    "token_malformed": {
        "de": "DISCORD_TOKEN hat nicht die Form eines Bot-Tokens (drei Teile, durch Punkte getrennt). Bitte unter "
        "„Bot“ → „Reset Token“ neu erzeugen und vollständig kopieren.",
        "en": "DISCORD_TOKEN does not have the shape of a bot token (three parts separated by dots). Create a new "
        "one under 'Bot' → 'Reset Token' and copy all of it.",
    },
    "key_ok": {"de": "Pseudonymisierungsschlüssel: gesetzt.", "en": "Pseudonymisation key: set."},
    "key_missing": {
        "de": "VIELFALT_PSEUDONYM_KEY fehlt. Er ersetzt Discord-IDs durch Pseudonyme und muss danach gleich "
        f"bleiben. Erzeugen mit: {_GENERATE_KEY}",
        "en": "VIELFALT_PSEUDONYM_KEY is missing. It replaces Discord ids with pseudonyms and must stay the same "
        f"afterwards. Generate one with: {_GENERATE_KEY}",
    },
    "guilds_set": {
        "de": "Server (VIELFALT_GUILD_IDS): {count} eingetragen, Befehle erscheinen dort sofort.",
        "en": "Servers (VIELFALT_GUILD_IDS): {count} set, commands appear there at once.",
    },
    "guilds_missing": {
        "de": "VIELFALT_GUILD_IDS ist leer: die Befehle werden global angemeldet und erscheinen erst nach bis zu "
        "einer Stunde. Für eine Tagung die Server-ID eintragen.",
        "en": "VIELFALT_GUILD_IDS is empty: commands are registered globally and take up to an hour to appear. "
        "For a conference, set the server id.",
    },
    "moderator_role_missing": {
        "de": "VIELFALT_MODERATOR_ROLE ist leer: nur Mitglieder mit „Server verwalten“ können exportieren.",
        "en": "VIELFALT_MODERATOR_ROLE is empty: only members with 'Manage Server' can export.",
    },
    "moderator_role_id": {
        "de": "Moderationsrolle (VIELFALT_MODERATOR_ROLE): Rollen-ID {role} – es zählt nur genau diese Rolle.",
        "en": "Moderator role (VIELFALT_MODERATOR_ROLE): role id {role} – only exactly this role counts.",
    },
    "moderator_role_name": {
        "de": "Moderationsrolle (VIELFALT_MODERATOR_ROLE): Rollenname „{role}“. Er zählt nur, solange genau eine "
        "Rolle auf dem Server so heißt; sicherer ist die Rollen-ID (Entwicklermodus an, Rechtsklick auf die Rolle → "
        "„Rollen-ID kopieren“).",
        "en": "Moderator role (VIELFALT_MODERATOR_ROLE): role name '{role}'. It counts only while exactly one role on "
        "the server has this name; the role id is safer (Developer Mode on, right-click the role → 'Copy Role ID').",
    },
    "moderator_role_matched_by_name": {
        "de": "Moderationsrolle: Keine Rolle hat die ID {role}, aber genau eine heißt so – sie zählt. Besser die "
        "Rollen-ID eintragen.",
        "en": "Moderator role: no role has the id {role}, but exactly one is named so – it counts. Better set the "
        "role id.",
    },
    "moderator_role_ambiguous": {
        "de": "Moderationsrolle: Auf dem Server heißen mehrere Rollen „{role}“. Der Bot erkennt darüber niemanden als "
        "Moderation. Bitte die Rollen-ID in VIELFALT_MODERATOR_ROLE eintragen.",
        "en": "Moderator role: several roles on the server are named '{role}', so the bot accepts none of them. Set "
        "the role id in VIELFALT_MODERATOR_ROLE.",
    },
    "moderator_role_not_found": {
        "de": "Moderationsrolle: Der laufende Bot findet auf dem Server keine Rolle „{role}“ (weder als ID noch als "
        "Name).",
        "en": "Moderator role: the running bot finds no role '{role}' on the server (neither as id nor as name).",
    },
    "moderator_role_override": {
        "de": "Mitglieder der Moderationsrolle ohne „Server verwalten“ sehen die Moderationsbefehle erst nach einer "
        "Freigabe je Befehl: Servereinstellungen → Integrationen → Vielfalt-Bot → Befehl (z. B. /export) → Rollen "
        "und Mitglieder hinzufügen → die Rolle erlauben. Nötig für /export, /statistik, /unbeantwortet, /audit, /kb, "
        "/thesen-posten, /podium-liste und /sitzung.",
        "en": "Members of the moderator role without 'Manage Server' see the moderator commands only after a "
        "per-command override: Server Settings → Integrations → Vielfalt-Bot → the command (e.g. /export) → Add "
        "Roles or Members → allow the role. Needed for /export, /statistics, /unanswered, /audit, /kb, "
        "/post-theses, /panel-queue and /session.",
    },
    "message_content_needed": {
        "de": "VIELFALT_QA_CHANNEL_IDS ist gesetzt: im Entwicklerportal unter „Bot“ den „Message Content Intent“ "
        "einschalten, sonst verweigert Discord die Verbindung.",
        "en": "VIELFALT_QA_CHANNEL_IDS is set: switch on the 'Message Content Intent' under 'Bot' in the developer "
        "portal, or Discord refuses the connection.",
    },
    "sessions_invalid": {
        "de": "Sitzungsdatei {path}: {problem}",
        "en": "Sessions file {path}: {problem}",
    },
    "sessions_none": {
        "de": "Sitzungen: keine Datei {path} – alles ist offen, Fragen ans Podium gehen an eine allgemeine Runde.",
        "en": "Sessions: no file {path} – everything is open, questions to the panel go to one general round.",
    },
    "sessions_ok": {
        "de": "Sitzungen: {count} in {path}.",
        "en": "Sessions: {count} in {path}.",
    },
    "wall_links": {
        "de": "Projektorwand („vielfalt-bot wall“ oder „run --wall“): auf diesem Rechner {url} – von anderen "
        "Rechnern (mit --host) nur über den geheimen Link {public}",
        "en": "Projector wall ('vielfalt-bot wall' or 'run --wall'): on this machine {url} – from other machines "
        "(with --host) only through the secret link {public}",
    },
    "wall_local_only": {
        "de": "Projektorwand: auf diesem Rechner {url}; für andere Rechner fehlt noch ein Schlüssel "
        "(VIELFALT_PSEUDONYM_KEY oder VIELFALT_WALL_TOKEN).",
        "en": "Projector wall: on this machine {url}; for other machines a key is still missing "
        "(VIELFALT_PSEUDONYM_KEY or VIELFALT_WALL_TOKEN).",
    },
    "retention_set": {
        "de": "Aufbewahrung: {days} Tage („vielfalt-bot purge“ regelmäßig ausführen).",
        "en": "Retention: {days} days (run 'vielfalt-bot purge' regularly).",
    },
    "retention_missing": {
        "de": "VIELFALT_RETENTION_DAYS ist leer: Feedback wird unbegrenzt aufbewahrt. Für den Datenschutzhinweis "
        "eine Frist festlegen und „vielfalt-bot purge“ regelmäßig ausführen.",
        "en": "VIELFALT_RETENTION_DAYS is empty: feedback is kept indefinitely. Set a period for the privacy notice "
        "and run 'vielfalt-bot purge' regularly.",
    },
    "data_dir": {
        "de": "Datenordner: {path} (Datenbank, Lebenszeichen, Exporte; ändern mit VIELFALT_DATA_DIR).",
        "en": "Data folder: {path} (database, heartbeat, exports; change with VIELFALT_DATA_DIR).",
    },
    "db_vanished": {
        "de": "Datenbank {path}: fehlt, aber {traces} daneben zeigen, dass es sie gab (gelöscht, oder das Volume ist "
        "nicht eingebunden?). Aus einer Sicherung zurückspielen; eine neue, leere Datenbank startet der Bot nur mit "
        "--new-database oder VIELFALT_ALLOW_NEW_DB=1.",
        "en": "Database {path}: missing, but {traces} beside it show that it existed (deleted, or the volume is not "
        "mounted?). Restore it from a backup; the bot starts a new, empty database only with --new-database or "
        "VIELFALT_ALLOW_NEW_DB=1.",
    },
    "db_storage_read_only": {
        "de": "Datenbank {path}: der Speicher nimmt nichts an (ein Schreibversuch ist gescheitert: schreibgeschützt "
        "eingebunden, Dateirechte oder voll). Neue Beiträge würden nicht gespeichert.",
        "en": "Database {path}: the storage takes no writes (a test write failed: mounted read-only, file "
        "permissions, or full). New submissions would not be stored.",
    },
    "db_ok": {
        "de": "Datenbank {path}: lesbar, beschreibbar und unbeschädigt ({size_kb} KB, {participants} Teilnehmende).",
        "en": "Database {path}: readable, writable and intact ({size_kb} KB, {participants} participants).",
    },
    "db_will_be_created": {
        "de": "Datenbank {path}: existiert noch nicht und wird beim ersten Start angelegt.",
        "en": "Database {path}: does not exist yet and will be created on first start.",
    },
    "db_folder_not_writable": {
        "de": "Datenbank {path}: der Ordner kann nicht angelegt oder beschrieben werden. VIELFALT_DB auf einen "
        "beschreibbaren Ort setzen (im Container: das Volume /data).",
        "en": "Database {path}: its folder cannot be created or written. Point VIELFALT_DB to a writable place "
        "(in the container: the /data volume).",
    },
    "db_missing_for_bot": {
        "de": "Datenbank {path}: fehlt, obwohl der Bot laufen soll.",
        "en": "Database {path}: missing although the bot should be running.",
    },
    "db_unreadable": {
        "de": "Datenbank {path}: kann nicht gelesen werden ({error}). Ist es wirklich die SQLite-Datei des Bots?",
        "en": "Database {path}: cannot be read ({error}). Is it really the bot's SQLite file?",
    },
    "db_too_new": {
        "de": "Datenbank {path}: stammt von einer neueren Programmversion (Schema {version}, bekannt bis {known}). "
        "Bitte das Programm aktualisieren.",
        "en": "Database {path}: comes from a newer version of the program (schema {version}, known up to {known}). "
        "Update the program.",
    },
    "db_damaged": {
        "de": "Datenbank {path}: beschädigt ({error}). Bot anhalten und die letzte Sicherung "
        "(„vielfalt-bot backup“) zurückspielen.",
        "en": "Database {path}: damaged ({error}). Stop the bot and restore the latest backup ('vielfalt-bot backup').",
    },
    "db_not_writable": {
        "de": "Datenbank {path}: nicht beschreibbar (Dateirechte, oder ein anderes Programm hält sie gesperrt).",
        "en": "Database {path}: not writable (file permissions, or another program holds a lock on it).",
    },
    "disk_low": {
        "de": "Nur noch {free_mb} MB frei: neue Beiträge könnten nicht mehr gespeichert werden.",
        "en": "Only {free_mb} MB free: new submissions might not be stored.",
    },
    "kb_ok": {
        "de": "Wissensbasis {path}: gültig ({entries} Einträge, {theses} Thesen).",
        "en": "Knowledge base {path}: valid ({entries} entries, {theses} theses).",
    },
    "kb_missing": {
        "de": "Wissensbasis: Ordner {path} fehlt. VIELFALT_KNOWLEDGE_DIR prüfen.",
        "en": "Knowledge base: folder {path} is missing. Check VIELFALT_KNOWLEDGE_DIR.",
    },
    "kb_invalid": {"de": "Wissensbasis {path}: {problem}", "en": "Knowledge base {path}: {problem}"},
    "more_problems": {"de": "… und {count} weitere.", "en": "… and {count} more."},
    "kb_warnings": {
        "de": "Wissensbasis {path}: gültig, aber {count} Warnung(en); Details mit „vielfalt-bot kb check“.",
        "en": "Knowledge base {path}: valid, but {count} warning(s); details with 'vielfalt-bot kb check'.",
    },
    "bot_running": {
        "de": "Bot: läuft, mit {guilds} Server(n) verbunden (letztes Lebenszeichen vor {seconds} s).",
        "en": "Bot: running, connected to {guilds} server(s) (last sign of life {seconds} s ago).",
    },
    "bot_not_running": {
        "de": "Bot: läuft hier gerade nicht (kein Lebenszeichen neben der Datenbank).",
        "en": "Bot: not running here (no sign of life beside the database).",
    },
    "bot_silent": {
        "de": "Bot: seit {seconds} s kein Lebenszeichen; die Verbindung zu Discord ist wohl unterbrochen.",
        "en": "Bot: no sign of life for {seconds} s; its Discord connection is probably down.",
    },
}


def wording(key: str, language: str, **values: str | int) -> str:
    return _TEXTS[key][language].format(**values)
