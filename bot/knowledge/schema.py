"""Pydantic schemas for the files in ``knowledge/``.

The schemas are strict (unknown fields are rejected) so that a curator's typo in a field name
is reported instead of silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    for value in values:
        key = value.casefold()
        if key in seen:
            raise ValueError(f"'{value}' is listed twice")
        seen.add(key)
    return values


def _has_placeholder(name: str) -> AfterValidator:
    def check(values: list[str]) -> list[str]:
        for value in values:
            if "{" + name + "}" not in value:
                raise ValueError(f"template '{value}' must contain {{{name}}}")
        return values

    return AfterValidator(check)


Sources = Annotated[list[HttpUrl], Field(min_length=1), AfterValidator(lambda v: _unique([str(u) for u in v]))]
Questions = Annotated[list[Question], AfterValidator(_unique)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """German text is mandatory; English is shown to English speakers where present."""

    de: Text
    en: Text | None = None

    def get(self, language: str) -> str:
        return self.en if language == "en" and self.en else self.de


class LocalizedQuestions(Strict):
    de: Questions = Field(default_factory=list)
    en: Questions = Field(default_factory=list)


SourceRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2)]
SourceRefs = Annotated[list[SourceRef], Field(min_length=1), AfterValidator(_unique)]
Aspect = Literal["profile", "population", "project", "diversity"]
ASPECTS: tuple[Aspect, ...] = ("profile", "population", "project", "diversity")


class FactSpec(Strict):
    """One short answer. ``sources`` are keys of ``sources.yaml`` (S1, S2, …) or URLs listed there."""

    de: Text
    en: Text | None = None
    sources: SourceRefs
    questions: LocalizedQuestions = Field(default_factory=LocalizedQuestions)
    keywords: Questions = Field(default_factory=list)


class GapSpec(Strict):
    """Something the sources do not say (the fact sheet's [?]), so that a question about it is declined
    honestly instead of being answered from a neighbouring fact."""

    de: Text
    en: Text | None = None
    questions: LocalizedQuestions = Field(default_factory=LocalizedQuestions)
    keywords: Questions = Field(default_factory=list)


class EntrySpec(Strict):
    id: Id
    category: Literal["projekt", "kommunen", "positionspapier", "veranstaltungen", "publikationen", "begriffe"]
    title: Localized
    questions: LocalizedQuestions = Field(default_factory=LocalizedQuestions)
    keywords: Questions = Field(default_factory=list)
    facts: list[FactSpec] = Field(min_length=1)
    gaps: list[GapSpec] = Field(default_factory=list)
    town: Id | None = None


class KnowledgeFileSpec(Strict):
    entries: list[EntrySpec] = Field(min_length=1)


class SourceSpec(Strict):
    url: HttpUrl
    title: Text


class SourcesFileSpec(Strict):
    sources: dict[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+$")], SourceSpec] = Field(min_length=1)


class PopulationSpec(Strict):
    value: Annotated[int, Field(gt=0)]
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    note: Text
    source: HttpUrl


TownTemplates = Annotated[list[Question], _has_placeholder("town"), AfterValidator(_unique)]


class LocalizedTownTemplates(Strict):
    de: TownTemplates = Field(min_length=1)
    en: TownTemplates = Field(default_factory=list)


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class TownFactSpec(FactSpec):
    """A town fact: ``attr`` names the attribute(s) whose shared templates reach it; ``aspect`` the entry it
    belongs to (by default the first attribute's aspect, else the profile)."""

    attr: Annotated[list[Id], BeforeValidator(_as_list)] = Field(default_factory=list)
    aspect: Aspect | None = None


class AspectTemplates(Strict):
    title: Localized
    questions: LocalizedTownTemplates


class AttributeTemplates(Strict):
    """``label`` names the attribute in a reply when a town has no fact for it ("Bürgermeister")."""

    aspect: Aspect
    label: Localized
    questions: LocalizedTownTemplates


class TownAspectsSpec(Strict):
    profile: AspectTemplates
    population: AspectTemplates
    project: AspectTemplates
    diversity: AspectTemplates


class TownProfile(Strict):
    """The joined facts of each aspect, as the town card shows them."""

    profile: Localized
    population: Localized
    project: Localized
    diversity: Localized


class Town(Strict):
    id: Id
    name: Text
    aliases: Questions = Field(default_factory=list)
    places: Questions = Field(default_factory=list)  # parts of the town: a question naming one needs it stated
    state: Text
    district: Text
    region: Literal["west", "ost"]
    population: list[PopulationSpec] = Field(min_length=1)
    facts: list[TownFactSpec] = Field(min_length=1)
    gaps: list[GapSpec] = Field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Every source of the town's facts, in first-cited order (the loader has resolved them to URLs)."""
        return list(dict.fromkeys(source for fact in self.facts for source in fact.sources))

    @property
    def aspects(self) -> TownProfile:
        def joined(aspect: str) -> Localized:
            facts = [f for f in self.facts if (f.aspect or "profile") == aspect] or self.facts[:1]
            german = " ".join(f.de for f in facts)
            english = " ".join(f.en or f.de for f in facts)
            return Localized(de=german, en=english)

        return TownProfile(
            profile=joined("profile"),
            population=joined("population"),
            project=joined("project"),
            diversity=joined("diversity"),
        )


class TownsFileSpec(Strict):
    aspects: TownAspectsSpec
    attributes: dict[Id, AttributeTemplates] = Field(min_length=1)
    towns: list[Town] = Field(min_length=1)


ThesisTemplates = Annotated[list[Question], _has_placeholder("number"), AfterValidator(_unique)]


class LocalizedThesisTemplates(Strict):
    de: ThesisTemplates = Field(min_length=1)
    en: ThesisTemplates = Field(default_factory=list)


class Thesis(Strict):
    id: Id
    number: Annotated[int, Field(ge=1, le=99)]
    title: Localized
    statement: Localized
    basis: Localized
    questions: LocalizedQuestions = Field(default_factory=LocalizedQuestions)
    sources: Sources


class ThesesFileSpec(Strict):
    label: Localized
    question_templates: LocalizedThesisTemplates
    basis_questions: LocalizedThesisTemplates | None = None  # reach the finding a thesis rests on
    theses: list[Thesis] = Field(min_length=1)


SynonymWord = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, pattern=r"^\S+$")]


class SynonymsFileSpec(Strict):
    groups: list[Annotated[list[SynonymWord], Field(min_length=2)]] = Field(min_length=1)
