"""What participants submit and what the service hands back."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum

from bot.podium.model import OwnQuestion


class Stance(StrEnum):
    AGREE = "zustimmung"
    PARTLY = "teilweise"
    DISAGREE = "ablehnung"
    NEUTRAL = "neutral"

    @property
    def code(self) -> str:
        """One letter, for Discord custom ids that must stay under 100 characters."""
        return self.value[0]

    @classmethod
    def from_code(cls, code: str) -> Stance:
        return next(stance for stance in cls if stance.code == code)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is speaking, as the front end knows it; the service turns it into a pseudonym at once."""

    platform: str
    user_id: str
    display_name: str | None


@dataclass(frozen=True, slots=True)
class Submission:
    thesis_id: str
    stance: Stance | None = None
    comment: str | None = None
    anonymous: bool = False
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class Receipt:
    """What was stored, for the confirmation; ``duplicate`` when a replay found the earlier submission."""

    thesis_id: str
    stance: Stance | None
    comment: str | None
    comment_id: int | None
    anonymous: bool
    display_name: str | None
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class Erasure:
    """What "delete my data" removed. ``complete`` once the deleted text has also left SQLite's write-ahead
    log; until then a reader (an export, a backup) holds it and the clean-up is retried in the background."""

    records: int
    complete: bool

    @property
    def text_key(self) -> str:
        """The confirmation in :mod:`bot.texts`, filled in with ``count=records``: never more than is true."""
        return "erased" if self.complete else "erased_pending"


@dataclass(frozen=True, slots=True)
class StanceRecord:
    id: int
    thesis_id: str
    stance: Stance
    anonymous: bool
    display_name: str | None
    created_at: str
    superseded_at: str | None
    withdrawn: bool


@dataclass(frozen=True, slots=True)
class CommentRecord:
    id: int
    thesis_id: str
    body: str
    anonymous: bool
    display_name: str | None
    created_at: str
    edited_at: str | None
    withdrawn_at: str | None
    revisions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonalData:
    """Everything stored under one participant's pseudonym, history included: feedback, podium questions and the
    ids of the podium questions the person voted for."""

    pseudonym: str
    stances: tuple[StanceRecord, ...]
    comments: tuple[CommentRecord, ...]
    podium_questions: tuple[OwnQuestion, ...] = ()
    podium_votes: tuple[int, ...] = ()

    @property
    def current_stances(self) -> tuple[StanceRecord, ...]:
        return tuple(s for s in self.stances if s.superseded_at is None)

    @property
    def current_comments(self) -> tuple[CommentRecord, ...]:
        return tuple(c for c in self.comments if c.withdrawn_at is None)

    @property
    def is_empty(self) -> bool:
        return not (self.stances or self.comments or self.podium_questions or self.podium_votes)

    def to_json(self) -> str:
        """The complete record, for the participant's own copy (right of access)."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)
