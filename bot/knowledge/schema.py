"""Pydantic schemas for the files in ``knowledge/``.

The schemas are strict (unknown fields are rejected) so that a curator's typo in a field name
is reported instead of silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

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


class EntrySpec(Strict):
    id: Id
    category: Literal["projekt", "kommunen", "positionspapier", "veranstaltungen", "publikationen", "begriffe"]
    title: Localized
    questions: LocalizedQuestions
    keywords: Questions = Field(default_factory=list)
    answer: Localized
    sources: Sources
    town: Id | None = None


class KnowledgeFileSpec(Strict):
    entries: list[EntrySpec] = Field(min_length=1)


class PopulationSpec(Strict):
    value: Annotated[int, Field(gt=0)]
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    note: Text
    source: HttpUrl


class TownAspects(Strict):
    profile: Localized
    population: Localized
    project: Localized
    diversity: Localized


TownTemplates = Annotated[list[Question], _has_placeholder("town"), AfterValidator(_unique)]


class LocalizedTownTemplates(Strict):
    de: TownTemplates = Field(min_length=1)
    en: TownTemplates = Field(default_factory=list)


class TownQuestions(Strict):
    de: Questions = Field(default_factory=list)
    en: Questions = Field(default_factory=list)


class TownExtraQuestions(Strict):
    """Town-specific phrasings that need not name the town ("Welche Stadt ist UNESCO-Welterbe?")."""

    profile: TownQuestions = Field(default_factory=TownQuestions)
    population: TownQuestions = Field(default_factory=TownQuestions)
    project: TownQuestions = Field(default_factory=TownQuestions)
    diversity: TownQuestions = Field(default_factory=TownQuestions)


class Town(Strict):
    id: Id
    name: Text
    aliases: Questions = Field(default_factory=list)
    state: Text
    district: Text
    region: Literal["west", "ost"]
    population: list[PopulationSpec] = Field(min_length=1)
    aspects: TownAspects
    extra_questions: TownExtraQuestions = Field(default_factory=TownExtraQuestions)
    sources: Sources


class AspectTemplates(Strict):
    title: Localized
    questions: LocalizedTownTemplates


class TownTemplatesSpec(Strict):
    profile: AspectTemplates
    population: AspectTemplates
    project: AspectTemplates
    diversity: AspectTemplates


class TownsFileSpec(Strict):
    templates: TownTemplatesSpec
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
    theses: list[Thesis] = Field(min_length=1)


SynonymWord = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, pattern=r"^\S+$")]


class SynonymsFileSpec(Strict):
    groups: list[Annotated[list[SynonymWord], Field(min_length=2)]] = Field(min_length=1)
