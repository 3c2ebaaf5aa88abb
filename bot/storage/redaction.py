"""Discord ids out of stored text: mentions and bare snowflakes are replaced before anything is written.

A question like "Was meint <@123456789012345678> dazu?" would otherwise put a raw user id into the question
log, which is meant to hold no personal data. Mentions become neutral words ("@Person", "@Rolle", "#Kanal"),
custom emoji keep their name, and any other 17–20 digit number (a pasted id) becomes "[ID]".
"""

from __future__ import annotations

import re

_MENTIONS = (
    (re.compile(r"<@!?[0-9]+>"), "@Person"),
    (re.compile(r"<@&[0-9]+>"), "@Rolle"),
    (re.compile(r"<#[0-9]+>"), "#Kanal"),
    (re.compile(r"</([^\s:<>]+(?: [^\s:<>]+){0,2}):[0-9]+>"), r"/\1"),
    (re.compile(r"<a?:([A-Za-z0-9_]+):[0-9]+>"), r":\1:"),
    (re.compile(r"(?<![0-9])[0-9]{17,20}(?![0-9])"), "[ID]"),
)


# Every mention and custom emoji starts with "<", every bare id is a run of 17+ digits: text with neither (most
# text, years and counts included) needs no other pass.
_CANDIDATE = re.compile(r"<|[0-9]{17}")


def redact_discord_ids(text: str) -> str:
    if not _CANDIDATE.search(text):
        return text
    for pattern, replacement in _MENTIONS:
        text = pattern.sub(replacement, text)
    return text
