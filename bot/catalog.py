"""Finding towns and theses by what a user types: autocomplete and free-text command options."""

from __future__ import annotations

import re
from statistics import fmean

from rapidfuzz import fuzz, process

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Thesis, Town
from bot.matching.normalize import normalize
from bot.matching.scopes import ScopeDetector
from bot.matching.stopwords import STOPWORDS
from bot.texts import thesis_title

AUTOCOMPLETE_LIMIT = 25
_SUGGEST_CUTOFF = 75.0
_RESOLVE_CUTOFF = 80.0
_WORD_CUTOFF = 80.0
_MIN_PREFIX = 4
_TIE_MARGIN = 3.0
_THESIS_MENTION = re.compile(r"\bthese (\d{1,3})\b")
_THESIS_WORDS = frozenset({"these", "thesen", "thesis", "theses", "nr", "nummer", "number", "no"})


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
    """The one thesis a typed value means, or None when it means none or several (see :func:`match_theses`)."""
    found = match_theses(knowledge, typed)
    return found[0] if len(found) == 1 else None


def match_theses(knowledge: KnowledgeBase, typed: str) -> list[Thesis]:
    """The theses a person means by what they typed, best first.

    One thesis for a number ("4", "These 4", "vierte These", "thesis four"), an id, a title, or title words
    that fit only it ("Eigentümer", "Innenstadt", typos and inflections allowed); several when the words fit
    more than one equally well ("Integration"); none when nothing fits.
    """
    query = normalize(typed)
    if not query:
        return []
    rewritten = ScopeDetector.rewrite_thesis_mentions(query)
    mention = _THESIS_MENTION.search(rewritten)
    words = _meaningful_words(rewritten)
    if mention or (len(words) == 1 and words[0].isdigit()):
        wanted = int(mention.group(1) if mention else words[0])
        return [thesis for thesis in knowledge.theses if thesis.number == wanted]
    names = {
        normalize(name): thesis
        for thesis in knowledge.theses
        for name in (thesis.id, thesis.title.de, thesis.title.en or "")
    }
    if query in names:
        return [names[query]]
    return _by_title_words(knowledge, words)


def _meaningful_words(normalized: str) -> list[str]:
    return [word for word in normalized.split() if word not in STOPWORDS and word not in _THESIS_WORDS]


def _by_title_words(knowledge: KnowledgeBase, words: list[str]) -> list[Thesis]:
    words = [word for word in words if len(word) > 1]
    if not words:
        return []
    scored: list[tuple[float, Thesis]] = []
    for thesis in knowledge.theses:
        vocabulary = set(normalize(" ".join(_labels(thesis))).split())
        scores = [max(_word_score(word, known) for known in vocabulary) for word in words]
        if min(scores) >= _WORD_CUTOFF:
            scored.append((fmean(scores), thesis))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [thesis for score, thesis in sorted(scored, key=lambda item: -item[0]) if score >= best - _TIE_MARGIN]


def _labels(thesis: Thesis) -> list[str]:
    """What a thesis is called: its id, its titles and the short questions its editors gave it."""
    return [thesis.id, thesis.title.de, thesis.title.en or "", *thesis.questions.de, *thesis.questions.en]


def _word_score(typed: str, known: str) -> float:
    """A typed word fits a title word when it is a typo or inflection of it, or its beginning ("Koord")."""
    if len(typed) >= _MIN_PREFIX and known.startswith(typed):
        return 100.0
    return fuzz.ratio(typed, known)


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
