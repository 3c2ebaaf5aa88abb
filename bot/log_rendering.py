"""The structlog formatter behind :mod:`bot.logs`, in its own module so it is imported only when a line is
written."""

from __future__ import annotations

import logging

import structlog

from bot.logs import redact_secrets


class _RedactingFormatter(structlog.stdlib.ProcessorFormatter):
    """Redacts the finished line, so message, context and traceback are all covered."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_secrets(super().format(record))


def formatter(fmt: str) -> structlog.stdlib.ProcessorFormatter:
    renderer: structlog.typing.Processor
    if fmt == "json":
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
        # A plain traceback string: structured tracebacks would include local variables, i.e. user texts.
        finishing: list[structlog.typing.Processor] = [structlog.processors.format_exc_info]
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False, exception_formatter=structlog.dev.plain_traceback)
        finishing = []
    return _RedactingFormatter(
        foreign_pre_chain=[
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.ExtraAdder(),
        ],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *finishing, renderer],
    )
