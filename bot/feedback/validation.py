"""Input checks that run before anything is written, so bad input never leaves a half-stored record."""

from __future__ import annotations

import unicodedata

import regex

from bot.errors import UserError

MAX_COMMENT_LENGTH = 1000
# Refused: control characters but line break and tab, surrogates, private use, code points no Unicode version has
# assigned, and the bidirectional overrides and isolates that can make an exported comment read differently from
# what was written. Classified with regex's Unicode database, which is current (Unicode 17 as pinned), because
# Python 3.11's is Unicode 14: there every emoji added since (🩷 🫨 🪿 …) is unassigned and was refused.
_FORBIDDEN = regex.compile(r"[[\p{Cc}\p{Cs}\p{Co}\p{Cn}\u202a-\u202e\u2066-\u2069]--[\n\t]]", regex.V1)
_INVISIBLE = regex.compile(r"\p{C}", regex.V1)  # every control, format, private-use and unassigned code point


class FeedbackError(UserError):
    """Feedback that cannot be stored as given; nothing of it was written."""


def clean_comment(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise FeedbackError("comment_empty")
    if len(text) > MAX_COMMENT_LENGTH:
        raise FeedbackError("comment_too_long", limit=MAX_COMMENT_LENGTH, length=len(text))
    if _FORBIDDEN.search(text):
        raise FeedbackError("comment_control_characters")
    return text


def printable(text: str, limit: int) -> str | None:
    """Names from Discord profiles, kept printable and short; judged by the same current Unicode database as
    comments, so a name with a new emoji keeps its emoji."""
    kept = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip()
    return kept[:limit] or None
