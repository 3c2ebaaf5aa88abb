"""Schema versions, applied in order; ``PRAGMA user_version`` records how far a database has come.

Never edit a released step: add a new one, so that existing databases upgrade the same way as new ones.
"""

from __future__ import annotations

import sqlite3

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
    """
    CREATE TABLE participants (
        pseudonym TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    CREATE TABLE stances (
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
    );
    CREATE UNIQUE INDEX stances_one_current ON stances (pseudonym, thesis_id) WHERE superseded_at IS NULL;
    CREATE INDEX stances_by_thesis ON stances (thesis_id, created_at);
    CREATE TABLE comments (
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
    );
    CREATE INDEX comments_by_thesis ON comments (thesis_id, created_at);
    CREATE INDEX comments_by_author ON comments (pseudonym);
    CREATE TABLE comment_revisions (
        id INTEGER PRIMARY KEY,
        comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    );
    CREATE INDEX comment_revisions_by_comment ON comment_revisions (comment_id);
    -- The write path is one INSERT per stance or comment; these triggers keep the rest in the same statement.
    CREATE TRIGGER stances_before_insert BEFORE INSERT ON stances
    BEGIN
        INSERT INTO participants (pseudonym, created_at) VALUES (NEW.pseudonym, NEW.created_at) ON CONFLICT DO NOTHING;
        UPDATE stances SET superseded_at = NEW.created_at
        WHERE pseudonym = NEW.pseudonym AND thesis_id = NEW.thesis_id AND superseded_at IS NULL;
    END;
    CREATE TRIGGER comments_before_insert BEFORE INSERT ON comments
    BEGIN
        INSERT INTO participants (pseudonym, created_at) VALUES (NEW.pseudonym, NEW.created_at) ON CONFLICT DO NOTHING;
    END;
    """,
    """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL
    );
    CREATE INDEX audit_log_at ON audit_log (at);
    """,
    # Anonymous feedback becomes unlinkable (see bot/feedback/pseudonyms.py): each anonymous row moves to the
    # keyed pseudonym of its (participant, thesis), and audit actors to a keyed value of their own, so neither
    # can be joined to a participant's named rows. A stance replaced by one of the other kind (named <->
    # anonymous) is removed: its "superseded at" time would equal the newer row's creation time and link both.
    # Participants keep only the first-contribution time of their own rows, and none without rows.
    """
    DELETE FROM stances
    WHERE withdrawn = 0 AND superseded_at IS NOT NULL AND EXISTS (
        SELECT 1 FROM stances AS later
        WHERE later.pseudonym = stances.pseudonym AND later.thesis_id = stances.thesis_id
          AND later.created_at = stances.superseded_at AND later.anonymous != stances.anonymous
    );
    INSERT INTO participants (pseudonym, created_at)
    SELECT anonymous_pseudonym(pseudonym, thesis_id), MIN(created_at) FROM (
        SELECT pseudonym, thesis_id, created_at FROM stances WHERE anonymous = 1
        UNION ALL
        SELECT pseudonym, thesis_id, created_at FROM comments WHERE anonymous = 1
    )
    GROUP BY pseudonym, thesis_id
    ON CONFLICT DO NOTHING;
    UPDATE stances SET pseudonym = anonymous_pseudonym(pseudonym, thesis_id) WHERE anonymous = 1;
    UPDATE comments SET pseudonym = anonymous_pseudonym(pseudonym, thesis_id) WHERE anonymous = 1;
    DELETE FROM participants
    WHERE NOT EXISTS (SELECT 1 FROM stances WHERE stances.pseudonym = participants.pseudonym)
      AND NOT EXISTS (SELECT 1 FROM comments WHERE comments.pseudonym = participants.pseudonym);
    UPDATE participants SET created_at = (
        SELECT MIN(created_at) FROM (
            SELECT created_at FROM stances WHERE stances.pseudonym = participants.pseudonym
            UNION ALL
            SELECT created_at FROM comments WHERE comments.pseudonym = participants.pseudonym
        )
    );
    UPDATE audit_log SET actor = audit_actor(actor);
    """,
    # Live at the conference (see bot/podium/): podium questions with keyed per-row pseudonyms for anonymous ones
    # (``nonce``), votes under a keyed value per (person, question) that only counts, one highlighted question
    # per session, moderators' open/close of the sessions in the event file, and the Discord messages the bot
    # keeps up to date (thesis stance bars, question vote counts) with what each one shows now.
    """
    CREATE TABLE podium_questions (
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
    );
    CREATE INDEX podium_by_session ON podium_questions (session_id, status);
    CREATE INDEX podium_by_author ON podium_questions (pseudonym);
    CREATE UNIQUE INDEX podium_one_highlight ON podium_questions (session_id) WHERE highlighted = 1;
    CREATE TABLE podium_votes (
        question_id INTEGER NOT NULL REFERENCES podium_questions (id) ON DELETE CASCADE,
        voter TEXT NOT NULL,
        PRIMARY KEY (question_id, voter)
    ) WITHOUT ROWID;
    CREATE TRIGGER podium_vote_added AFTER INSERT ON podium_votes
    BEGIN
        UPDATE podium_questions SET votes = votes + 1 WHERE id = NEW.question_id;
    END;
    CREATE TRIGGER podium_vote_removed AFTER DELETE ON podium_votes
    BEGIN
        UPDATE podium_questions SET votes = votes - 1 WHERE id = OLD.question_id;
    END;
    CREATE TABLE session_state (
        session_id TEXT PRIMARY KEY,
        open INTEGER NOT NULL CHECK (open IN (0, 1)),
        changed_at TEXT NOT NULL
    );
    CREATE TABLE live_messages (
        message_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('thesis', 'question')),
        ref TEXT NOT NULL,
        language TEXT NOT NULL,
        shown TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX live_messages_by_ref ON live_messages (kind, ref);
    """,
)


def statements(script: str) -> list[str]:
    """Splits a step into single statements (trigger bodies stay whole), so that a step can run inside a
    transaction the caller controls: ``executescript`` would commit it first."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:80]}")
    return found
