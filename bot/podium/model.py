"""Podium questions as the service hands them to front ends."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Status(StrEnum):
    PENDING = "pending"  # waiting for a moderator (pre-moderation)
    APPROVED = "approved"  # public, can be voted on
    HIDDEN = "hidden"  # taken down by a moderator
    ANSWERED = "answered"  # dealt with on the podium


class Action(StrEnum):
    """What a moderator can do with a question."""

    APPROVE = "approve"
    HIDE = "hide"
    ANSWER = "answer"
    HIGHLIGHT = "highlight"  # "being discussed now"; one per session
    UNHIGHLIGHT = "unhighlight"


Sort = Literal["votes", "time"]


@dataclass(frozen=True, slots=True)
class PodiumQuestion:
    """``display_name`` is None for anonymous questions; front ends decide whether to show it at all."""

    id: int
    session_id: str
    body: str
    anonymous: bool
    display_name: str | None
    status: Status
    highlighted: bool
    votes: int
    created_at: str
    post_channel_id: str | None = None

    @property
    def public(self) -> bool:
        return self.status in (Status.APPROVED, Status.ANSWERED)


@dataclass(frozen=True, slots=True)
class Submitted:
    """``duplicate``: a similar public question of the session was found and nothing was stored (offer to vote
    for it instead). Otherwise ``question`` is what was stored; ``replayed`` when the same submission came twice."""

    question: PodiumQuestion | None
    duplicate: PodiumQuestion | None = None
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class Vote:
    question: PodiumQuestion
    counted: bool  # True: the vote now counts; False: it was withdrawn


@dataclass(frozen=True, slots=True)
class OwnQuestion:
    """One of a person's own questions, for "my data"."""

    id: int
    session_id: str
    body: str
    anonymous: bool
    status: str
    votes: int
    created_at: str


@dataclass(frozen=True, slots=True)
class SessionStatistics:
    session_id: str
    name: str
    by_status: dict[str, int]
    votes: int

    @property
    def questions(self) -> int:
        return sum(self.by_status.values())
