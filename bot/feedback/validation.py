"""Input checks that run before anything is written, so bad input never leaves a half-stored record."""

from __future__ import annotations

import unicodedata

from bot.errors import UserError

MAX_COMMENT_LENGTH = 1000
_ALLOWED_CONTROLS = frozenset("\n\t")
# Bidirectional overrides can make an exported comment read differently from what was written.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class FeedbackError(UserError):
    """Feedback that cannot be stored as given; nothing of it was written."""


def clean_comment(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise FeedbackError("comment_empty")
    if len(text) > MAX_COMMENT_LENGTH:
        raise FeedbackError("comment_too_long", limit=MAX_COMMENT_LENGTH, length=len(text))
    if any(_is_forbidden(char) for char in text):
        raise FeedbackError("comment_control_characters")
    return text


def _is_forbidden(char: str) -> bool:
    if char in _ALLOWED_CONTROLS:
        return False
    return char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn")
