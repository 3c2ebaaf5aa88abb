"""Log records as structured events: readable ``key=value`` lines for people, JSON lines for log collectors.

Every module logs through the standard library with its context in ``extra`` (discord.py logs there too), and
one structlog formatter renders all of it the same way. Our own events never carry question texts, comments,
names or Discord ids. discord.py logs request URLs (which carry interaction tokens), payloads (message texts)
and user ids at debug level, and aiosqlite every statement's parameters: both are held at ``info``. Whatever
still gets through (a rate-limit warning names the URL, an exception its request) is redacted from the finished
line: interaction and webhook tokens, bot tokens and 17–20 digit Discord ids never reach a log.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

from bot.config import ConfigError

LEVELS = ("debug", "info", "warning", "error")
FORMATS = ("text", "json")

# discord.py (gateway events, HTTP requests and responses, webhook URLs, member ids) and aiosqlite (statement
# parameters) log personal data and secrets at debug level: they never log below info.
_PAYLOAD_LOGGERS = ("discord", "aiosqlite")
_SECRETS = (
    (re.compile(r"(/(?:interactions|webhooks)/[0-9]+/)[^/\s?#'\"]+"), r"\1<token>"),
    (re.compile(r"[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{27,}"), "<token>"),
    (re.compile(r"(?<![0-9])[0-9]{17,20}(?![0-9])"), "<id>"),
)


@dataclass(frozen=True, slots=True)
class LogSettings:
    level: str = "warning"
    format: str = "text"

    @classmethod
    def resolve(cls, level: str | None, fmt: str | None, environ: Mapping[str, str], default_level: str) -> LogSettings:
        """Command-line options win over ``VIELFALT_LOG_LEVEL`` / ``VIELFALT_LOG_FORMAT``, which win over the
        command's own default (``run`` is chattier than the one-shot commands)."""
        return cls(
            level=_choice(level or environ.get("VIELFALT_LOG_LEVEL") or default_level, LEVELS, "VIELFALT_LOG_LEVEL"),
            format=_choice(fmt or environ.get("VIELFALT_LOG_FORMAT") or "text", FORMATS, "VIELFALT_LOG_FORMAT"),
        )


def _choice(raw: str, allowed: tuple[str, ...], variable: str) -> str:
    value = raw.strip().lower()
    if value not in allowed:
        raise ConfigError("choice_invalid", variable=variable, allowed=", ".join(allowed), raw=raw)
    return value


def configure_logging(settings: LogSettings, stream: TextIO | None = None) -> None:
    """Replaces the root handler, so calling it again (tests, reconfiguration) never duplicates lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(_DeferredFormatter(settings.format))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    level = logging.getLevelName(settings.level.upper())
    root.setLevel(level)
    for name in _PAYLOAD_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.INFO))


def redact_secrets(line: str) -> str:
    for pattern, replacement in _SECRETS:
        line = pattern.sub(replacement, line)
    return line


class _DeferredFormatter(logging.Formatter):
    """Loads structlog (about 15 ms) only when the first line is written: one-shot commands mostly log nothing."""

    def __init__(self, fmt: str) -> None:
        super().__init__()
        self._format = fmt
        self._formatter: logging.Formatter | None = None

    def format(self, record: logging.LogRecord) -> str:
        if self._formatter is None:
            from bot.log_rendering import formatter

            self._formatter = formatter(self._format)
        return self._formatter.format(record)
