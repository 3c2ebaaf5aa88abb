"""The event's sessions: an organiser-edited YAML file, and which of them are open right now.

The file (``sessions.yaml`` in the data folder, or ``VIELFALT_SESSIONS_FILE``) names each session with its time,
the theses discussed in it, whether it starts open, and whether podium questions need a moderator's approval
before they are shown (pre-moderation)::

    show_names_on_wall: false      # display names of non-anonymous askers on the projector wall
    sessions:
      - id: podium-1
        name: {de: "Podium 1: Koordination", en: "Panel 1: Coordination"}
        start: 2026-11-25T10:00:00+01:00
        end: 2026-11-25T11:30:00+01:00
        theses: [1, 2, these-koordination]   # numbers or ids
        open: true
        premoderation: false

Moderators open and close sessions during the event; that is stored in the database and wins over ``open`` in the
file, so the file stays the organiser's own. The file is read again when it changes on disk; a broken edit keeps
the last good version running and is reported (``vielfalt-bot doctor`` lists its problems). Without a file there
is one session that is always open and covers every thesis: everything works as without sessions.

A thesis is closed for feedback when it belongs to sessions and all of them are closed. Podium questions go to the
current session: an open one running now (by its times), else the open one that started last, else the next open
one; when none is open, questions are refused with the name of the session running now.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import ID_PATTERN, Localized
from bot.knowledge.yaml_source import YamlProblem, read_yaml

log = logging.getLogger(__name__)

DEFAULT_SESSION_ID = "allgemein"
DEFAULT_NAME = Localized(de="Allgemein", en="General")


class SessionsError(Exception):
    """The sessions file cannot be used; each problem is formatted for the organiser."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def _localized(value: Any) -> Any:
    return {"de": value} if isinstance(value, str) else value


def _aware(value: Any) -> Any:
    """A time without a zone is the machine's local time, as an organiser writing "10:00" means it."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.astimezone()
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionSpec(_Strict):
    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=40)]
    name: Annotated[Localized, BeforeValidator(_localized)]
    start: Annotated[datetime, BeforeValidator(_aware)]
    end: Annotated[datetime, BeforeValidator(_aware)]
    theses: list[int | str] = Field(default_factory=list)
    open: bool = True
    premoderation: bool = False

    @model_validator(mode="after")
    def _ends_after_start(self) -> SessionSpec:
        if self.end <= self.start:
            raise ValueError("'end' must be after 'start'")
        return self


class SessionsFileSpec(_Strict):
    show_names_on_wall: bool = False
    sessions: list[SessionSpec] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    name: Localized
    start: datetime | None
    end: datetime | None
    thesis_ids: tuple[str, ...]
    open: bool
    premoderation: bool

    def running(self, now: datetime) -> bool:
        return self.start is not None and self.end is not None and self.start <= now < self.end


@dataclass(frozen=True, slots=True)
class EventPlan:
    """What the file says; ``defined`` is False when there is no file (one open session for everything)."""

    sessions: tuple[Session, ...]
    show_names_on_wall: bool
    defined: bool


def default_plan(knowledge: KnowledgeBase) -> EventPlan:
    session = Session(DEFAULT_SESSION_ID, DEFAULT_NAME, None, None, tuple(t.id for t in knowledge.theses), True, False)
    return EventPlan((session,), False, False)


def load_plan(path: Path, knowledge: KnowledgeBase) -> EventPlan:
    """Raises :class:`SessionsError` with every problem found, each as ``file:line or session:field: what``."""
    if not path.exists():
        return default_plan(knowledge)
    try:
        raw = read_yaml(path)
    except YamlProblem as problem:
        raise SessionsError([f"{path.name}:{problem.line or '-'}: {problem.message}"]) from None
    except OSError as error:
        raise SessionsError([f"{path.name}:-: cannot be read ({error.strerror})"]) from None
    try:
        spec = SessionsFileSpec.model_validate(raw or {})
    except ValidationError as error:
        raise SessionsError([_describe(path, raw, item) for item in error.errors()]) from None
    problems: list[str] = []
    sessions = [_session(path, item, knowledge, problems) for item in spec.sessions]
    seen: set[str] = set()
    for session in sessions:
        if session.id in seen:
            problems.append(f"{path.name}:{session.id}:id: listed twice")
        seen.add(session.id)
    if problems:
        raise SessionsError(problems)
    if not sessions:
        return EventPlan(default_plan(knowledge).sessions, spec.show_names_on_wall, False)
    return EventPlan(tuple(sessions), spec.show_names_on_wall, True)


def _session(path: Path, spec: SessionSpec, knowledge: KnowledgeBase, problems: list[str]) -> Session:
    by_number = {thesis.number: thesis.id for thesis in knowledge.theses}
    thesis_ids: list[str] = []
    for typed in spec.theses:
        found = by_number.get(typed) if isinstance(typed, int) else typed if knowledge.thesis(typed) else None
        if found is None:
            problems.append(f"{path.name}:{spec.id}:theses: there is no thesis '{typed}' in the knowledge base")
        elif found not in thesis_ids:
            thesis_ids.append(found)
    return Session(spec.id, spec.name, spec.start, spec.end, tuple(thesis_ids), spec.open, spec.premoderation)


def _describe(path: Path, raw: Any, error: Any) -> str:
    location = [str(part) for part in error["loc"]]
    if len(location) >= 2 and location[0] == "sessions" and location[1].isdigit() and isinstance(raw, dict):
        items = raw.get("sessions") or []
        index = int(location[1])
        item = items[index] if isinstance(items, list) and index < len(items) else None
        name = item.get("id") if isinstance(item, dict) and item.get("id") else f"session {index + 1}"
        return f"{path.name}:{name}:{'.'.join(location[2:]) or '-'}: {error['msg']}"
    return f"{path.name}:-:{'.'.join(location) or '-'}: {error['msg']}"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why nothing can be submitted: ``session`` names the closed session running now, if any."""

    session: Session | None


