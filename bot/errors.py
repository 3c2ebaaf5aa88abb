"""Errors that are the user's to fix; each front end words them in the user's language."""

from __future__ import annotations

from bot.texts import text


class UserError(ValueError):
    """Carries a message key and its values instead of text, so Discord, CLI and console can each localise it."""

    def __init__(self, key: str, **values: str | int) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, language: str) -> str:
        return text(self.key, language, **self.values)


class DiscordUnreachable(Exception):
    """The Discord front end could not reach Discord; ``kind`` says how (dns, refused, timeout, outage, other)."""

    def __init__(self, target: str, kind: str) -> None:
        super().__init__(f"{target}: {kind}")
        self.target = target
        self.kind = kind
