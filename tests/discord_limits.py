"""What Discord refuses in what a bot sends, as the fake Discord enforces it.

The numbers come from Discord's OpenAPI specification (``discord/discord-api-spec``, ``specs/openapi.json``); the
schema each one is read from is named beside it. Where Discord documents a stricter limit than the specification
states, the documented one is used and the comment says so. Each check returns the problems it found, one line
each, with the JSON path of the offending value, so a failing test says exactly what Discord would have refused.
"""

from __future__ import annotations

import re
from typing import Any

CONTENT = 2000  # IncomingWebhookInteractionRequest.content; for channel messages the spec says 4,000, the docs 2,000
EMBEDS = 10  # IncomingWebhookInteractionRequest.embeds, MessageCreateRequest.embeds
EMBED_TITLE = 256  # RichEmbed.title
EMBED_DESCRIPTION = 4096  # RichEmbed.description
EMBED_FIELDS = 25  # RichEmbed.fields
FIELD_NAME = 256  # RichEmbedField.name
FIELD_VALUE = 1024  # RichEmbedField.value
FOOTER_TEXT = 2048  # RichEmbedFooter.text
AUTHOR_NAME = 256  # RichEmbedAuthor.name
EMBEDS_TOTAL = 6000  # documented, not in the spec: all the text of all embeds of one message
ACTION_ROWS = 5  # documented for messages without the components-v2 flag (the spec allows 40 top-level components)
ROW_ITEMS = 5  # ActionRowComponentForMessageRequest.components
CUSTOM_ID = 100  # ButtonComponent…, StringSelectComponent…, TextInputComponent…, ModalInteraction….custom_id
BUTTON_LABEL = 80  # ButtonComponentForMessageRequest.label
SELECT_OPTIONS = 25  # StringSelectComponentForMessageRequest.options
SELECT_PLACEHOLDER = 150  # StringSelectComponentForMessageRequest.placeholder
OPTION_TEXT = 100  # StringSelectOptionForRequest.label, .value and .description
MODAL_TITLE = 45  # ModalInteractionCallbackRequestData.title
MODAL_COMPONENTS = 40  # ModalInteractionCallbackRequestData.components
INPUT_LABEL = 45  # TextInputComponentForModalRequest.label, LabelComponentForModalRequest.label
INPUT_LENGTH = 4000  # TextInputComponentForModalRequest.value, .min_length, .max_length
INPUT_PLACEHOLDER = 100  # TextInputComponentForModalRequest.placeholder
CHOICES = 25  # InteractionApplicationCommandAutocompleteCallbackStringData.choices, ApplicationCommand…Option.choices
CHOICE_NAME = 100  # ApplicationCommandOptionStringChoice.name
CHOICE_VALUE = 100  # documented; ApplicationCommandOptionStringChoice.value says 6,000
COMMAND_NAME = 32  # ApplicationCommandCreateRequest.name, ApplicationCommand…Option.name
COMMAND_DESCRIPTION = 100  # ApplicationCommandCreateRequest.description, ApplicationCommand…Option.description
COMMAND_OPTIONS = 25  # ApplicationCommandCreateRequest.options

ACTION_ROW, BUTTON, STRING_SELECT, TEXT_INPUT, LABEL = 1, 2, 3, 4, 18
LINK_BUTTON = 5
COMMAND_NAME_PATTERN = re.compile(r"^[-_'\w]{1,32}$")  # documented; \w covers the letters of every script

JsonObject = dict[str, Any]


def message_problems(message: JsonObject) -> list[str]:
    """A message as a bot creates or edits it: channel messages, interaction responses, follow-ups."""
    problems = _length(message.get("content"), CONTENT, "content")
    embeds = message.get("embeds") or []
    problems += _count(embeds, EMBEDS, "embeds")
    total = 0
    for index, embed in enumerate(embeds):
        problems += _embed_problems(embed, f"embeds[{index}]")
        total += embed_characters(embed)
    if total > EMBEDS_TOTAL:
        problems.append(f"embeds: {total:,} characters in all, at most {EMBEDS_TOTAL:,}")
    problems += _components_problems(message.get("components") or [])
    return problems


def embed_characters(embed: JsonObject) -> int:
    """What counts towards the 6,000 characters of one message's embeds."""
    fields = embed.get("fields") or []
    texts = [
        embed.get("title"),
        embed.get("description"),
        (embed.get("footer") or {}).get("text"),
        (embed.get("author") or {}).get("name"),
        *(field.get("name") for field in fields),
        *(field.get("value") for field in fields),
    ]
    return sum(len(text or "") for text in texts)


