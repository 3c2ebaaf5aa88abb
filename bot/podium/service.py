"""Questions to the podium: submitted for the current session, voted on, moderated, shown on the wall.

Every front end (Discord, console, the wall) goes through this service. Validation, rate limits and anonymity
follow the feedback rules: the same length limit and control-character checks as comments, a per-person window,
display names only for named questions, and keyed values instead of ids (see :mod:`bot.feedback.pseudonyms`).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from rapidfuzz import fuzz, process

from bot.errors import UserError
from bot.feedback.model import Identity
from bot.feedback.pseudonyms import Owner, Pseudonymizer
from bot.feedback.ratelimit import SlidingWindow
from bot.feedback.service import SUBMISSIONS_PER_WINDOW, WINDOW_SECONDS
from bot.feedback.validation import FeedbackError, clean_comment, printable
from bot.matching.normalize import content_tokens, normalize, stems
from bot.moderation.audit import AuditLog
from bot.podium.model import (
    Action,
    OwnQuestion,
    PodiumQuestion,
    SessionStatistics,
    Sort,
    Status,
    Submitted,
    Vote,
)
from bot.podium.sessions import Refusal, Session, SessionBoard
from bot.podium.store import NewQuestion, PodiumStore
from bot.storage.redaction import redact_discord_ids

log = logging.getLogger(__name__)

VOTES_PER_WINDOW = 60
MAX_DISPLAY_NAME_LENGTH = 100
# Two questions count as the same when their stemmed content words match this well in any order (rapidfuzz's
# token_sort_ratio), or when the shorter one's words are nearly all in the longer one and it has enough words to
# mean something on its own (token_set_ratio, for "Wie geht es weiter?" vs. "Wie geht es nach 2018 weiter?").
SAME_IN_ANY_ORDER = 82.0
SAME_WORDS = 90.0
MIN_WORDS_FOR_SUBSET = 3
QUEUE_STATUSES = (Status.PENDING, Status.APPROVED, Status.ANSWERED, Status.HIDDEN)
WALL_STATUSES = (Status.APPROVED,)
_ERROR_KEYS = {
    "comment_empty": "podium_empty",
    "comment_too_long": "podium_too_long",
    "comment_control_characters": "podium_control_characters",
}
_TARGET_STATUS = {Action.APPROVE: Status.APPROVED, Action.HIDE: Status.HIDDEN, Action.ANSWER: Status.ANSWERED}


class PodiumError(UserError):
    """A podium request that cannot be done as asked; nothing was stored."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def question_key(text: str) -> str:
    """The form duplicates are compared in: normalised, stop words out, stemmed."""
    return " ".join(stems(content_tokens(normalize(text).split())))


def most_similar(key: str, candidates: dict[int, str]) -> int | None:
    """The id of the candidate that asks the same as ``key``, if any."""
    if not key or not candidates:
        return None
    found = process.extractOne(key, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=SAME_IN_ANY_ORDER)
    if found is not None:
        return int(found[2])
    if len(key.split()) < MIN_WORDS_FOR_SUBSET:
        return None
    subset = {
        question_id: other for question_id, other in candidates.items() if len(other.split()) >= MIN_WORDS_FOR_SUBSET
    }
    found = process.extractOne(key, subset, scorer=fuzz.token_set_ratio, score_cutoff=SAME_WORDS)
    return int(found[2]) if found is not None else None


@dataclass(frozen=True, slots=True)
class Board:
    """What the wall shows for a session: the question being discussed and the most-voted public ones."""

    session: Session
    highlighted: PodiumQuestion | None
    top: tuple[PodiumQuestion, ...]


