"""Checks that go beyond the schema: things that load fine but would confuse the matcher or a reader.

The main check asks every fact's own questions (its variants, its attributes' filled-in templates and, for an
entry's first fact, the entry's questions) through the matcher: a fact that none of them brings up as the
answer is a sentence no user can reach, so it is reported as an error.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bot.custom_ids import ENTRY_ID_USES, THESIS_ID_USES, longest_fitting_id, overflow
from bot.knowledge.loader import THESES_FILE
from bot.knowledge.model import Entry, Fact, KnowledgeBase
from bot.matching.matcher import IndexedVariant, Matcher
from bot.matching.normalize import normalize


@dataclass(frozen=True, slots=True)
class LintResult:
    errors: list[str]
    warnings: list[str]


def lint(matcher: Matcher) -> LintResult:
    variants = matcher.indexed_variants()
    errors = _unreachable_facts(matcher, variants) + _overlong_ids(matcher.knowledge)
    warnings = _missing_translations(matcher.knowledge.entries) + _shared_questions(variants)
    return LintResult(errors, warnings)


def _unreachable_facts(matcher: Matcher, variants: list[IndexedVariant]) -> list[str]:
    by_fact: defaultdict[str, list[IndexedVariant]] = defaultdict(list)
    for variant in variants:
        by_fact[variant.fact.key].append(variant)
    problems = []
    for entry in matcher.knowledge.entries:
        for number, fact in enumerate(entry.facts, start=1):
            if not any(_reaches(matcher, v.text, fact) for v in by_fact.get(fact.key, [])):
                asked = len(by_fact.get(fact.key, []))
                problems.append(
                    f"{entry.origin}:{entry.id}:facts.{number}: no question reaches '{_short(fact)}' "
                    f"({asked} question(s) tried); add a question or attribute that asks for it"
                )
    return problems


def _reaches(matcher: Matcher, question: str, fact: Fact) -> bool:
    result = matcher.match(question)
    return result.status == "answer" and result.best is not None and result.best.fact == fact


def _shared_questions(variants: list[IndexedVariant]) -> list[str]:
    """The same question written on two facts makes the matcher choose between them by other cues.

    Shared attribute templates are left out: facts that split one attribute share them on purpose.
    """
    owners: defaultdict[tuple[str, frozenset[str]], dict[str, IndexedVariant]] = defaultdict(dict)
    for variant in variants:
        if variant.template:
            continue
        owners[(normalize(variant.text), variant.scopes)].setdefault(variant.fact.key, variant)
    problems = []
    for found in owners.values():
        if len(found) > 1:
            first, *others = found.values()
            names = ", ".join(o.fact.key for o in others)
            problems.append(f"{first.entry.origin}:{first.fact.key}: '{first.text}' is also asked of {names}")
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
    return [
        f"{entry.origin}:{fact.key}:en: no English answer"
        for entry in entries
        for fact in entry.facts
        if not fact.text.en
    ]


def _short(fact: Fact, limit: int = 70) -> str:
    text = fact.text.de
    return text if len(text) <= limit else text[: limit - 1] + "…"
