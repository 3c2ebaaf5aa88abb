"""Loads ``knowledge/`` into a validated :class:`KnowledgeBase`.

Every problem is collected and reported as ``file:entry:field: what is wrong`` so that a curator
can fix a whole file in one go instead of meeting errors one at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.model import Entry, Fact, KnowledgeBase, Scope, Source, Variant
from bot.knowledge.schema import (
    EntrySpec,
    FactSpec,
    GapSpec,
    KnowledgeFileSpec,
    Localized,
    LocalizedQuestions,
    LocalizedTownTemplates,
    SourcesFileSpec,
    SynonymsFileSpec,
    ThesesFileSpec,
    Thesis,
    Town,
    TownsFileSpec,
)
from bot.knowledge.yaml_source import YamlProblem, read_yaml
from bot.texts import gap_text, thesis_facts, thesis_title

__all__ = ["KnowledgeError", "load_knowledge"]

TOWNS_FILE = "towns.yaml"
THESES_FILE = "theses.yaml"
SYNONYMS_FILE = "synonyms.yaml"
SOURCES_FILE = "sources.yaml"
SPECIAL_FILES = (TOWNS_FILE, THESES_FILE, SYNONYMS_FILE, SOURCES_FILE)
EXTENSIONS = (".yaml", ".yml")
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
    files = _knowledge_files(directory, problems)
    sources_file = _parse(files.get(SOURCES_FILE), SOURCES_FILE, SourcesFileSpec, "sources", problems)
    sources = _SourceTable(sources_file)
    towns_file = _parse(files.get(TOWNS_FILE), TOWNS_FILE, TownsFileSpec, "towns", problems)
    theses_file = _parse(files.get(THESES_FILE), THESES_FILE, ThesesFileSpec, "theses", problems)
    synonyms_file = _parse(files.get(SYNONYMS_FILE), SYNONYMS_FILE, SynonymsFileSpec, "groups", problems)
    entries: list[Entry] = []
    for name, path in sorted(files.items()):
        if name not in SPECIAL_FILES:
            spec = _parse(path, path.name, KnowledgeFileSpec, "entries", problems)
            if spec is not None:
                entries.extend(_entry_from_spec(item, path.name, sources, problems) for item in spec.entries)
    towns: tuple[Town, ...] = ()
    if towns_file:
        towns = tuple(_town_with_urls(town, sources, problems) for town in towns_file.towns)
        problems.extend(_attribute_problems(towns_file))
        entries.extend(_town_entries(towns_file, towns, sources))
    theses = tuple(sorted(theses_file.theses, key=lambda thesis: thesis.number)) if theses_file else ()
    if theses_file:
        entries.extend(_thesis_entries(theses_file, sources, problems))
    synonyms = tuple(tuple(group) for group in synonyms_file.groups) if synonyms_file else ()
    problems.extend(_cross_reference_problems(entries, towns, theses))
    problems.extend(_synonym_problems(synonyms))
    if problems or towns_file is None or theses_file is None or synonyms_file is None or sources_file is None:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        entries=tuple(entries),
        towns=towns,
        theses=theses,
        thesis_label=theses_file.label,
        scopes=_scopes(towns, theses),
        synonyms=synonyms,
    )


def _knowledge_files(directory: Path, problems: list[str]) -> dict[str, Path]:
    """Every ``.yaml`` and ``.yml`` file, keyed by its name with the ``.yaml`` ending; a name taken by both
    spellings is reported instead of one of them being ignored."""
    files: dict[str, Path] = {}
    for path in sorted(p for p in directory.iterdir() if p.suffix in EXTENSIONS and p.is_file()):
        name = path.stem + ".yaml"
        if name in files:
            problems.append(f"{path.name}:-:-: both {files[name].name} and {path.name} exist; keep only one")
            continue
        files[name] = path
    return files


class _SourceTable:
    """Resolves a fact's source references: a key of sources.yaml, or a URL (titled from there if listed)."""

    def __init__(self, spec: SourcesFileSpec | None) -> None:
        items = spec.sources.items() if spec else ()
        self._by_key = {key: Source(str(item.url), item.title) for key, item in items}
        self._by_url = {source.url: source for source in self._by_key.values()}

    def resolve(self, refs: Iterable[str], where: str, problems: list[str]) -> tuple[Source, ...]:
        resolved = []
        for ref in refs:
            source = self._by_key.get(ref) or self._by_url.get(ref)
            if source is None and ref.startswith(("https://", "http://")):
                source = Source(ref, urlsplit(ref).hostname or ref)
            if source is None:
                problems.append(f"{where}:sources: unknown source '{ref}' (not a key of {SOURCES_FILE}, not a URL)")
                continue
            resolved.append(source)
        return tuple(resolved)


