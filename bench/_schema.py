"""The project's database schema as literal SQL, so the raw baselines need nothing from ``bot``.

This is a copy on purpose: a baseline that imported the project could inherit its costs or its shortcuts.
``tests/test_bench_fidelity.py`` fails as soon as the project's migrated schema differs from this copy.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 5
BUSY_TIMEOUT_MS = 2000

DDL: tuple[str, ...] = (
    """CREATE TABLE question_log (
        id INTEGER PRIMARY KEY,
        asked_at TEXT NOT NULL,
        question TEXT NOT NULL,
        normalized TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('suggest', 'unknown')),
        best_entry_id TEXT,
        score REAL NOT NULL,
        language TEXT NOT NULL,
        channel TEXT NOT NULL
    )""",
    "CREATE INDEX question_log_normalized ON question_log (normalized)",
    "CREATE INDEX question_log_asked_at ON question_log (asked_at)",
    "CREATE TABLE participants (pseudonym TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
    """CREATE TABLE stances (
        id INTEGER PRIMARY KEY,
        pseudonym TEXT NOT NULL REFERENCES participants (pseudonym) ON DELETE CASCADE,
        thesis_id TEXT NOT NULL,
        stance TEXT NOT NULL CHECK (stance IN ('zustimmung', 'teilweise', 'ablehnung', 'neutral')),
        anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
        display_name TEXT CHECK (anonymous = 0 OR display_name IS NULL),
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL,
        superseded_at TEXT,
        withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
        idempotency_key TEXT UNIQUE
    )""",
    "CREATE UNIQUE INDEX stances_one_current ON stances (pseudonym, thesis_id) WHERE superseded_at IS NULL",
    "CREATE INDEX stances_by_thesis ON stances (thesis_id, created_at)",
    """CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        pseudonym TEXT NOT NULL REFERENCES participants (pseudonym) ON DELETE CASCADE,
        thesis_id TEXT NOT NULL,
        body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
        anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
        display_name TEXT CHECK (anonymous = 0 OR display_name IS NULL),
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL,
        edited_at TEXT,
        withdrawn_at TEXT,
        idempotency_key TEXT UNIQUE
    )""",
    "CREATE INDEX comments_by_thesis ON comments (thesis_id, created_at)",
    "CREATE INDEX comments_by_author ON comments (pseudonym)",
    """CREATE TABLE comment_revisions (
        id INTEGER PRIMARY KEY,
        comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    )""",
    "CREATE INDEX comment_revisions_by_comment ON comment_revisions (comment_id)",
    """CREATE TRIGGER stances_before_insert BEFORE INSERT ON stances
    BEGIN
        INSERT INTO participants (pseudonym, created_at) VALUES (NEW.pseudonym, NEW.created_at) ON CONFLICT DO NOTHING;
        UPDATE stances SET superseded_at = NEW.created_at
        WHERE pseudonym = NEW.pseudonym AND thesis_id = NEW.thesis_id AND superseded_at IS NULL;
    END""",
    """CREATE TRIGGER comments_before_insert BEFORE INSERT ON comments
    BEGIN
        INSERT INTO participants (pseudonym, created_at) VALUES (NEW.pseudonym, NEW.created_at) ON CONFLICT DO NOTHING;
    END""",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL
    )""",
    "CREATE INDEX audit_log_at ON audit_log (at)",
    """CREATE TABLE podium_questions (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    pseudonym TEXT NOT NULL,
    nonce TEXT,
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    normalized TEXT NOT NULL,
    anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    display_name TEXT CHECK (anonymous = 0 OR display_name IS NULL),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'hidden', 'answered')),
    highlighted INTEGER NOT NULL DEFAULT 0 CHECK (highlighted IN (0, 1)),
    votes INTEGER NOT NULL DEFAULT 0,
    channel TEXT NOT NULL,
    post_channel_id TEXT,
    created_at TEXT NOT NULL,
    status_at TEXT,
    idempotency_key TEXT UNIQUE,
    CHECK (anonymous = 0 OR nonce IS NOT NULL)
)""",
    "CREATE INDEX podium_by_session ON podium_questions (session_id, status)",
    "CREATE INDEX podium_by_author ON podium_questions (pseudonym)",
    "CREATE UNIQUE INDEX podium_one_highlight ON podium_questions (session_id) WHERE highlighted = 1",
    """CREATE TABLE podium_votes (
    question_id INTEGER NOT NULL REFERENCES podium_questions (id) ON DELETE CASCADE,
    voter TEXT NOT NULL,
    PRIMARY KEY (question_id, voter)
) WITHOUT ROWID""",
    """CREATE TRIGGER podium_vote_added AFTER INSERT ON podium_votes
BEGIN
    UPDATE podium_questions SET votes = votes + 1 WHERE id = NEW.question_id;
END""",
    """CREATE TRIGGER podium_vote_removed AFTER DELETE ON podium_votes
BEGIN
    UPDATE podium_questions SET votes = votes - 1 WHERE id = OLD.question_id;
END""",
    """CREATE TABLE session_state (
    session_id TEXT PRIMARY KEY,
    open INTEGER NOT NULL CHECK (open IN (0, 1)),
    changed_at TEXT NOT NULL
)""",
    """CREATE TABLE live_messages (
    message_id TEXT PRIMARY KEY,
    channel_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('thesis', 'question')),
    ref TEXT NOT NULL,
    language TEXT NOT NULL,
    shown TEXT NOT NULL DEFAULT ''
)""",
    "CREATE INDEX live_messages_by_ref ON live_messages (kind, ref)",
)


def configure(connection: sqlite3.Connection) -> None:
    """The project's connection settings: the same durability (WAL, synchronous=FULL) and the same work per write
    (foreign keys, secure_delete)."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA secure_delete = ON")


def create(path: str) -> sqlite3.Connection:
    """A new database with the project's schema and version, configured like the project's writer; autocommit,
    so every transaction is spelled out as the project spells it."""
    connection = sqlite3.connect(path, isolation_level=None)
    configure(connection)
    connection.execute("BEGIN IMMEDIATE")
    for statement in DDL:
        connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.execute("COMMIT")
    return connection
