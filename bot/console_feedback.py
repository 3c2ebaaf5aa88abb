"""The console's feedback dialog: the same feedback service as on Discord, asked step by step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.catalog import thesis_for, thesis_name
from bot.feedback.model import Identity, PersonalData, Stance, Submission
from bot.feedback.service import FeedbackService
from bot.feedback.validation import MAX_COMMENT_LENGTH, FeedbackError
from bot.knowledge.model import KnowledgeBase
from bot.texts import stance_label, text, thesis_title

Prompt = Callable[[str], Awaitable[str | None]]
Say = Callable[[str], None]
YES = frozenset({"j", "ja", "y", "yes"})


class FeedbackDialog:
    def __init__(
        self,
        feedback: FeedbackService,
        knowledge: Callable[[], KnowledgeBase],
        identity: Identity,
        prompt: Prompt,
        say: Say,
    ) -> None:
        self._feedback = feedback
        self._knowledge = knowledge
        self._identity = identity
        self._prompt = prompt
        self._say = say
        self._listed: list[tuple[str, str]] = []

    async def give(self, language: str) -> None:
        thesis = thesis_for(self._knowledge(), await self._prompt(text("console_pick_thesis", language)) or "")
        if thesis is None:
            self._say(text("no_such_thesis", language, typed="?"))
            return
        stance = _stance(await self._prompt(text("console_pick_stance", language)) or "")
        comment = await self._prompt(text("console_comment", language, limit=MAX_COMMENT_LENGTH)) or ""
        anonymous = (await self._prompt(text("console_anonymous", language)) or "").strip().lower() in YES
        try:
            receipt = await self._feedback.submit(
                self._identity, Submission(thesis.id, stance, comment or None, anonymous), channel="console"
            )
        except FeedbackError as error:
            self._say(error.message(language))
            return
        title = thesis_title(thesis.number, thesis.title).get(language)
        lines = [text("feedback_stored", language, thesis=title)]
        if receipt.stance:
            lines.append(f"{text('stance', language)}: {stance_label(receipt.stance, language)}")
        if receipt.comment:
            lines.append(f"{text('comment', language)}: {receipt.comment}")
        stored_as = text("anonymous", language) if receipt.anonymous else (receipt.display_name or "–")
        lines.append(f"{text('stored_as', language)}: {stored_as}")
        self._say("\n".join(lines))

    async def list_mine(self, language: str) -> None:
        data = await self._feedback.personal_data(self._identity)
        self._listed = [("s", s.thesis_id) for s in data.current_stances]
        self._listed += [("c", str(c.id)) for c in data.current_comments]
        if not self._listed:
            self._say(text("no_feedback_yet", language))
            return
        self._say(
            "\n".join(f"{n}. {line}" for n, line in enumerate(_lines(self._knowledge(), data, language), 1))
            + "\n\n"
            + text("console_withdraw_hint", language)
        )

    async def withdraw(self, number: str, language: str) -> None:
        if not number.isdigit() or not 1 <= int(number) <= len(self._listed):
            self._say(text("no_such_feedback", language))
            return
        kind, key = self._listed[int(number) - 1]
        try:
            if kind == "s":
                await self._feedback.withdraw_stance(self._identity, key)
            else:
                await self._feedback.withdraw_comment(self._identity, int(key))
        except FeedbackError as error:
            self._say(error.message(language))
            return
        self._listed = []
        self._say(text("withdrawn", language))

    async def show_data(self, language: str) -> None:
        data = await self._feedback.personal_data(self._identity)
        self._say(text("my_data_empty", language) if data.is_empty else data.to_json())

    async def erase(self, language: str) -> None:
        answer = await self._prompt(text("console_erase_confirm", language))
        if (answer or "").strip().lower() not in YES:
            self._say(text("erase_cancelled", language))
            return
        erasure = await self._feedback.erase(self._identity)
        self._say(text(erasure.text_key, language, count=erasure.records))


def _stance(answer: str) -> Stance | None:
    answer = answer.strip().lower()
    by_number = {str(number): stance for number, stance in enumerate(Stance, start=1)}
    by_word = {stance.value: stance for stance in Stance} | {
        stance_label(stance, "en").lower(): stance for stance in Stance
    }
    return by_number.get(answer) or by_word.get(answer)


def _lines(knowledge: KnowledgeBase, data: PersonalData, language: str) -> list[str]:
    lines = [
        f"{thesis_name(knowledge, s.thesis_id, language)}: {stance_label(s.stance, language)}"
        for s in data.current_stances
    ]
    return lines + [f"{thesis_name(knowledge, c.thesis_id, language)}: „{c.body}“" for c in data.current_comments]
