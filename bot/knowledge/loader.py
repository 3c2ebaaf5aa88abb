"""Loads ``knowledge/`` into a validated :class:`KnowledgeBase`.

Every problem is collected and reported as ``file:entry:field: what is wrong`` so that a curator
can fix a whole file in one go instead of meeting errors one at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.model import Entry, KnowledgeBase, Scope, Variant
from bot.knowledge.schema import (
    EntrySpec,
    KnowledgeFileSpec,
    Localized,
    LocalizedQuestions,
    SynonymsFileSpec,
    ThesesFileSpec,
    Thesis,
    Town,
    TownsFileSpec,
)
from bot.knowledge.yaml_source import YamlProblem, read_yaml
from bot.texts import thesis_answer, thesis_title

__all__ = ["KnowledgeError", "load_knowledge"]

TOWNS_FILE = "towns.yaml"
THESES_FILE = "theses.yaml"
SYNONYMS_FILE = "synonyms.yaml"
SPECIAL_FILES = (TOWNS_FILE, THESES_FILE, SYNONYMS_FILE)
TOWN_ASPECT_SUFFIXES = {
    "profile": "",
    "population": "-einwohner",
    "project": "-projekt",
    "diversity": "-vielfalt",
}


def load_knowledge(directory: Path) -> KnowledgeBase:
    if not directory.is_dir():
        raise KnowledgeError([f"{directory}:-:-: knowledge directory not found"])
    problems: list[str] = []
    entries: list[Entry] = []
    towns_file = _parse(directory / TOWNS_FILE, TownsFileSpec, "towns", problems)
    theses_file = _parse(directory / THESES_FILE, ThesesFileSpec, "theses", problems)
    synonyms_file = _parse(directory / SYNONYMS_FILE, SynonymsFileSpec, "groups", problems)
    for path in sorted(directory.glob("*.yaml")):
        if path.name not in SPECIAL_FILES:
            spec = _parse(path, KnowledgeFileSpec, "entries", problems)
            if spec is not None:
                entries.extend(_entry_from_spec(item, path.name) for item in spec.entries)
    towns = tuple(towns_file.towns) if towns_file else ()
    theses = tuple(sorted(theses_file.theses, key=lambda thesis: thesis.number)) if theses_file else ()
    if towns_file:
        entries.extend(_town_entries(towns_file))
    if theses_file:
        entries.extend(_thesis_entries(theses_file))
    synonyms = tuple(tuple(group) for group in synonyms_file.groups) if synonyms_file else ()
    problems.extend(_cross_reference_problems(entries, towns, theses))
    problems.extend(_synonym_problems(synonyms))
    if problems or towns_file is None or theses_file is None or synonyms_file is None:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        entries=tuple(entries),
        towns=towns,
        theses=theses,
        thesis_label=theses_file.label,
        scopes=_scopes(towns, theses),
        synonyms=synonyms,
    )


M = TypeVar("M", bound=BaseModel)


def _parse(path: Path, model: type[M], list_field: str, problems: list[str]) -> M | None:
    if not path.is_file():
        problems.append(f"{path.name}:-:-: file is missing")
        return None
    try:
        data = read_yaml(path)
    except YamlProblem as problem:
        where = f"line {problem.line}" if problem.line else "-"
        problems.append(f"{path.name}:{where}:-: {problem.message}")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(_format_validation_error(path.name, data, list_field, error))
        return None


def _format_validation_error(file: str, data: Any, list_field: str, error: ValidationError) -> list[str]:
    lines = []
    for detail in error.errors():
        loc = list(detail["loc"])
        item = "-"
        if len(loc) >= 2 and loc[0] == list_field and isinstance(loc[1], int):
            item = _item_name(data, list_field, loc[1])
            loc = loc[2:]
        field = ".".join(str(part) for part in loc) or "-"
        lines.append(f"{file}:{item}:{field}: {detail['msg']}")
    return lines


def _item_name(data: Any, list_field: str, index: int) -> str:
    try:
        item_id = data[list_field][index].get("id")
    except (AttributeError, IndexError, KeyError, TypeError):
        item_id = None
    return str(item_id) if item_id else f"#{index + 1}"


def _variants(questions: LocalizedQuestions, extra: Iterable[str] = ()) -> tuple[Variant, ...]:
    variants = [Variant(text, "de") for text in questions.de]
    variants += [Variant(text, "en") for text in questions.en]
    variants += [Variant(text, "de") for text in extra]
    return tuple(variants)


def _title_variants(title: Localized) -> list[Variant]:
    return [Variant(title.de, "de")] + ([Variant(title.en, "en")] if title.en else [])


def _entry_from_spec(spec: EntrySpec, file: str) -> Entry:
    return Entry(
        id=spec.id,
        category=spec.category,
        title=spec.title,
        answer=spec.answer,
        sources=tuple(str(url) for url in spec.sources),
        variants=_variants(spec.questions, spec.keywords) + tuple(_title_variants(spec.title)),
        scope=f"town:{spec.town}" if spec.town else None,
        origin=file,
    )


def _fill(text: str, **values: str) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _fill_localized(text: Localized, **values: str) -> Localized:
    return Localized(de=_fill(text.de, **values), en=_fill(text.en, **values) if text.en else None)


def _town_entries(spec: TownsFileSpec) -> list[Entry]:
    entries = []
    for town in spec.towns:
        for aspect, suffix in TOWN_ASPECT_SUFFIXES.items():
            templates = getattr(spec.templates, aspect)
            extra = getattr(town.extra_questions, aspect)
            questions = LocalizedQuestions(
                de=[_fill(t, town=town.name) for t in templates.questions.de] + list(extra.de),
                en=[_fill(t, town=town.name) for t in templates.questions.en] + list(extra.en),
            )
            title = _fill_localized(templates.title, town=town.name)
            entries.append(
                Entry(
                    id=f"stadt-{town.id}{suffix}",
                    category="kommunen",
                    title=title,
                    answer=getattr(town.aspects, aspect),
                    sources=tuple(str(url) for url in town.sources),
                    variants=_variants(questions) + tuple(_title_variants(title)),
                    scope=f"town:{town.id}",
                    origin=TOWNS_FILE,
                )
            )
    return entries


def _thesis_entries(spec: ThesesFileSpec) -> list[Entry]:
    entries = []
    for thesis in spec.theses:
        number = str(thesis.number)
        title = thesis_title(thesis.number, thesis.title)
        questions = LocalizedQuestions(
            de=[_fill(t, number=number) for t in spec.question_templates.de] + list(thesis.questions.de),
            en=[_fill(t, number=number) for t in spec.question_templates.en] + list(thesis.questions.en),
        )
        entries.append(
            Entry(
                id=thesis.id,
                category="thesen",
                title=title,
                answer=thesis_answer(spec.label, thesis),
                sources=tuple(str(url) for url in thesis.sources),
                variants=_variants(questions) + tuple(_title_variants(thesis.title)),
                scope=f"thesis:{thesis.id}",
                origin=THESES_FILE,
            )
        )
    return entries


def _cross_reference_problems(entries: Sequence[Entry], towns: Sequence[Town], theses: Sequence[Thesis]) -> list[str]:
    problems = []
    counts = Counter(entry.id for entry in entries)
    for entry in entries:
        if counts[entry.id] > 1:
            problems.append(f"{entry.origin}:{entry.id}:id: id is used by {counts[entry.id]} entries")
            counts[entry.id] = 0
    town_ids = {town.id for town in towns}
    for entry in entries:
        if entry.scope and entry.scope.startswith("town:") and entry.scope[5:] not in town_ids:
            problems.append(f"{entry.origin}:{entry.id}:town: unknown town '{entry.scope[5:]}'")
    for number, count in Counter(thesis.number for thesis in theses).items():
        if count > 1:
            problems.append(f"{THESES_FILE}:-:number: thesis number {number} is used {count} times")
    return problems


def _synonym_problems(groups: Sequence[Sequence[str]]) -> list[str]:
    first_group: dict[str, int] = {}
    problems = []
    for number, group in enumerate(groups, start=1):
        for word in group:
            key = word.casefold()
            if key in first_group and first_group[key] != number:
                problems.append(f"{SYNONYMS_FILE}:group {number}:-: '{word}' is also in group {first_group[key]}")
            first_group.setdefault(key, number)
    return problems


def _scopes(towns: Sequence[Town], theses: Sequence[Thesis]) -> tuple[Scope, ...]:
    scopes = [Scope("town", town.id, town.name, (town.name, *town.aliases)) for town in towns]
    scopes += [
        Scope("thesis", thesis.id, thesis.title.de, tuple(t for t in (thesis.title.de, thesis.title.en) if t))
        for thesis in theses
    ]
    return tuple(scopes)
