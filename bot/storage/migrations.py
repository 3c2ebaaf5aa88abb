"""Schema versions, applied in order; ``PRAGMA user_version`` records how far a database has come.

Never edit a released step: add a new one, so that existing databases upgrade the same way as new ones.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE question_log (
        id INTEGER PRIMARY KEY,
        asked_at TEXT NOT NULL,
        question TEXT NOT NULL,
        normalized TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('suggest', 'unknown')),
        best_entry_id TEXT,
        score REAL NOT NULL,
        language TEXT NOT NULL,
        channel TEXT NOT NULL
    );
    CREATE INDEX question_log_normalized ON question_log (normalized);
    CREATE INDEX question_log_asked_at ON question_log (asked_at);
    """,
)