def modal_problems(modal: JsonObject) -> list[str]:
    problems = _text(modal.get("custom_id"), CUSTOM_ID, "custom_id")
    problems += _text(modal.get("title"), MODAL_TITLE, "title")
    rows = modal.get("components") or []
    if not 1 <= len(rows) <= MODAL_COMPONENTS:
        problems.append(f"components: {len(rows)}, must be 1 to {MODAL_COMPONENTS}")
    for index, row in enumerate(rows):
        where = f"components[{index}]"
        if row.get("type") == LABEL:
            problems += _text(row.get("label"), INPUT_LABEL, f"{where}.label")
            problems += _text_input_problems(row.get("component") or {}, f"{where}.component")
        elif row.get("type") == ACTION_ROW:
            inputs = row.get("components") or []
            if len(inputs) != 1:
                problems.append(f"{where}.components: {len(inputs)} text inputs in one row, must be 1")
            for position, text_input in enumerate(inputs):
                problems += _text_input_problems(text_input, f"{where}.components[{position}]", labelled=False)
        else:
            problems.append(f"{where}.type: {row.get('type')} is not a row or label of a form")
    return problems


def choices_problems(data: JsonObject) -> list[str]:
    """An autocomplete answer."""
    choices = data.get("choices")
    if choices is None:
        return ["choices: missing"]
    problems = _count(choices, CHOICES, "choices")
    for index, choice in enumerate(choices):
        problems += _text(choice.get("name"), CHOICE_NAME, f"choices[{index}].name")
        problems += _length(choice.get("value"), CHOICE_VALUE, f"choices[{index}].value")
    return problems


def commands_problems(commands: list[JsonObject]) -> list[str]:
    """A bulk overwrite of application commands."""
    problems: list[str] = []
    names = [str(command.get("name")) for command in commands]
    problems += [f"commands: /{name} is defined twice" for name in _repeated(names)]
    for command in commands:
        problems += _option_problems(command, f"/{command.get('name')}")
    return problems


def _option_problems(option: JsonObject, where: str) -> list[str]:
    problems: list[str] = []
    name = option.get("name") or ""
    names = [name, *(option.get("name_localizations") or {}).values()]
    problems += [f"{where}.name: {n!r} is not 1 to {COMMAND_NAME} lower-case letters" for n in names if not _named(n)]
    descriptions = [option.get("description") or "", *(option.get("description_localizations") or {}).values()]
    problems += [
        f"{where}.description: {len(d)} characters, must be 1 to {COMMAND_DESCRIPTION}"
        for d in descriptions
        if not 1 <= len(d) <= COMMAND_DESCRIPTION
    ]
    options = option.get("options") or []
    problems += _count(options, COMMAND_OPTIONS, f"{where}.options")
    for child in options:
        problems += _option_problems(child, f"{where} {child.get('name')}")
    choices = option.get("choices") or []
    problems += _count(choices, CHOICES, f"{where}.choices")
    for index, choice in enumerate(choices):
        problems += _text(choice.get("name"), CHOICE_NAME, f"{where}.choices[{index}].name")
        problems += _length(choice.get("value"), CHOICE_VALUE, f"{where}.choices[{index}].value")
    return problems


def _named(name: str) -> bool:
    return bool(COMMAND_NAME_PATTERN.fullmatch(name)) and name == name.lower()


def _embed_problems(embed: JsonObject, where: str) -> list[str]:
    problems = _length(embed.get("title"), EMBED_TITLE, f"{where}.title")
    problems += _length(embed.get("description"), EMBED_DESCRIPTION, f"{where}.description")
    problems += _length((embed.get("footer") or {}).get("text"), FOOTER_TEXT, f"{where}.footer.text")
    problems += _length((embed.get("author") or {}).get("name"), AUTHOR_NAME, f"{where}.author.name")
    fields = embed.get("fields") or []
    problems += _count(fields, EMBED_FIELDS, f"{where}.fields")
    for index, field in enumerate(fields):
        # Discord refuses an empty field name or value ("This field is required"), though the spec sets no minimum.
        problems += _text(field.get("name"), FIELD_NAME, f"{where}.fields[{index}].name")
        problems += _text(field.get("value"), FIELD_VALUE, f"{where}.fields[{index}].value")
    return problems


