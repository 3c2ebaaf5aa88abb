"""The console's feedback dialog: the same feedback service as on Discord, asked step by step.

Each answer is checked as soon as it is typed and asked again when it does not fit, so what was typed before
stays; the dialog ends only when the feedback is stored, the person cancels, or the input ends. It never
hands a line on to question answering.
"""

from __future__ import annotations

import asyncio
import logging
import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from bot.catalog import match_theses, thesis_name
from bot.console.terminal import EndOfInput, Terminal
from bot.feedback.model import Identity, PersonalData, Stance, Submission
from bot.feedback.service import FeedbackService
from bot.feedback.validation import MAX_COMMENT_LENGTH, FeedbackError, clean_comment
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Thesis
from bot.matching.normalize import normalize
from bot.texts import stance_label, text, thesis_title

log = logging.getLogger(__name__)

CANCEL = frozenset({"abbrechen", "abbruch", "cancel", "stop"})
YES = frozenset({"j", "ja", "y", "yes"})
NO = frozenset({"", "n", "nein", "no"})
DATA_FILE = {"de": "meine-daten.json", "en": "my-data.json"}
_SHOWN_INPUT = 60
_MIN_STANCE_PREFIX = 3


class _Cancelled(Exception):
    """The person typed "abbrechen": the dialog ends without storing anything."""


@dataclass(frozen=True, slots=True)
class _Listed:
    """One numbered line of "meine feedbacks": a current stance (by thesis) or a comment (by id)."""

    label: str
    thesis_id: str
    comment_id: int | None = None
    withdrawn: bool = False


