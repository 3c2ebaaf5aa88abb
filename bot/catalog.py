"""Finding towns and theses by what a user types: autocomplete and free-text command options."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Thesis, Town
from bot.matching.normalize import normalize
from bot.texts import thesis_title

AUTOCOMPLETE_LIMIT = 25
_SUGGEST_CUTOFF = 75.0
_RESOLVE_CUTOFF = 80.0


def find_towns(knowledge: KnowledgeBase, typed: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Town]:
    """Towns whose name or alias fits what was typed so far ("gos", "Muehl", "Burgsteinfurt")."""
    towns = sorted(knowledge.towns, key=lambda town: town.name)
    labels = {town.id: normalize(" ".join((town.name, *town.aliases))) for town in towns}
    found = (knowledge.town(key) for key in _search(labels, typed, limit))
    return [town for town in found if town is not None]


def find_theses(knowledge: KnowledgeBase, typed: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Thesis]:
    """Theses by number or words of their title, in either language."""
    labels = {t.id: normalize(f"{t.number} {t.title.de} {t.title.en or ''}") for t in knowledge.theses}
    found = (knowledge.thesis(key) for key in _search(labels, typed, limit))
    return [thesis for thesis in found if thesis is not None]


def town_for(knowledge: KnowledgeBase, typed: str) -> Town | None:
    """The town an option value means: its id (from autocomplete), or a name or alias, typos allowed.

    Stricter than autocomplete: a value that merely shares letters ("Hamburg" ~ "Vienenburg") is no town.
    """
    names = {normalize(name): town.id for town in knowledge.towns for name in (town.id, town.name, *town.aliases)}
    key = _resolve(names, typed)
    return knowledge.town(key) if key else None


def thesis_for(knowledge: KnowledgeBase, typed: str) -> Thesis | None:
    """The thesis an option value means: its id, its number, or its title in either language, typos allowed."""
    names = {
        normalize(name): thesis.id
        for thesis in knowledge.theses
        for name in (thesis.id, str(thesis.number), thesis.title.de, thesis.title.en or "")
        if name
    }
    key = _resolve(names, typed)
    return knowledge.thesis(key) if key else None


def thesis_name(knowledge: KnowledgeBase, thesis_id: str, language: str) -> str:
    """ "These 2: …" for a thesis id; the bare id when the thesis was removed from the knowledge base since."""
    thesis = knowledge.thesis(thesis_id)
    return thesis_title(thesis.number, thesis.title).get(language) if thesis else thesis_id


def _resolve(names: dict[str, str], typed: str) -> str | None:
    query = normalize(typed)
    if query in names:
        return names[query]
    best = process.extractOne(query, list(names), scorer=fuzz.ratio, score_cutoff=_RESOLVE_CUTOFF)
    return names[best[0]] if best else None


def _search(labels: dict[str, str], typed: str, limit: int) -> list[str]:
    query = normalize(typed)
    if not query:
        return list(labels)[:limit]
    hits = process.extract(query, labels, scorer=fuzz.partial_ratio, score_cutoff=_SUGGEST_CUTOFF, limit=limit)
    return [key for _, _, key in hits]
