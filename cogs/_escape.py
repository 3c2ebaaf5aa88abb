"""User text shown in Discord: nothing in it may format, link, ping, reorder or hide.

``discord.utils.escape_markdown`` and ``escape_mentions`` do most of it; what they miss is added here: control and
format characters (NUL, ANSI escapes, bidi overrides and isolates, zero-width spaces), the ``<…>`` forms (channel,
role and command mentions, timestamps, custom emoji), numbered lists and a lone ``>``. Masked links are escaped
here too: ``escape_markdown`` escapes only the first ``[`` of its greedy ``[…](…)`` match, so the text between two
links would stay unescaped.
"""

from __future__ import annotations

import discord
import regex

from cogs._limits import cut

_SPACES = regex.compile(r"[\t\v\f]")
_LINE_BREAKS = regex.compile(r"\r\n?|[\x85\u2028\u2029]")
# Kept: line breaks where asked for, ZWNJ/ZWJ (needed by scripts and emoji sequences) and tag characters (flags).
_CONTROLS = regex.compile(r"[[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]--[\n\u200c\u200d\U000e0020-\U000e007f]]", regex.V1)
# Line starts that make quotes, headings and lists where escape_markdown leaves them (a lone ">", "+", "1. ").
_LINE_START = regex.compile(r"^[>#*+-]", regex.MULTILINE)
_NUMBERED_LIST = regex.compile(r"^(\d+)\.(?= )", regex.MULTILINE)
# escape_markdown puts the backslash for a list marker after an empty line before that line's break ("a\n\n-" →
# "a\n\\\n-"): a stray backslash a reader sees, and the "-" stays live. An odd run of backslashes before a line break
# is always such a misplaced escape (the user's own backslashes come out doubled); _LINE_START then escapes the marker.
_STRAY_ESCAPE = regex.compile(r"(?<!\\)((?:\\\\)*)\\\n")
_BRACKET = "\x00"  # stands in for "[" while escape_markdown runs; plain() leaves no NUL in the text


def plain(value: str, limit: int | None = None, *, one_line: bool = True) -> str:
    """Without control characters, on one line unless asked otherwise, without indentation or runs of spaces (which
    would only let markdown hide behind them), at most ``limit`` characters: for labels and other places Discord
    shows as plain text."""
    text = _CONTROLS.sub("", _SPACES.sub(" ", _LINE_BREAKS.sub("\n", value)))
    if one_line:
        text = " ".join(text.split())
    else:
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")
    return cut(text, limit) if limit else text


def shown(value: str, limit: int | None = None, *, one_line: bool = True) -> str:
    """User text as it may appear in a message or embed that Discord renders as markdown. ``limit`` applies before
    escaping, which lengthens the text by at most twice."""
    text = plain(value, limit, one_line=one_line).replace("[", _BRACKET)
    text = _STRAY_ESCAPE.sub("\\1\n", discord.utils.escape_markdown(text, ignore_links=False))
    # Every backslash is escaped now, so each "[" and "<" is unescaped and needs exactly one.
    text = text.replace(_BRACKET, "\\[").replace("<", "\\<")
    text = _NUMBERED_LIST.sub(r"\1\\.", _LINE_START.sub(r"\\\g<0>", text))
    return discord.utils.escape_mentions(text)