def _components_problems(rows: list[JsonObject]) -> list[str]:
    problems = _count(rows, ACTION_ROWS, "components")
    custom_ids: list[str] = []
    for index, row in enumerate(rows):
        where = f"components[{index}]"
        if row.get("type") != ACTION_ROW:
            problems.append(f"{where}.type: {row.get('type')} is not an action row")
            continue
        items = row.get("components") or []
        if not 1 <= len(items) <= ROW_ITEMS:
            problems.append(f"{where}.components: {len(items)} items, must be 1 to {ROW_ITEMS}")
        if len(items) > 1 and any(item.get("type") != BUTTON for item in items):
            problems.append(f"{where}.components: a select menu must be alone in its row")
        for position, item in enumerate(items):
            problems += _item_problems(item, f"{where}.components[{position}]")
            if item.get("custom_id"):
                custom_ids.append(item["custom_id"])
    problems += [f"components: custom_id {custom_id!r} is used twice" for custom_id in _repeated(custom_ids)]
    return problems


def _item_problems(item: JsonObject, where: str) -> list[str]:
    if item.get("type") == BUTTON:
        problems = _length(item.get("label"), BUTTON_LABEL, f"{where}.label")
        if not item.get("label") and not item.get("emoji"):
            problems.append(f"{where}: a button needs a label or an emoji")
        if item.get("style") == LINK_BUTTON:
            return problems + ([] if item.get("url") else [f"{where}.url: a link button needs a url"])
        return problems + _text(item.get("custom_id"), CUSTOM_ID, f"{where}.custom_id")
    if item.get("type") == STRING_SELECT:
        problems = _text(item.get("custom_id"), CUSTOM_ID, f"{where}.custom_id")
        problems += _length(item.get("placeholder"), SELECT_PLACEHOLDER, f"{where}.placeholder")
        options = item.get("options") or []
        if not 1 <= len(options) <= SELECT_OPTIONS:
            problems.append(f"{where}.options: {len(options)}, must be 1 to {SELECT_OPTIONS}")
        for index, option in enumerate(options):
            problems += _text(option.get("label"), OPTION_TEXT, f"{where}.options[{index}].label")
            problems += _text(option.get("value"), OPTION_TEXT, f"{where}.options[{index}].value")
            problems += _length(option.get("description"), OPTION_TEXT, f"{where}.options[{index}].description")
        values = [str(option.get("value")) for option in options]
        problems += [f"{where}.options: value {value!r} is used twice" for value in _repeated(values)]
        low, high = item.get("min_values", 1), item.get("max_values", 1)
        if not 0 <= low <= high <= min(len(options), SELECT_OPTIONS):
            problems.append(f"{where}: min_values {low} and max_values {high} do not fit {len(options)} options")
        return problems
    return [f"{where}.type: {item.get('type')} is not a component the fake knows"]


def _text_input_problems(text_input: JsonObject, where: str, *, labelled: bool = True) -> list[str]:
    if text_input.get("type") != TEXT_INPUT:
        return [f"{where}.type: {text_input.get('type')} is not a text input"]
    problems = _text(text_input.get("custom_id"), CUSTOM_ID, f"{where}.custom_id")
    if not labelled:
        problems += _text(text_input.get("label"), INPUT_LABEL, f"{where}.label")
    problems += _length(text_input.get("placeholder"), INPUT_PLACEHOLDER, f"{where}.placeholder")
    low, high = text_input.get("min_length"), text_input.get("max_length")
    if low is not None and not 0 <= low <= INPUT_LENGTH:
        problems.append(f"{where}.min_length: {low}, must be 0 to {INPUT_LENGTH}")
    if high is not None and not 1 <= high <= INPUT_LENGTH:
        problems.append(f"{where}.max_length: {high}, must be 1 to {INPUT_LENGTH}")
    if low is not None and high is not None and low > high:
        problems.append(f"{where}: min_length {low} is above max_length {high}")
    value = text_input.get("value")
    problems += _length(value, high if high is not None else INPUT_LENGTH, f"{where}.value")
    if value and low is not None and len(value) < low:
        problems.append(f"{where}.value: {len(value)} characters, below min_length {low}")
    return problems


def _length(value: str | None, limit: int, where: str) -> list[str]:
    if value is not None and len(value) > limit:
        return [f"{where}: {len(value):,} characters, at most {limit:,}"]
    return []


def _text(value: str | None, limit: int, where: str) -> list[str]:
    """A text Discord requires: present, not empty, within its limit."""
    if not value:
        return [f"{where}: missing or empty"]
    return _length(value, limit, where)


def _repeated(values: list[str]) -> list[str]:
    return sorted({value for value in values if values.count(value) > 1})


def _count(items: list[Any], limit: int, where: str) -> list[str]:
    return [f"{where}: {len(items)} items, at most {limit}"] if len(items) > limit else []
