"""Checks that go beyond the schema: things that load fine but would confuse the matcher or a reader."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.custom_ids import ENTRY_ID_USES, THESIS_ID_USES, longest_fitting_id, overflow
from bot.knowledge.loader import THESES_FILE
from bot.knowledge.model import Entry, KnowledgeBase
from bot.matching.matcher import IndexedVariant, Matcher

NEAR_DUPLICATE = 96.0


@dataclass(frozen=True, slots=True)
class LintResult:
    errors: list[str]
    warnings: list[str]


def lint(matcher: Matcher) -> LintResult:
    errors = _colliding_questions(matcher) + _overlong_ids(matcher.knowledge)
    return LintResult(errors, _missing_translations(matcher.knowledge.entries))


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


def _overlong_ids(knowledge: KnowledgeBase) -> list[str]:
    """Discord refuses a button or form whose custom id is over 100 characters, and ids go into custom ids."""
    problems = []
    for origin, kb_id, uses in [
        *((THESES_FILE, thesis.id, THESIS_ID_USES) for thesis in knowledge.theses),
        *((entry.origin, entry.id, ENTRY_ID_USES) for entry in knowledge.entries),
    ]:
        if found := overflow(kb_id, uses):
            custom_id, limit = found
            problems.append(
                f"{origin}:{kb_id}:id: too long for Discord: it makes the custom id '{custom_id}' {len(custom_id)} "
                f"characters long (at most {limit}); shorten the id to at most {longest_fitting_id(uses)} characters"
            )
    return problems


def _missing_translations(entries: tuple[Entry, ...]) -> list[str]:
    return [f"{entry.origin}:{entry.id}:answer.en: no English answer" for entry in entries if not entry.answer.en]
