"""Recognises the usual ways a Discord bot token gets pasted wrongly, without asking Discord.

A bot token is three base64url parts joined by dots; the first part encodes the application's id, which also
gives the invite link. Quotes, a ``Bot`` prefix, the application id or the OAuth2 client secret are what
people paste instead.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

_PART = r"[A-Za-z0-9_-]"
_TOKEN = re.compile(rf"({_PART}{{16,}})\.{_PART}{{4,}}\.{_PART}{{20,}}")
_CLIENT_SECRET = re.compile(rf"{_PART}{{32}}")
_SNOWFLAKE = re.compile(r"\d{17,20}")

# View Channels, Send Messages, Send Messages in Threads, Embed Links, Read Message History: everything the bot
# does in a channel; answers to slash commands and the private export files need no channel permission.
INVITE_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 38) | (1 << 14) | (1 << 16)
INVITE_SCOPES = "bot applications.commands"


@dataclass(frozen=True, slots=True)
class TokenCheck:
    problem: str | None
    application_id: int | None = None


def check_token(raw: str) -> TokenCheck:
    """``problem`` is a key naming the mistake (``token_quoted``, ``token_bot_prefix``, ...), or ``None``."""
    token = raw.strip()
    if not token:
        return TokenCheck("token_missing")
    if token[0] in "\"'" or token[-1] in "\"'":
        return TokenCheck("token_quoted")
    if token.lower().startswith("bot "):
        return TokenCheck("token_bot_prefix")
    if any(character.isspace() for character in token):
        return TokenCheck("token_whitespace")
    if _SNOWFLAKE.fullmatch(token):
        return TokenCheck("token_is_application_id")
    if _CLIENT_SECRET.fullmatch(token):
        return TokenCheck("token_is_client_secret")
    match = _TOKEN.fullmatch(token)
    if not match:
        return TokenCheck("token_malformed")
    application_id = _decode_id(match.group(1))
    if application_id is None:
        return TokenCheck("token_malformed")
    return TokenCheck(None, application_id)


def _decode_id(part: str) -> int | None:
    try:
        decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return int(decoded) if _SNOWFLAKE.fullmatch(decoded) else None


def invite_url(application_id: int) -> str:
    scopes = INVITE_SCOPES.replace(" ", "+")
    return f"https://discord.com/oauth2/authorize?client_id={application_id}&scope={scopes}&permissions={INVITE_PERMISSIONS}"
