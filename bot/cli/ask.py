"""``vielfalt-bot ask``: answer one question, or one per stdin line as JSON (a stable contract)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.cli._common import EXIT_INVALID, EXIT_OK, database_services, print_json
from bot.config import Settings
from bot.presentation import render_answer
from bot.qa import InvalidQuestion, QuestionService
from bot.services import load_matcher


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", help="the question, or '-' to read one question per line from stdin")
    parser.add_argument("--json", action="store_true", help="one JSON object per question (stable contract)")
    parser.add_argument("--lang", choices=["de", "en"], help="answer language (default: the question's)")
    parser.add_argument("--no-log", action="store_true", help="do not record unanswered questions")
    parser.set_defaults(handler=_ask)


async def _ask(args: argparse.Namespace, settings: Settings) -> int:
    questions = _stdin_questions(sys.stdin, keep_empty=args.json) if args.question == "-" else [args.question]
    if args.no_log:
        service = QuestionService(load_matcher(settings))
        return await _answer_all(service, questions, args)
    async with database_services(settings, reading=False) as services:
        return await _answer_all(services.questions, questions, args)


def _stdin_questions(stream: TextIO, *, keep_empty: bool) -> list[str]:
    """One question per line; JSON output keeps empty lines, so output line N always answers input line N."""
    lines = [raw.strip() for raw in stream]
    return lines if keep_empty else [line for line in lines if line]


async def _answer_all(service: QuestionService, questions: Sequence[str], args: argparse.Namespace) -> int:
    status = EXIT_OK
    for question in questions:
        try:
            answer = await service.ask(question, language=args.lang, channel="cli")
        except InvalidQuestion as error:
            status = EXIT_INVALID
            message = error.message(args.lang or args.language)
            if args.json:
                print_json(
                    {
                        "question": question,
                        "status": "unknown",
                        "entry_id": None,
                        "score": 0.0,
                        "answer": "",
                        "sources": [],
                        "suggestions": [],
                        "error": message,
                    }
                )
            else:
                print(message, file=sys.stderr)
            continue
        if args.json:
            print_json(answer.to_json())
        else:
            print(render_answer(answer, service.capabilities(answer.language)), end="\n\n", flush=True)
    return status