class FeedbackDialog:
    def __init__(
        self,
        feedback: FeedbackService,
        knowledge: Callable[[], KnowledgeBase],
        identity: Identity,
        terminal: Terminal,
    ) -> None:
        self._feedback = feedback
        self._knowledge = knowledge
        self._identity = identity
        self._terminal = terminal
        self._listed: list[_Listed] | None = None
        self._changed_since_listing = False

    async def give(self, language: str, typed_thesis: str = "") -> None:
        self._terminal.say(text("console_dialog_intro", language))
        try:
            thesis = await self._thesis(language, typed_thesis)
            if not self._open_for_feedback(thesis, language):
                return
            self._terminal.say(_thesis_text(self._knowledge(), thesis, language))
            stance, comment = await self._stance_and_comment(language)
            anonymous = await self._anonymous(language)
        except _Cancelled:
            self._terminal.say(text("console_cancelled", language))
            return
        except EndOfInput:
            self._terminal.say(text("console_cancelled", language))
            raise
        await self._submit(thesis, Submission(thesis.id, stance, comment, anonymous), language)

    async def list_mine(self, language: str) -> None:
        data = await self._feedback.personal_data(self._identity)
        knowledge = self._knowledge()
        listed = [
            _Listed(f"{thesis_name(knowledge, s.thesis_id, language)}: {stance_label(s.stance, language)}", s.thesis_id)
            for s in data.current_stances
        ]
        listed += [
            _Listed(f"{thesis_name(knowledge, c.thesis_id, language)}: {_quoted(c.body, language)}", c.thesis_id, c.id)
            for c in data.current_comments
        ]
        self._listed, self._changed_since_listing = listed, False
        if not listed:
            self._terminal.say(text("no_feedback_yet", language))
            return
        lines = [f"{number}. {item.label}" for number, item in enumerate(listed, start=1)]
        self._terminal.say("\n".join([*lines, "", text("console_withdraw_hint", language)]))

    async def withdraw(self, argument: str, language: str) -> None:
        """Numbers refer to the last listing and stay valid after a withdrawal; a listing made before the
        person's feedback changed in this console is refused instead of withdrawing the wrong entry."""
        if self._listed is None:
            self._terminal.say(text("console_list_first", language))
            return
        if self._changed_since_listing:
            self._terminal.say(text("console_list_again", language))
            return
        if not self._listed:
            self._terminal.say(text("no_feedback_yet", language))
            return
        if not (argument.isdecimal() and 1 <= int(argument) <= len(self._listed)):
            self._terminal.say(text("console_withdraw_number", language, count=len(self._listed)))
            return
        number = int(argument)
        item = self._listed[number - 1]
        if item.withdrawn:
            self._terminal.say(text("console_already_withdrawn", language, number=number))
            return
        try:
            if item.comment_id is None:
                await self._feedback.withdraw_stance(self._identity, item.thesis_id)
            else:
                await self._feedback.withdraw_comment(self._identity, item.comment_id)
        except FeedbackError:
            self._terminal.say(text("console_gone", language, number=number))
            return
        self._listed[number - 1] = replace(item, withdrawn=True)
        self._terminal.say(text("console_withdrawn", language, item=item.label))

    async def show_data(self, language: str) -> None:
        data = await self._feedback.personal_data(self._identity)
        if data.is_empty:
            self._terminal.say(text("my_data_empty", language))
            return
        self._terminal.say("\n".join(_data_lines(self._knowledge(), data, language)))

    async def save_data(self, argument: str, language: str) -> None:
        """The complete record as JSON, readable only by its owner; an existing file is never overwritten."""
        data = await self._feedback.personal_data(self._identity)
        if data.is_empty:
            self._terminal.say(text("my_data_empty", language))
            return
        target = _data_file(argument, language)
        try:
            await asyncio.to_thread(_write_private, target, data.to_json() + "\n")
        except FileExistsError:
            self._terminal.say(text("console_file_exists", language, path=str(target)))
        except FileNotFoundError:
            self._terminal.say(text("console_folder_missing", language, folder=str(target.parent)))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self._terminal.say(text("console_file_not_written", language, path=str(target), reason=reason))
        else:
            self._terminal.say(text("console_data_saved", language, path=str(target.resolve())))

    async def erase(self, language: str) -> None:
        answer = await self._terminal.read(text("console_erase_confirm", language))
        if answer.strip().casefold() not in YES:
            self._terminal.say(text("erase_cancelled", language))
            return
        erasure = await self._feedback.erase(self._identity)
        self._changed_since_listing = True
        self._terminal.say(text(erasure.text_key, language, count=erasure.records))

    async def _ask(self, prompt: str) -> str:
        answer = (await self._terminal.read(prompt)).strip()
        if answer.casefold() in CANCEL:
            raise _Cancelled
        return answer

    async def _thesis(self, language: str, typed: str) -> Thesis:
        """Asks until the typed value means exactly one thesis, showing the candidates after each miss."""
        knowledge = self._knowledge()
        while True:
            typed = typed.strip() or await self._ask(text("console_pick_thesis", language))
            found = match_theses(knowledge, typed)
            if len(found) == 1:
                return found[0]
            shown = _shown(typed)
            heading = (
                text("console_thesis_ambiguous", language, typed=shown)
                if found
                else text("console_thesis_not_found", language, typed=shown)
            )
            choices = found or list(knowledge.theses)
            self._terminal.say("\n".join([heading, *(_title(thesis, language) for thesis in choices)]))
            typed = ""

    def _open_for_feedback(self, thesis: Thesis, language: str) -> bool:
        """Says so when the thesis's discussion is closed, before anything is asked: nothing typed is lost. (The
        service checks again on submitting, as the session may close while the person types.)"""
        try:
            self._feedback.ensure_open(thesis.id)
        except FeedbackError as closed:
            self._terminal.say(f"{_title(thesis, language)}\n{closed.message(language)}")
            return False
        return True

    async def _stance_and_comment(self, language: str) -> tuple[Stance | None, str | None]:
        self._terminal.say(text("console_stance_options", language))
        while True:
            stance = await self._stance(language)
            comment = await self._comment(language, stance)
            if stance or comment:
                return stance, comment
            self._terminal.say(text("console_choose_something", language))

    async def _stance(self, language: str) -> Stance | None:
        while True:
            answer = await self._ask(text("console_pick_stance", language))
            if not answer:
                return None
            stance = parse_stance(answer)
            if stance:
                return stance
            self._terminal.say(text("console_stance_invalid", language, typed=_shown(answer)))

    async def _comment(self, language: str, stance: Stance | None) -> str | None:
        while True:
            answer = await self._ask(text("console_comment", language, limit=MAX_COMMENT_LENGTH))
            if not answer:
                return None
            try:
                return clean_comment(answer)
            except FeedbackError as error:
                if error.key == "comment_too_long":
                    message = text("console_comment_too_long", language, **error.values)
                else:
                    message = error.message(language)
                if stance:
                    message += " " + text("console_stance_kept", language, stance=stance_label(stance, language))
                self._terminal.say(message)

    async def _anonymous(self, language: str) -> bool:
        while True:
            answer = (await self._ask(text("console_anonymous", language))).casefold()
            if answer in YES:
                return True
            if answer in NO:
                return False
            self._terminal.say(text("console_yes_or_no", language))

    async def _submit(self, thesis: Thesis, submission: Submission, language: str) -> None:
        try:
            receipt = await self._feedback.submit(self._identity, submission, channel="console")
        except FeedbackError as error:
            if error.key == "feedback_rate_limited":
                reason = text("console_retry_later", language, **error.values)
            else:
                reason = error.message(language)
            self._not_stored(thesis, submission, reason, language)
            return
        except Exception as error:  # a storage failure must not end the console or lose the typed comment
            log.warning("console feedback not stored", extra={"error": type(error).__name__})
            self._not_stored(thesis, submission, text("console_storage_failed", language), language)
            return
        self._changed_since_listing = True
        lines = [text("feedback_stored", language, thesis=_title(thesis, language))]
        if receipt.stance:
            lines.append(f"{text('stance', language)}: {stance_label(receipt.stance, language)}")
        if receipt.comment:
            lines.append(f"{text('comment', language)}: {receipt.comment}")
        stored_as = text("anonymous", language) if receipt.anonymous else (receipt.display_name or "–")
        lines.append(f"{text('stored_as', language)}: {stored_as}")
        self._terminal.say("\n".join(lines))

    def _not_stored(self, thesis: Thesis, submission: Submission, reason: str, language: str) -> None:
        """Says what was not stored and shows the comment again, so nothing typed is lost."""
        lines = [text("console_not_stored", language, thesis=_title(thesis, language))]
        if submission.stance:
            lines.append(f"{text('stance', language)}: {stance_label(submission.stance, language)}")
        lines.append(reason)
        if submission.comment:
            lines += ["", text("console_copy_comment", language), submission.comment]
        self._terminal.say("\n".join(lines))


