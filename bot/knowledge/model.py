"""The knowledge base as the rest of the bot sees it: entries made of facts, ready for matching and rendering."""

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
    template: bool = False  # filled in from a shared template (several facts may share it on purpose)


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    title: str


@dataclass(frozen=True, slots=True)
class Fact:
    """One short answer: the sentence(s) a reply starts with when this is what was asked."""

    key: str  # "<entry id>#<position>", stable while the entry's facts keep their order
    text: Localized
    sources: tuple[Source, ...]
    variants: tuple[Variant, ...] = ()  # its own questions and its attributes' filled-in templates
    keywords: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """A titled group of facts; the first fact is the lead, reached by the entry's own questions."""

    id: str
    category: str
    title: Localized
    facts: tuple[Fact, ...]
    variants: tuple[Variant, ...]
    scope: str | None = None
    origin: str = ""
    keywords: tuple[str, ...] = ()
    note: Localized | None = None  # shown with every answer from this entry (e.g. the theses' label)
    gaps: tuple[Fact, ...] = ()  # what the sources do not say about this topic; never shown as an answer

    @property
    def answer(self) -> Localized:
        """All facts in order: the entry as one text."""
        german = " ".join(fact.text.de for fact in self.facts)
        has_english = all(fact.text.en for fact in self.facts)
        english = " ".join(fact.text.get("en") for fact in self.facts) if has_english else None
        return Localized(de=german, en=english)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(dict.fromkeys(source for fact in self.facts for source in fact.sources))


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