class PodiumService:
    def __init__(
        self,
        store: PodiumStore,
        board: SessionBoard,
        pseudonymizer: Pseudonymizer,
        audit: AuditLog,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._store = store
        self.sessions = board
        self._pseudonymizer = pseudonymizer
        self._audit = audit
        self._clock = clock
        self._submissions = SlidingWindow(SUBMISSIONS_PER_WINDOW, WINDOW_SECONDS)
        self._votes = SlidingWindow(VOTES_PER_WINDOW, WINDOW_SECONDS)

    @property
    def store(self) -> PodiumStore:
        return self._store

    async def start(self) -> None:
        """Takes over the moderators' open/close decisions stored earlier."""
        self.sessions.overrides = await self._store.session_overrides()

    # --- participants ------------------------------------------------------------------------------------

    async def submit(
        self,
        identity: Identity,
        text: str,
        *,
        anonymous: bool,
        channel: str,
        post_channel_id: str | None = None,
        force: bool = False,
        idempotency_key: str | None = None,
    ) -> Submitted:
        """Stores a question for the current session. Unless ``force``, a similar public question of the session
        is returned as ``duplicate`` instead, and nothing is stored. Raises :class:`PodiumError` for a closed
        session, bad text or too many questions."""
        session = self.current_session()
        body = _cleaned(text)
        key = question_key(body)
        if not force and (existing := await self._similar(session.id, key)) is not None:
            return Submitted(None, duplicate=existing)
        owner = self._owner(identity)
        retry_after = self._submissions.retry_after(owner.pseudonym)
        if retry_after:
            raise PodiumError("podium_rate_limited", seconds=retry_after)
        nonce = secrets.token_hex(16) if anonymous else None
        new = NewQuestion(
            session_id=session.id,
            pseudonym=owner.for_question(anonymous, nonce),
            nonce=nonce,
            body=body,
            normalized=key or normalize(body),
            anonymous=anonymous,
            display_name=None if anonymous else _display_name(identity.display_name),
            status=Status.PENDING if session.premoderation else Status.APPROVED,
            channel=channel,
            post_channel_id=post_channel_id,
            idempotency_key=idempotency_key,
        )
        question, replayed = await self._store.insert(new, self._now())
        log.info(
            "podium question stored",
            extra={"session": session.id, "status": question.status.value, "replay": replayed, "channel": channel},
        )
        return Submitted(question, replayed=replayed)

    async def similar(self, text: str) -> PodiumQuestion | None:
        """A public question of the current session close to ``text``, to offer a vote for it instead; raises
        :class:`PodiumError` like :meth:`submit` for a closed session or bad text."""
        return await self._similar(self.current_session().id, question_key(_cleaned(text)))

    async def _similar(self, session_id: str, key: str) -> PodiumQuestion | None:
        candidates = {c.id: c.normalized for c in await self._store.candidates(session_id)}
        same = most_similar(key, candidates)
        return await self._store.question(same) if same is not None else None

    async def toggle_vote(self, identity: Identity, question_id: int) -> Vote:
        """One vote per person: the first click counts, the second withdraws it."""
        return await self._vote(identity, question_id, only_add=False)

    async def vote(self, identity: Identity, question_id: int) -> Vote:
        """Adds the person's vote; a vote that was already there stays (for "vote for that one instead")."""
        return await self._vote(identity, question_id, only_add=True)

    async def _vote(self, identity: Identity, question_id: int, *, only_add: bool) -> Vote:
        owner = self._owner(identity)
        retry_after = self._votes.retry_after(owner.pseudonym)
        if retry_after:
            raise PodiumError("vote_rate_limited", seconds=retry_after)
        result = await self._store.toggle_vote(question_id, owner.voter(question_id), only_add=only_add)
        if result is None:
            raise PodiumError("podium_not_votable")
        question, counted = result
        return Vote(question, counted)

    async def own(self, identity: Identity) -> tuple[list[OwnQuestion], list[int]]:
        return await self._store.own(self._owner(identity))

    async def withdraw(self, identity: Identity, question_id: int) -> None:
        if not await self._store.withdraw(self._owner(identity), question_id):
            raise PodiumError("podium_no_such_question")

    # --- moderators ----------------------------------------------------------------------------------------

    async def queue(self, session_id: str | None = None, sort: Sort = "votes") -> list[PodiumQuestion]:
        """Every question of the session (all sessions with None) for moderators, pending ones included."""
        return await self._store.questions(session_id, QUEUE_STATUSES, sort)

    async def moderate(self, actor: Identity, question_id: int, action: Action) -> PodiumQuestion:
        if action in _TARGET_STATUS:
            changed = await self._store.set_status(question_id, _TARGET_STATUS[action], self._now())
        else:
            current = await self._store.question(question_id)
            if current is not None and action is Action.HIGHLIGHT and not current.public:
                raise PodiumError("podium_highlight_needs_public")
            changed = await self._store.highlight(question_id, action is Action.HIGHLIGHT)
        if changed is None:
            raise PodiumError("podium_no_such_question")
        await self._audit.record(self._actor(actor), f"podium-{action.value}", {"question": question_id})
        log.info("podium question moderated", extra={"action": action.value, "status": changed.status.value})
        return changed

    async def set_session_open(self, actor: Identity, session_id: str, open_: bool) -> Session:
        session = self.sessions.session(session_id)
        if session is None:
            raise PodiumError("no_such_session", typed=session_id[:100])
        await self._store.set_session_open(session_id, open_, self._now())
        self.sessions.overrides[session_id] = open_
        await self._audit.record(
            self._actor(actor), "session-open" if open_ else "session-close", {"session": session_id}
        )
        log.info("session opened" if open_ else "session closed", extra={"session": session_id})
        reopened = self.sessions.session(session_id)
        assert reopened is not None
        return reopened

    # --- reading -------------------------------------------------------------------------------------------

    def current_session(self) -> Session:
        found = self.sessions.current()
        if isinstance(found, Refusal):
            if found.session is not None:
                raise PodiumError("podium_session_closed", session=found.session.name.de)
            raise PodiumError("podium_no_open_session")
        return found

    async def board(self, session_id: str | None = None, limit: int = 6) -> Board:
        session = self.sessions.session(session_id) if session_id else self.sessions.current_or_last()
        if session is None:
            raise PodiumError("no_such_session", typed=(session_id or "")[:100])
        highlighted = await self._store.highlighted(session.id)
        top = await self._store.questions(session.id, WALL_STATUSES, "votes", limit + 1)
        shown = tuple(q for q in top if highlighted is None or q.id != highlighted.id)[:limit]
        return Board(session, highlighted, shown)

    async def question(self, question_id: int) -> PodiumQuestion | None:
        return await self._store.question(question_id)

    async def statistics(self, language: str = "de") -> list[SessionStatistics]:
        counted = await self._store.statistics()
        known = {s.id: s.name.get(language) for s in self.sessions.sessions()}
        ids = list(known) + sorted(set(counted) - set(known))
        return [
            SessionStatistics(session_id, known.get(session_id, session_id), *counted.get(session_id, ({}, 0)))
            for session_id in ids
            if session_id in counted or self.sessions.plan.defined
        ]

    def _owner(self, identity: Identity) -> Owner:
        return self._pseudonymizer.owner(identity.platform, identity.user_id)

    def _actor(self, identity: Identity) -> str:
        return self._owner(identity).audit_actor

    def _now(self) -> str:
        return self._clock().isoformat(timespec="microseconds")


def _cleaned(text: str) -> str:
    """The comment rules, worded for questions; mentions and ids replaced before anything is stored."""
    try:
        return redact_discord_ids(clean_comment(text))
    except FeedbackError as error:
        raise PodiumError(_ERROR_KEYS.get(error.key, error.key), **error.values) from None


def _display_name(name: str | None) -> str | None:
    return printable(name, MAX_DISPLAY_NAME_LENGTH) if name else None