M = TypeVar("M", bound=BaseModel)


def _parse(path: Path | None, name: str, model: type[M], list_field: str, problems: list[str]) -> M | None:
    if path is None:
        problems.append(f"{name}:-:-: file is missing")
        return None
    try:
        data = read_yaml(path)
    except YamlProblem as problem:
        where = f"line {problem.line}" if problem.line else "-"
        problems.append(f"{path.name}:{where}:-: {problem.message}")
        return None
    if data is None:
        problems.append(f"{path.name}:-:-: the file is empty; it needs '{list_field}:' with at least one item")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path.name}:-:-: expected '{list_field}:' at the top of the file")
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


def _fact(
    key: str,
    spec: FactSpec,
    sources: tuple[Source, ...],
    extra: Iterable[Variant] = (),
    attributes: tuple[str, ...] = (),
) -> Fact:
    return Fact(
        key=key,
        text=Localized(de=spec.de, en=spec.en),
        sources=sources,
        variants=(*extra, *_variants(spec.questions)),
        keywords=tuple(spec.keywords),
        attributes=attributes,
    )


def _gap(key: str, spec: GapSpec) -> Fact:
    return Fact(key, Localized(de=spec.de, en=spec.en), (), _variants(spec.questions), tuple(spec.keywords))


def _entry_from_spec(spec: EntrySpec, file: str, sources: _SourceTable, problems: list[str]) -> Entry:
    facts = tuple(
        _fact(f"{spec.id}#{number}", fact, sources.resolve(fact.sources, f"{file}:{spec.id}:facts.{number}", problems))
        for number, fact in enumerate(spec.facts, start=1)
    )
    return Entry(
        id=spec.id,
        category=spec.category,
        title=spec.title,
        facts=facts,
        variants=_variants(spec.questions) + tuple(_title_variants(spec.title)),
        scope=f"town:{spec.town}" if spec.town else None,
        origin=file,
        keywords=tuple(spec.keywords),
        gaps=tuple(_gap(f"{spec.id}!{n}", gap) for n, gap in enumerate(spec.gaps, start=1)),
    )


def _fill(text: str, **values: str) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _fill_localized(text: Localized, **values: str) -> Localized:
    return Localized(de=_fill(text.de, **values), en=_fill(text.en, **values) if text.en else None)


def _filled(questions: LocalizedTownTemplates, town: str) -> tuple[Variant, ...]:
    german = [Variant(_fill(t, town=town), "de", template=True) for t in questions.de]
    return (*german, *(Variant(_fill(t, town=town), "en", template=True) for t in questions.en))


def _town_with_urls(town: Town, sources: _SourceTable, problems: list[str]) -> Town:
    """The town with every fact's source references resolved to URLs, for cards that list them."""
    facts = [
        fact.model_copy(
            update={
                "sources": [s.url for s in sources.resolve(fact.sources, f"{TOWNS_FILE}:{town.id}:facts.{n}", problems)]
            }
        )
        for n, fact in enumerate(town.facts, start=1)
    ]
    return town.model_copy(update={"facts": facts})


