"""The feedback service every front end uses: validates, rate-limits, pseudonymises, then stores."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta

from bot.feedback.model import Erasure, Identity, PersonalData, Receipt, Submission
from bot.feedback.pseudonyms import Owner, Pseudonymizer
from bot.feedback.ratelimit import SlidingWindow
from bot.feedback.store import FeedbackStore, NewFeedback, Purged
from bot.feedback.validation import FeedbackError, clean_comment, printable
from bot.knowledge.model import KnowledgeBase
from bot.podium.sessions import Session, SessionBoard
from bot.podium.store import PodiumStore
from bot.storage.redaction import redact_discord_ids

SUBMISSIONS_PER_WINDOW = 10
WINDOW_SECONDS = 60.0
MAX_DISPLAY_NAME_LENGTH = 100

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


class FeedbackService:
    def __init__(
        self,
        store: FeedbackStore,
        knowledge: Callable[[], KnowledgeBase],
        pseudonymizer: Pseudonymizer,
        limiter: SlidingWindow | None = None,
        clock: Callable[[], datetime] = utc_now,
        *,
        sessions: SessionBoard | None = None,
        podium: PodiumStore | None = None,
    ) -> None:
        """``sessions`` refuses feedback on theses whose sessions are all closed; ``podium`` makes "my data",
        "delete my data" and purges reach the podium tables too."""
        self._store = store
        self._sessions = sessions
        self._podium = podium
        self._knowledge = knowledge
        self._pseudonymizer = pseudonymizer
        self._limiter = limiter or SlidingWindow(SUBMISSIONS_PER_WINDOW, WINDOW_SECONDS)
        self._clock = clock

    async def submit(self, identity: Identity, submission: Submission, *, channel: str) -> Receipt:
        """Raises :class:`FeedbackError` (nothing stored) for an unknown thesis, empty, overlong or
        garbled input, or too many submissions; a replayed submission returns its first receipt."""
        if self._knowledge().thesis(submission.thesis_id) is None:
            raise FeedbackError("no_such_thesis", typed=submission.thesis_id[:100])
        closed = self._closed_session_of(submission.thesis_id)
        if closed is not None:  # checked again here: the session may have closed while the person was typing
            raise FeedbackError("thesis_closed", **_session_names(closed))
        comment = _comment(submission.comment) if submission.comment and submission.comment.strip() else None
        if submission.stance is None and comment is None:
            raise FeedbackError("feedback_empty")
        owner = self._owner(identity)
        retry_after = self._limiter.retry_after(owner.pseudonym)
        if retry_after:
            raise FeedbackError("feedback_rate_limited", seconds=retry_after)
        feedback = NewFeedback(
            pseudonym=owner.for_row(submission.thesis_id, submission.anonymous),
            other_pseudonym=owner.for_row(submission.thesis_id, not submission.anonymous),
            thesis_id=submission.thesis_id,
            stance=submission.stance,
            comment=comment,
            anonymous=submission.anonymous,
            display_name=None if submission.anonymous else _display_name(identity.display_name),
            channel=channel,
            idempotency_key=submission.idempotency_key,
        )
        receipt = await self._store.submit(feedback, self._now())
        log.info(
            "feedback stored",
            extra={
                "thesis": submission.thesis_id,
                "stance": submission.stance is not None,
                "comment": comment is not None,
                "replay": receipt.duplicate,
                "channel": channel,
            },
        )
        return receipt

    def ensure_open(self, thesis_id: str) -> None:
        """Raises :class:`FeedbackError` when feedback on the thesis would be refused because its sessions are all
        closed, so that a front end can say so before anyone types. Reads only the session board in memory (the
        moderators' decisions are kept there), never the database: safe before opening a form."""
        closed = self._closed_session_of(thesis_id)
        if closed is not None:
            raise FeedbackError("feedback_closed", **_session_names(closed))

    def _closed_session_of(self, thesis_id: str) -> Session | None:
        return self._sessions.closed_session_of(thesis_id) if self._sessions else None

    async def edit_comment(self, identity: Identity, comment_id: int, text: str) -> str:
        body = _comment(text)
        if not await self._store.edit_comment(self._owner(identity), comment_id, body, self._now()):
            raise FeedbackError("no_such_feedback")
        return body

    async def withdraw_stance(self, identity: Identity, thesis_id: str) -> None:
        if not await self._store.withdraw_stance(self._owner(identity), thesis_id, self._now()):
            raise FeedbackError("no_such_feedback")

    async def withdraw_comment(self, identity: Identity, comment_id: int) -> None:
        if not await self._store.withdraw_comment(self._owner(identity), comment_id, self._now()):
            raise FeedbackError("no_such_feedback")

    async def personal_data(self, identity: Identity) -> PersonalData:
        """Named and anonymous feedback alike: only the key ties the anonymous rows to this person."""
        owner = self._owner(identity)
        data = await self._store.personal_data(owner)
        if self._podium is None:
            return data
        questions, votes = await self._podium.own(owner)
        return replace(data, podium_questions=tuple(questions), podium_votes=tuple(votes))

    async def erase(self, identity: Identity) -> Erasure:
        """Podium rows first: the feedback store's erasure then clears the write-ahead log of both."""
        owner = self._owner(identity)
        podium = await self._podium.erase(owner) if self._podium else 0
        erased = await self._store.erase(owner)
        log.info(
            "participant data erased on request",
            extra={
                "rows": erased.rows,
                "podium_rows": podium,
                "audit_entries": erased.audit_entries,
                "log_cleared": erased.log_cleared,
            },
        )
        return Erasure(erased.rows + podium + erased.audit_entries, erased.log_cleared)

    async def purge_older_than(self, days: int) -> Purged:
        """0 days deletes everything stored before now."""
        if days < 0:
            raise FeedbackError("retention_days_invalid")
        cutoff = (self._clock() - timedelta(days=days)).isoformat(timespec="microseconds")
        podium = await self._podium.purge_before(cutoff) if self._podium else 0
        purged = replace(await self._store.purge_before(cutoff), podium_questions=podium)
        log.info("retention purge done", extra={"days": days, **asdict(purged)})
        return purged

    def _owner(self, identity: Identity) -> Owner:
        return self._pseudonymizer.owner(identity.platform, identity.user_id)

    def _now(self) -> str:
        return self._clock().isoformat(timespec="microseconds")


def _comment(raw: str) -> str:
    """Validated, with Discord mentions and ids replaced: stored text carries no raw ids."""
    return redact_discord_ids(clean_comment(raw))


def _session_names(session: Session) -> dict[str, str]:
    """The session's name for either language's message (``{session}`` in German, ``{session_en}`` in English)."""
    return {"session": session.name.de, "session_en": session.name.get("en")}


def _display_name(name: str | None) -> str | None:
    """Display names come from Discord profiles: keep them printable and short."""
    if not name:
        return None
    return printable(name, MAX_DISPLAY_NAME_LENGTH)
