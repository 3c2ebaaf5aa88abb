"""Storage error types, apart from the database module so front ends can catch them without loading aiosqlite.

Each error carries a key of :data:`_TEXTS` and its values, so every front end can word it in the reader's
language (:meth:`DatabaseError.message`); ``str(error)`` is the English text, for logs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

_TEXTS: dict[str, dict[str, str]] = {
    "cannot_open": {
        "de": "Die Datenbank {path} lässt sich nicht öffnen: {detail}",
        "en": "cannot open database {path}: {detail}",
    },
    "not_a_file": {
        "de": "Die Datenbank {path} lässt sich nicht öffnen: Das ist keine Datei.",
        "en": "cannot open database {path}: it is not a file",
    },
    "not_sqlite": {
        "de": "{path} ist keine nutzbare SQLite-Datenbank ({detail}).",
        "en": "{path} is not a usable SQLite database: {detail}",
    },
    "write_failed": {
        "de": "Schreiben in die Datenbank {path} ist fehlgeschlagen: {detail}",
        "en": "writing to the database {path} failed: {detail}",
    },
    "migration_failed": {
        "de": "Die Datenbank {path} ließ sich nicht auf Version {version} bringen: {detail}",
        "en": "migrating {path} to schema version {version} failed: {detail}",
    },
    "migration_needs_key": {
        "de": "Die Datenbank {path} ließ sich nicht auf Version {version} bringen: Dafür wird der "
        "Pseudonymisierungsschlüssel (VIELFALT_PSEUDONYM_KEY) gebraucht, um anonyme Rückmeldungen neu "
        "zu verschlüsseln.",
        "en": "migrating {path} to schema version {version} failed: it needs the pseudonym key "
        "(VIELFALT_PSEUDONYM_KEY) to re-key anonymous feedback",
    },
    "too_new": {
        "de": "{path} hat die Schema-Version {version}, dieses Programm kennt nur bis {known}: bitte das Programm "
        "aktualisieren statt eine ältere Version zu benutzen.",
        "en": "{path} has schema version {version}, but this program knows only up to {known}: update the program "
        "instead of using an older one",
    },
    "missing": {
        "de": "Unter {path} gibt es keine Datenbank; es wurde nichts angelegt. VIELFALT_DATA_DIR (oder VIELFALT_DB) "
        "auf den Datenordner des Bots setzen; „vielfalt-bot doctor“ zeigt, welcher Ordner benutzt wird.",
        "en": "there is no database at {path}; nothing was created. Point VIELFALT_DATA_DIR (or VIELFALT_DB) to the "
        "folder the bot keeps its data in; 'vielfalt-bot doctor' shows which folder is used",
    },
    "vanished": {
        "de": "Die Datenbank {path} fehlt, aber {names} daneben zeigen, dass es sie gab (gelöscht oder ein Laufwerk "
        "nicht eingebunden?). Aus einer Sicherung wiederherstellen („vielfalt-bot backup“ erstellt sie) oder "
        "bewusst eine neue, leere Datenbank beginnen: --new-database oder VIELFALT_ALLOW_NEW_DB=1.",
        "en": "the database {path} is missing, but {names} beside it show that one existed (deleted, or a volume "
        "not mounted?). Restore it from a backup ('vielfalt-bot backup' copies), or start a new, empty database "
        "on purpose with --new-database or VIELFALT_ALLOW_NEW_DB=1",
    },
    "replaced": {
        "de": "Die Datenbankdatei {path} wurde gelöscht oder ersetzt, während das Programm lief; es wird nichts "
        "mehr gespeichert. Die Datei wiederherstellen, falls sie versehentlich entfernt wurde, dann das Programm "
        "neu starten.",
        "en": "the database file {path} was deleted or replaced while the program was running; nothing more is "
        "saved. Restore the file if it was removed by mistake, then restart the program",
    },
    "busy": {
        "de": "Die Datenbank {path} ist belegt (ein anderes Programm schreibt gerade); es wurde nichts gespeichert.",
        "en": "the database {path} is busy (another program is writing to it); nothing was saved",
    },
    "backup_exists": {
        "de": "{path} gibt es schon; bitte einen neuen Dateinamen wählen, damit keine Sicherung überschrieben wird.",
        "en": "{path} exists already; choose a new file name so no backup is overwritten",
    },
    "backup_damaged": {
        "de": "Die Sicherung hat die Prüfung auf Unversehrtheit nicht bestanden: {detail}",
        "en": "the backup failed its integrity check: {detail}",
    },
    "backup_failed": {
        "de": "Die Sicherung von {path} nach {target} ist fehlgeschlagen: {detail}",
        "en": "backup of {path} to {target} failed: {detail}",
    },
}


class DatabaseError(Exception):
    """A database that cannot be opened or used, in words an operator understands."""

    def __init__(self, key: str, path: Path, **values: object) -> None:
        self.key = key
        self.path = path
        self.values = {"path": str(path), **{name: str(value) for name, value in values.items()}}
        super().__init__(self.message("en"))

    def message(self, language: str) -> str:
        texts = _TEXTS[self.key]
        return texts.get(language, texts["en"]).format(**self.values)


class DatabaseMissingError(DatabaseError):
    """A command that reads data found no database where it looked; it creates none."""

    def __init__(self, path: Path) -> None:
        super().__init__("missing", path)


class DatabaseVanishedError(DatabaseError):
    """The database is missing, but files beside it show that one existed: a fresh one is made only on request."""

    def __init__(self, path: Path, traces: list[Path]) -> None:
        super().__init__("vanished", path, names=", ".join(trace.name for trace in traces))


class DatabaseReplacedError(DatabaseError):
    """The open database file was deleted or replaced on disk while the program ran: anything written now would
    go to a file nobody will ever read again, so writes stop until a restart."""

    def __init__(self, path: Path) -> None:
        super().__init__("replaced", path)


class DatabaseBusyError(DatabaseError):
    """Another program held the database's write lock for longer than an interactive write may wait."""

    def __init__(self, path: Path) -> None:
        super().__init__("busy", path)


def storage_error(error: sqlite3.Error, path: Path) -> DatabaseError:
    """A failed write in the words of this module: busy (another program holds the lock) or failed."""
    if "locked" in str(error) or "busy" in str(error):
        return DatabaseBusyError(path)
    return DatabaseError("write_failed", path, detail=error)