def _town_entries(spec: TownsFileSpec, towns: Sequence[Town], sources: _SourceTable) -> list[Entry]:
    entries = []
    unknown: list[str] = []
    for town in towns:
        grouped: dict[str, list[Fact]] = {aspect: [] for aspect in TOWN_ASPECT_SUFFIXES}
        for number, fact in enumerate(town.facts, start=1):
            attributes = [spec.attributes[a] for a in fact.attr if a in spec.attributes]
            aspect: str = fact.aspect or (attributes[0].aspect if attributes else "profile")
            entry_id = f"stadt-{town.id}{TOWN_ASPECT_SUFFIXES[aspect]}"
            templates = tuple(v for attribute in attributes for v in _filled(attribute.questions, town.name))
            resolved = sources.resolve(fact.sources, "-", unknown)
            grouped[aspect].append(_fact(f"{entry_id}#{number}", fact, resolved, templates, tuple(fact.attr)))
        gaps = _town_gaps(spec, town, {aspect for aspect, facts in grouped.items() if facts})
        for aspect, suffix in TOWN_ASPECT_SUFFIXES.items():
            if not grouped[aspect]:
                continue
            templates_spec = getattr(spec.aspects, aspect)
            title = _fill_localized(templates_spec.title, town=town.name)
            entries.append(
                Entry(
                    id=f"stadt-{town.id}{suffix}",
                    category="kommunen",
                    title=title,
                    facts=tuple(grouped[aspect]),
                    variants=_filled(templates_spec.questions, town.name) + tuple(_title_variants(title)),
                    scope=f"town:{town.id}",
                    origin=TOWNS_FILE,
                    keywords=(town.name,),
                    gaps=tuple(gaps.get(aspect, ())),
                )
            )
    return entries


def _town_gaps(spec: TownsFileSpec, town: Town, present: set[str]) -> dict[str, list[Fact]]:
    """What the sources do not say about a town: its own listed gaps, and every attribute it has no fact for
    (asked by that attribute's templates). A gap lives in its aspect's entry, else in the profile."""
    gaps: dict[str, list[Fact]] = {"profile": [_gap(f"stadt-{town.id}!{n}", g) for n, g in enumerate(town.gaps, 1)]}
    covered = {name for fact in town.facts for name in fact.attr}
    for name, attribute in spec.attributes.items():
        if name in covered:
            continue
        home: str = attribute.aspect if attribute.aspect in present else "profile"
        text = Localized(de=gap_text(attribute.label, town.name, "de"), en=gap_text(attribute.label, town.name, "en"))
        variants = _filled(attribute.questions, town.name)
        gaps.setdefault(home, []).append(Fact(f"stadt-{town.id}!{name}", text, (), variants, (), (name,)))
    return gaps


def _attribute_problems(spec: TownsFileSpec) -> list[str]:
    return [
        f"{TOWNS_FILE}:{town.id}:facts.{number}.attr: unknown attribute '{name}' (not under 'attributes:')"
        for town in spec.towns
        for number, fact in enumerate(town.facts, start=1)
        for name in fact.attr
        if name not in spec.attributes
    ]


def _thesis_entries(spec: ThesesFileSpec, sources: _SourceTable, problems: list[str]) -> list[Entry]:
    entries = []
    for thesis in spec.theses:
        number = str(thesis.number)
        title = thesis_title(thesis.number, thesis.title)
        questions = LocalizedQuestions(
            de=[_fill(t, number=number) for t in spec.question_templates.de] + list(thesis.questions.de),
            en=[_fill(t, number=number) for t in spec.question_templates.en] + list(thesis.questions.en),
        )
        resolved = sources.resolve([str(url) for url in thesis.sources], f"{THESES_FILE}:{thesis.id}", problems)
        statement, grounds = thesis_facts(thesis)
        basis = spec.basis_questions
        basis_questions = LocalizedQuestions(
            de=[_fill(t, number=number) for t in basis.de] if basis else [],
            en=[_fill(t, number=number) for t in basis.en] if basis else [],
        )
        entries.append(
            Entry(
                id=thesis.id,
                category="thesen",
                title=title,
                facts=(
                    Fact(f"{thesis.id}#1", statement, resolved),
                    Fact(f"{thesis.id}#2", grounds, resolved, _variants(basis_questions)),
                ),
                variants=_variants(questions) + tuple(_title_variants(thesis.title)),
                scope=f"thesis:{thesis.id}",
                origin=THESES_FILE,
                note=spec.label,
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
    scopes += [Scope("place", f"{town.id}/{place}", place, (place,)) for town in towns for place in town.places]
    scopes += [
        Scope("thesis", thesis.id, thesis.title.de, tuple(t for t in (thesis.title.de, thesis.title.en) if t))
        for thesis in theses
    ]
    return tuple(scopes)