class SessionBoard:
    """The plan from the file with the moderators' open/close decisions applied; re-reads the file when it
    changes. ``overrides`` come from the database (session id → open) and are kept up to date by the service."""

    def __init__(
        self,
        path: Path,
        knowledge: Callable[[], KnowledgeBase],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._path = path
        self._knowledge = knowledge
        self._clock = clock
        self._stamp: tuple[int, int] | None = None
        self._plan = default_plan(knowledge())
        self.overrides: dict[str, bool] = {}
        self.problems: list[str] = []
        self.refresh()

    @property
    def path(self) -> Path:
        return self._path

    def refresh(self) -> None:
        """Re-reads the file when its modification time or size changed; a broken file keeps the last good plan."""
        stamp = _stamp(self._path)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        try:
            self._plan = load_plan(self._path, self._knowledge())
        except SessionsError as error:
            self.problems = error.problems
            log.error(
                "the sessions file has problems; the last good version stays in use", extra={"problems": error.problems}
            )
            return
        self.problems = []
        log.info("sessions loaded", extra={"sessions": len(self._plan.sessions), "defined": self._plan.defined})

    @property
    def plan(self) -> EventPlan:
        self.refresh()
        return self._plan

    @property
    def show_names_on_wall(self) -> bool:
        return self.plan.show_names_on_wall

    def sessions(self) -> tuple[Session, ...]:
        return tuple(
            Session(s.id, s.name, s.start, s.end, s.thesis_ids, self.overrides.get(s.id, s.open), s.premoderation)
            for s in self.plan.sessions
        )

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions() if s.id == session_id), None)

    def current(self) -> Session | Refusal:
        sessions = self.sessions()
        now = self._clock()
        open_sessions = [s for s in sessions if s.open]
        running = [s for s in open_sessions if s.running(now)]
        started = [s for s in open_sessions if s.start is None or s.start <= now]
        upcoming = [s for s in open_sessions if s.start is not None and s.start > now]
        if running:
            return max(running, key=lambda s: _start(s))
        if started:
            return max(started, key=lambda s: _start(s))
        if upcoming:
            return min(upcoming, key=lambda s: _start(s))
        return Refusal(next((s for s in sessions if s.running(now)), None))

    def current_or_last(self) -> Session:
        """For the wall and reports: the current session, or the one running now although closed, or the first."""
        found = self.current()
        if isinstance(found, Session):
            return found
        return found.session or self.sessions()[0]

    def thesis_open(self, thesis_id: str) -> bool:
        """Open unless the thesis belongs to sessions that are all closed."""
        owning = [s for s in self.sessions() if thesis_id in s.thesis_ids]
        return not owning or any(s.open for s in owning)

    def closed_session_of(self, thesis_id: str) -> Session | None:
        owning = [s for s in self.sessions() if thesis_id in s.thesis_ids]
        return owning[0] if owning and not any(s.open for s in owning) else None


def _start(session: Session) -> datetime:
    return session.start or datetime.min.replace(tzinfo=UTC)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