def parse_stance(answer: str) -> Stance | None:
    """A stance by its number in the prompt (1–4) or its word in either language, punctuation and case aside;
    the word's beginning is enough when it fits only one stance ("Zust", "disagr")."""
    typed = normalize(answer)
    if typed.isdecimal():
        return dict(enumerate(Stance, start=1)).get(int(typed))
    words = {normalize(stance_label(stance, language)): stance for stance in Stance for language in ("de", "en")}
    if typed in words:
        return words[typed]
    fitting = {stance for word, stance in words.items() if len(typed) >= _MIN_STANCE_PREFIX and word.startswith(typed)}
    return fitting.pop() if len(fitting) == 1 else None


def _shown(typed: str) -> str:
    """What the person typed, shortened at a word for quoting it back."""
    return textwrap.shorten(typed, _SHOWN_INPUT, placeholder=" …")


def _title(thesis: Thesis, language: str) -> str:
    return thesis_title(thesis.number, thesis.title).get(language)


def _thesis_text(knowledge: KnowledgeBase, thesis: Thesis, language: str) -> str:
    """The thesis as people need it to take a stance, always with the label that it is not a quote."""
    return f"{_title(thesis, language)}\n\n{thesis.statement.get(language)}\n\n({knowledge.thesis_label.get(language)})"


def _quoted(body: str, language: str) -> str:
    return f"„{body}“" if language == "de" else f"“{body}”"


def _when(stored: str, language: str) -> str:
    moment = datetime.fromisoformat(stored).astimezone()
    return moment.strftime("%d.%m.%Y %H:%M" if language == "de" else "%Y-%m-%d %H:%M")


def _data_lines(knowledge: KnowledgeBase, data: PersonalData, language: str) -> list[str]:
    def who(anonymous: bool, name: str | None) -> str:
        return text("anonymous", language) if anonymous else (name or "–")

    lines = [text("console_data_title", language, pseudonym=data.pseudonym[:12])]
    if data.stances:
        lines += ["", text("console_data_stances", language)]
    for s in data.stances:
        status = "withdrawn" if s.withdrawn else "superseded" if s.superseded_at else "current"
        lines.append(
            f"  {thesis_name(knowledge, s.thesis_id, language)}: {stance_label(s.stance, language)} – "
            f"{text('console_data_' + status, language)}, {_when(s.created_at, language)}, "
            f"{who(s.anonymous, s.display_name)}"
        )
    if data.comments:
        lines += ["", text("console_data_comments", language)]
    for c in data.comments:
        status = "withdrawn" if c.withdrawn_at else "edited" if c.edited_at else "current"
        lines.append(
            f"  {thesis_name(knowledge, c.thesis_id, language)}: {_quoted(c.body, language)} – "
            f"{text('console_data_' + status, language)}, {_when(c.created_at, language)}, "
            f"{who(c.anonymous, c.display_name)}"
        )
        lines += [f"    {text('console_data_revision', language)}: {_quoted(r, language)}" for r in c.revisions]
    if data.podium_questions:
        lines += ["", text("console_data_podium", language)]
    for q in data.podium_questions:
        lines.append(
            f"  #{q.id} {_quoted(q.body, language)} – {text('podium_status_' + q.status, language)}, "
            f"{q.votes} {text('votes', language)}, {_when(q.created_at, language)}, {who(q.anonymous, None)}"
        )
    if data.podium_votes:
        numbers = ", ".join(f"#{number}" for number in data.podium_votes)
        lines += ["", text("console_data_votes", language, questions=numbers)]
    return [*lines, "", text("console_data_save_hint", language, default=DATA_FILE[language])]


def _data_file(argument: str, language: str) -> Path:
    target = Path(argument.strip()).expanduser() if argument.strip() else Path.cwd() / DATA_FILE[language]
    return target / DATA_FILE[language] if target.is_dir() else target


def _write_private(target: Path, content: str) -> None:
    """Created with mode 0600 in one step, so the file is never readable by others, not even for a moment."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(content)
