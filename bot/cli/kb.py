"""``vielfalt-bot kb``: check, list and evaluate the knowledge base."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.cli._common import EXIT_INVALID, EXIT_OK, add_command
from bot.cli._wording import say
from bot.config import Settings
from bot.evaluation import EvalFileError, evaluate, format_report, load_cases
from bot.knowledge.lint import lint
from bot.qa import QuestionService
from bot.services import load_matcher

IS_GROUP = True


def configure(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="kb_command", required=True, metavar="{check,show,eval}")
    add_command(commands, "check", help="validate and lint knowledge/").set_defaults(handler=_check)
    show = add_command(commands, "show", help="list all entries")
    show.add_argument("--json", action="store_true", help="all entries as JSON")
    show.set_defaults(handler=_show)
    evaluate_cmd = add_command(commands, "eval", help="accuracy report over a YAML file of questions")
    evaluate_cmd.add_argument("file", type=Path)
    evaluate_cmd.add_argument(
        "--min-in-scope",
        type=float,
        default=0.0,
        metavar="RATIO",
        help="exit 1 if fewer in-scope questions are answered with their fact (e.g. 0.95)",
    )
    evaluate_cmd.add_argument(
        "--min-refusal",
        type=float,
        default=0.0,
        metavar="RATIO",
        help="exit 1 if fewer off-topic or fewer near-miss questions are refused (e.g. 0.95)",
    )
    evaluate_cmd.add_argument("--misses", action="store_true", help="also list every question it got wrong")
    evaluate_cmd.set_defaults(handler=_eval)


async def _check(args: argparse.Namespace, settings: Settings) -> int:
    matcher = load_matcher(settings)
    result = lint(matcher)
    for warning in result.warnings:
        print(say("kb_warning", args.language, warning=warning))
    if result.errors:
        print("\n".join([say("knowledge_invalid", args.language), *result.errors]), file=sys.stderr)
        return EXIT_INVALID
    knowledge = matcher.knowledge
    counts = {"entries": len(knowledge.entries), "variants": matcher.variant_count, "towns": len(knowledge.towns)}
    print(say("kb_ok", args.language, **counts, facts=matcher.fact_count, theses=len(knowledge.theses)))
    return EXIT_OK


async def _show(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = load_matcher(settings).knowledge
    if args.json:
        entries = [
            {
                "id": e.id,
                "category": e.category,
                "scope": e.scope,
                "title": e.title.model_dump(),
                "answer": e.answer.model_dump(),
                "sources": [source.url for source in e.sources],
                "questions": [{"text": v.text, "language": v.language} for v in e.variants],
                "facts": [
                    {
                        "key": f.key,
                        "text": f.text.model_dump(),
                        "sources": [source.url for source in f.sources],
                        "questions": [{"text": v.text, "language": v.language} for v in f.variants],
                    }
                    for f in e.facts
                ],
            }
            for e in knowledge.entries
        ]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for entry in knowledge.entries:
            print(f"{entry.id:40} {entry.title.de}")
    return EXIT_OK


async def _eval(args: argparse.Namespace, settings: Settings) -> int:
    service = QuestionService(load_matcher(settings))
    try:
        cases = load_cases(args.file, set(service.knowledge.by_id))
    except EvalFileError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return EXIT_INVALID
    report = await evaluate(service, cases)
    print(format_report(report, misses=args.misses))
    failed = [
        f"{label} {value:.1%} < {floor:.1%}"
        for label, value, floor in (
            ("in scope", report.in_scope_accuracy, args.min_in_scope),
            ("off topic refused", report.off_topic_refusal, args.min_refusal),
            ("near miss refused", report.near_miss_refusal, args.min_refusal),
        )
        if value < floor
    ]
    if failed:
        print(f"below the floor: {'; '.join(failed)}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK
