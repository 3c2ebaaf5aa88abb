"""Comments are refused for control characters, never for emoji or letters newer than Python's Unicode database
(issue 14.14: on Python 3.11, whose database is Unicode 14, 🩷 🫨 🪿 were "control characters")."""

from __future__ import annotations

import pytest

from bot.feedback.validation import FeedbackError, clean_comment
from bot.texts import text

ACCEPTED = {
    "Unicode 15 emoji": "Gute Idee 🩷 🫨 🪿",
    "Unicode 16 emoji": "Müde 🫩",
    "Unicode 17 emoji": "Verzerrt 🫪",
    "emoji sequences": "👩🏽‍💻 🏳️‍🌈 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ❤️",
    "CJK of Unicode 15.1": "漢字 \U0002ebf0",
    "line breaks and tabs": "Erste Zeile\n\tzweite Zeile",
    "zero-width joiner in Indic text": "क्‍ष",
}
REFUSED = {
    "NUL": "Hallo\x00Welt",
    "escape sequence": "\x1b[31mrot",
    "right-to-left override": "abc\u202edef",
    "first strong isolate": "abc\u2068def",
    "surrogate": "abc\ud800def",
    "private use": "abc\ue000def",
    "never assigned": "abc\U0010fffedef",
}


@pytest.mark.parametrize("comment", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_emoji_and_letters_of_any_unicode_version_are_accepted(comment: str) -> None:
    assert clean_comment(comment) == comment


@pytest.mark.parametrize("comment", REFUSED.values(), ids=REFUSED.keys())
def test_control_characters_are_refused_with_a_clear_message(comment: str) -> None:
    with pytest.raises(FeedbackError) as refused:
        clean_comment(comment)
    assert refused.value.message("de") == text("comment_control_characters", "de")
