"""Storage error types, apart from the database module so front ends can catch them without loading aiosqlite."""

from __future__ import annotations

from pathlib import Path


class DatabaseError(Exception):
    """A database that cannot be opened or used, in words an operator understands."""


class DatabaseMissingError(DatabaseError):
    """A command that reads data found no database where it looked; it creates none."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"there is no database at {path}; nothing was created. Point VIELFALT_DATA_DIR (or VIELFALT_DB) to the "
            "folder the bot keeps its data in; 'vielfalt-bot doctor' shows which folder is used"
        )
        self.path = path


class DatabaseVanishedError(DatabaseError):
    """The database is missing, but files beside it show that one existed: a fresh one is made only on request."""

    def __init__(self, path: Path, traces: list[Path]) -> None:
        names = ", ".join(trace.name for trace in traces)
        super().__init__(
            f"the database {path} is missing, but {names} beside it show that one existed (deleted, or a volume "
            "not mounted?). Restore it from a backup ('vielfalt-bot backup' copies), or start a new, empty database "
            "on purpose with --new-database or VIELFALT_ALLOW_NEW_DB=1"
        )
        self.path = path


class DatabaseReplacedError(DatabaseError):
    """The open database file was deleted or replaced on disk while the program ran: anything written now would
    go to a file nobody will ever read again, so writes stop until a restart."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the database file {path} was deleted or replaced while the program was running; nothing more is "
            "saved. Restore the file if it was removed by mistake, then restart the program"
        )
        self.path = path


class DatabaseBusyError(DatabaseError):
    """Another program held the database's write lock for longer than an interactive write may wait."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"the database {path} is busy (another program is writing to it); nothing was saved")
        self.path = path
