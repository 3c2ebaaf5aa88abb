"""Checks that go beyond the schema: things that load fine but would confuse the matcher or a reader."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.knowledge.model import Entry
from bot.matching.matcher import IndexedVariant, Matcher

NEAR_DUPLICATE = 96.0


@dataclass(frozen=True, slots=True)
class LintResult:
    errors: list[str]
    warnings: list[str]


def lint(matcher: Matcher) -> LintResult:
    return LintResult(_colliding_questions(matcher), _missing_translations(matcher.knowledge.entries))


def _colliding_questions(matcher: Matcher) -> list[str]:
    """Two entries with (nearly) the same question make the matcher choose by chance."""
    groups: defaultdict[frozenset[str], list[IndexedVariant]] = defaultdict(list)
    for variant in matcher.indexed_variants():
        groups[variant.scopes].append(variant)
    problems: set[str] = set()
    for variants in groups.values():
        keys = [variant.key for variant in variants]
        for variant in variants:
            for _, score, index in process.extract(
                variant.key, keys, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, limit=None
            ):
                other = variants[index]
                if variant.entry.id < other.entry.id:
                    problems.add(
                        f"{variant.entry.origin}:{variant.entry.id}:questions: '{variant.text}' collides with "
                        f"'{other.text}' of {other.entry.id} ({score:.0f}% alike as '{variant.key}')"
                    )
    return sorted(problems)


def _missing_translations(entries: tuple[Entry, ...]) -> list[str]:
    return [f"{entry.origin}:{entry.id}:answer.en: no English answer" for entry in entries if not entry.answer.en]
