"""The knowledge base as the rest of the bot sees it: entries ready for matching and rendering."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.schema import Localized, Thesis, Town


@dataclass(frozen=True, slots=True)
class Scope:
    """Something a question can name that narrows which entries fit: a town or a thesis."""

    kind: str
    key: str
    label: str
    aliases: tuple[str, ...]

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.key}"


@dataclass(frozen=True, slots=True)
class Variant:
    text: str
    language: str


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    category: str
    title: Localized
    answer: Localized
    sources: tuple[str, ...]
    variants: tuple[Variant, ...]
    scope: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    towns: tuple[Town, ...]
    theses: tuple[Thesis, ...]  # in thesis number order, as the loader sorts them
    thesis_label: Localized
    scopes: tuple[Scope, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    by_id: dict[str, Entry] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {entry.id: entry for entry in self.entries})

    def entry(self, entry_id: str) -> Entry:
        return self.by_id[entry_id]

    def town(self, town_id: str) -> Town | None:
        return next((town for town in self.towns if town.id == town_id), None)

    def thesis(self, thesis_id: str) -> Thesis | None:
        return next((thesis for thesis in self.theses if thesis.id == thesis_id), None)
