"""Discord's limits for what the bot sends, and the one place that makes every message fit them."""

from __future__ import annotations

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
FIELDS_PER_EMBED = 25
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000  # all the text of all embeds of one message
BUTTON_LABEL_LIMIT = 80
OPTION_LIMIT = 100  # select option label, value and description
OPTIONS_PER_SELECT = 25
FORM_TITLE_LIMIT = 45  # also the label of a form's text input
CHOICE_LIMIT = 100  # autocomplete choice name and value
CHOICES_PER_ANSWER = 25


def cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
