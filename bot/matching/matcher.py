"""Finds the fact that answers a question, or decides honestly that none does.

Every fact is indexed as a document of the words its sentence (German and English), its questions, its
attributes' question templates, its keywords and its entry's title and keywords use. A question is read as
topic words (stems, synonyms, compound heads, typo repair and dictionary forms from
:mod:`bot.matching.vocabulary` and :mod:`bot.matching.normalize`), named towns, places and theses, ordinals, the
kind of answer it wants (a date, a number) and the numbers it names; words said only around the question
("Für unsere Sitzungsvorlage: …") weigh less. A named town or place weighs like a word of its specificity.

Ranking: an inverted index over the words gives every fact the specificity-weighted share of the question it
speaks to (its coverage). The best-covered facts are then scored in detail: coverage, blended with how well
the question fits the fact's own questions or, once at least two things meet, its own sentence; lowered when
the fact cannot give the kind of answer asked for, lacks a number the question names or names another
ordinal. Entity routing comes first: a question naming a town is answered only from that town's facts or
from facts that mention it, one naming a part of a town ("Jürgenohl") only from facts that mention that part.

Gaps (what the sources do not say, written in ``knowledge/`` or derived from a town attribute without a fact)
are indexed like facts but never given as answers: when a gap matches best, or speaks to what the best fact
leaves out of the question, the question is declined with that gap. A fact that leaves out a word carrying
40 % of the question is no confident answer either.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.model import Entry, Fact, KnowledgeBase, Variant
from bot.matching.aspects import (
    ASPECT_WORDS,
    CURRENT_WORDS,
    MONTHS,
    NUMBER_WORDS,
    Aspect,
    answer_aspects,
    gap_aspects,
    mark_ordinals,
    numbers_in,
    on_site,
    ordinal_word,
    ordinals_in,
    question_aspects,
)
from bot.matching.normalize import FOLD_UMLAUTS, guess_language, lemma, normalize, stems
from bot.matching.scopes import ScopeDetector
from bot.matching.smalltalk import without_salutation
from bot.matching.stopwords import STOPWORDS
from bot.matching.thresholds import Thresholds
from bot.matching.vocabulary import Spelling, Term, Vocabulary

__all__ = ["Candidate", "IndexedVariant", "MatchResult", "Matcher", "Status", "Thresholds"]

Status = Literal["answer", "suggest", "unknown"]

MAX_SUGGESTIONS = 3
DETAILED = 40
MISMATCH = 0.4
GAP_FIT = 0.6  # a gap known only by its words counts them as a weaker match than a fact's own question
# A gap takes over from the best fact when that fact leaves out at least MISSING_SHARE of the question's
# weight, the gap speaks to GAP_TAKES_OVER of what was left out, and to GAP_SAME_TOPIC of what the fact covers.
MISSING_SHARE = 0.15
HALF = 0.5
GAP_TAKES_OVER = 0.6
GAP_SAME_TOPIC = 0.6
GAP_OUTWEIGHS = 2.0
GAP_WHOLE = 0.5  # ... and to this share of the question's weight the fact covers, counting what it left out
GAP_SAME_ASPECT = 0.8  # a gap naming the kind of answer asked for ("das Datum") takes over this close to the fact
POSTING_BUDGET = 4000  # posting entries read per question before the rarest words' facts are ranked
CANDIDATES = 120  # facts whose coverage is counted exactly
ELIGIBILITY_KEPT = 512  # combinations of named towns, places and thesis whose eligible facts are remembered
ASKED_BONUS = 0.5  # a word of a fact's own questions counts this much extra when picking candidates
KEPT = 4  # facts scored in detail at least; more only while they could still come within reach of the best
ELSEWHERE = 0.9  # a fact that only mentions the named town ranks below the town's own facts
KEY_SHARE = 0.4  # a question word of this share of the question's weight must be met by the answering fact
OTHER_KIND = 0.98  # a fact's question asking another kind of answer ("Seit wann …?" for "Welche …?") fits less
MIN_LEMMA_LENGTH = 4  # shorter unknown words are typos or names more often than inflections ("wan" is no "want")
CONTEXT = 0.3  # the weight of a word said only around the question, not in the asking part of it
CONTEXT_SHARE = 0.35  # ... and of all of them together at most this share of the asking part's weight
TEXT_FIT = 0.45  # how much a fact's own sentence speaking to the question counts like a fitting question
PAIR_BONUS = 0.08  # per pair of question words also side by side in the fact's sentence or its own questions
MAX_RAISE = 1 + 2 * PAIR_BONUS
# A fact of the town the question names needs this much less: routing already made it relevant, and the town's
# gaps (every attribute it has no fact for) catch what the sources do not say about it.
NAMED_TOWN_EASE = 10.0
_NAMED = ("town:", "place:")
_HOW = frozenset(("wie", "how"))
_MONTH_STEMS = frozenset(stems(sorted(MONTHS)))
_COUNT_STEMS = frozenset(stems(sorted(NUMBER_WORDS | {"beide", "beiden", "both"})))
_MEASURES = frozenset("gross hoch lang lange weit viele viel oft big far long high large many much often".split())
# Words that ask for an overview of whatever the question names, not for one fact about it ...
_OVERVIEW_WORDS = (
    "erzaehl erzaehle erzaehlen ueberblick uebersicht vorstellen vorstellung portraet steckbrief profil kurzprofil "
    "info infos information informationen allgemein allgemeines wissenswertes beschreibung beschreiben "
    "zusammenfassung zusammenfassen kurz knapp tell overview profile introduce introduction summary summarise "
    "summarize describe description short brief general"
).split()
# ... and words that may stand beside them without asking for anything in particular ("a short profile of
# Michelstadt as a participating town", "Erzähl mal was über Weißenfels, ich schreibe einen Artikel").
_REQUEST_WORDS = (
    "gib geben give provide schreibe schreibt schreiben gerade artikel newsletter pressestelle presse bericht write "
    "writing article stadt town kommune municipality projektkommune projekt project teilnehmend teilnehmende "
    "participating"
).split()
_MANY = frozenset("viele vielen many much".split())
_MANY_WORDS = frozenset("wieviele wievielen".split())
_SEPARABLE = {
    "teil": (frozenset("nahm nahmen nimmt nehmen nehme nimmst nahmst".split()), "teilnehmen"),
    "zusammen": (frozenset("fass fasse fasst fassen".split()), "zusammenfassen"),
}
_TAKE_PART = frozenset("take takes took taking taken".split())  # ... "part" right after it is "participate"
_QUESTION_WORDS = frozenset("wer wann wo warum wieso weshalb who when where why what which how".split())
_SEGMENT = re.compile(
    r"(?<=[!?;:])\s+|(?<=[^\W\d]{4}\.)\s+|\s+[–—-]\s+"
    r"|,\s+(?=(?:wer|was|wann|wo|wie|welche[rsnm]?|warum|who|what|when|where|which|why|how)\b)",
    re.IGNORECASE,
)
_ASKING = frozenset(
    """
    wer wen wem wessen was wann wo woher wohin wie wieso warum weshalb welche welcher welches welchen welchem
    wieviel wieviele womit worum wozu woran worauf wodurch wovon who whom whose what when where which why how
    erzaehl erzaehle nenn nenne sag sage zeig zeige gib erklaer erklaere beschreib beschreibe tell give name list
    describe explain show
    """.split()
)
_TAGS = frozenset("oder gell ne nicht right correct richtig stimmt".split())
_WORD = re.compile(r"[^\W\d_][\w-]*")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")
_ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,}\b")
_PAPER_WORDS = frozenset(
    "positionspapier positionspapiers papier papiers paper schlaglicht schlaglichter spotlight spotlights".split()
)


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    score: float
    fact: Fact | None = None


@dataclass(frozen=True, slots=True)
class MatchResult:
    status: Status
    candidates: tuple[Candidate, ...]
    language: str
    subject: str | None = None  # the town or place the question named, when it is not answered
    language_known: bool = False  # whether ``language`` was read from the question or is the default
    gap: Fact | None = None  # what the sources do not say, when that is what the question asks

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass(frozen=True, slots=True)
class IndexedVariant:
    text: str
    key: str
    scopes: frozenset[str]
    entry: Entry
    fact: Fact
    template: bool = False


@dataclass(frozen=True, slots=True)
class _Analysis:
    normalized: str
    tokens: tuple[str, ...]
    words: tuple[str, ...]
    refs: frozenset[str]
    language: str | None


@dataclass(frozen=True)
class _Query:
    terms: tuple[Term, ...]
    towns: frozenset[str]
    places: frozenset[str]
    thesis: str | None
    aspects: frozenset[Aspect]
    numbers: frozenset[str]
    language: str | None
    pairs: frozenset[tuple[str, str]] = frozenset()
    named: tuple[tuple[str, float], ...] = ()  # the towns and places it names, each weighed like a word
    ordinals: frozenset[str] = frozenset()  # "das dritte Treffen" names "3", "erste Ergebnisse" names nothing
    tokens: tuple[str, ...] = ()  # every normalised word as written, stopwords included
    about_paper: bool = False  # names the position paper, whose theses are not the numbered discussion theses
    counted: frozenset[str] = frozenset()  # what "wie viele …"/"how many …" asks to count ("wie viele *Einwohner*")
    # Derived once from the fields above (``dataclasses.replace`` derives them anew):
    total: float = dataclasses.field(init=False, compare=False)
    forms: dict[str, tuple[tuple[int, float], ...]] = dataclasses.field(init=False, repr=False, compare=False)
    """Every indexed word a question term may be met by, with the term's position and credit."""
    form_set: frozenset[str] = dataclasses.field(init=False, repr=False, compare=False)
    weighted: dict[str, tuple[tuple[int, float, bool], ...]] = dataclasses.field(init=False, repr=False, compare=False)
    """Per indexed word: each term it meets, the weight it earns there (a compound's part its share of the
    compound's credit) and whether the term is a compound read as parts."""
    named_towns: frozenset[str] = dataclasses.field(init=False, repr=False, compare=False)
    """The named towns and places, and the towns of the named places."""
    _coverage: dict[frozenset[str], float] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _specificity: dict[frozenset[str], float] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        found: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
        for position, term in enumerate(self.terms):
            for form, credit in term.forms:
                found[form].append((position, credit))
        forms = {form: tuple(places) for form, places in found.items()}
        terms = self.terms
        weighted = {
            form: tuple(
                (position, terms[position].earns(credit), terms[position].together) for position, credit in places
            )
            for form, places in forms.items()
        }
        derived = {
            "total": sum(term.weight for term in self.terms) + sum(weight for _, weight in self.named),
            "forms": forms,
            "form_set": frozenset(forms),
            "weighted": weighted,
            "named_towns": self.towns | self.places | {_town_of(ref) for ref in self.places},
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def named_in(self, mentions: frozenset[str]) -> float:
        """The weight of the named towns and places that ``mentions`` include."""
        if not self.named:
            return 0.0
        return sum(weight for ref, weight in self.named if ref in mentions)

    def terms_met(self, met: frozenset[str]) -> int:
        """How many question terms the forms ``met`` (from :meth:`covered`) meet with at least half a credit."""
        return len({position for form in met for position, credit in self.forms[form] if credit >= HALF})

    def covered(self, words: frozenset[str]) -> tuple[float, frozenset[str]]:
        """The weight of the question terms that ``words`` meet (a compound read as parts in proportion to
        the parts met), and which of ``words`` met them. Set intersection and one weighing per distinct set of met
        words keep this cheap: many facts meet the same few question words."""
        met = words.intersection(self.form_set)
        return (self.weight_met(met) if met else 0.0), met

    def specificity_of(self, matched: frozenset[str], weigh: Callable[[str], float]) -> float:
        """The summed specificity of question words a fact's question shares, summed once per distinct set."""
        found = self._specificity.get(matched)
        if found is None:
            found = self._specificity[matched] = sum(map(weigh, matched))
        return found

    def weight_met(self, met: frozenset[str]) -> float:
        """The weight of the question terms the forms ``met`` meet, weighed once per distinct set."""
        weight = self._coverage.get(met)
        if weight is None:
            weight = self._coverage[met] = self._weigh(met)
        return weight

    def _weigh(self, met: frozenset[str]) -> float:
        table = self.weighted
        if len(met) == 1:
            entries = table[next(iter(met))]
            if len(entries) == 1:
                return entries[0][1]
        values: dict[int, float] = {}
        for form in met:
            for position, value, together in table[form]:
                if together:
                    values[position] = values.get(position, 0.0) + value
                elif value > values.get(position, 0.0):
                    values[position] = value
        return sum(values.values())


class Matcher:
    def __init__(self, knowledge: KnowledgeBase, thresholds: Thresholds | None = None) -> None:
        self.knowledge = knowledge
        self.thresholds = thresholds or Thresholds()
        self._detector = ScopeDetector(knowledge)
        self._surface_synonyms, self._synonyms = _synonym_maps(knowledge.synonyms)
        self._labels = {scope.ref: scope.label for scope in knowledge.scopes}
        self._overview = frozenset(stems(_OVERVIEW_WORDS))
        request = [*_OVERVIEW_WORDS, *_REQUEST_WORDS]
        self._overview_only = frozenset(map(self._canonical, request, stems(request))) | frozenset(stems(request))
        self._overview_terms = frozenset(map(self._canonical, _OVERVIEW_WORDS, stems(_OVERVIEW_WORDS))) | self._overview
        self._facts: list[Fact] = []
        self._entry_of: list[Entry] = []
        self._variant_texts: list[list[Variant]] = []
        self._variant_words: list[list[frozenset[str]]] = []
        self._variant_keys: list[list[tuple[str, frozenset[str]]]] = []  # sorted words and scopes, for the lint
        self._variant_aspects: list[list[frozenset[Aspect]]] = []  # the kinds of answer each variant asks for
        self._mentions: list[frozenset[str]] = []
        self._text_mentions: list[frozenset[str]] = []
        self._variant_towns: list[list[frozenset[str]]] = []
        self._pairs: list[frozenset[tuple[str, str]]] = []
        surface: set[str] = set()
        raw_documents: list[set[str]] = []
        raw_texts: list[frozenset[str]] = []
        self._is_gap: list[bool] = []
        for entry in knowledge.entries:
            shared = self._words_of([entry.title.de, entry.title.get("en"), *entry.keywords])
            for position, fact in enumerate((*entry.facts, *entry.gaps)):
                self._is_gap.append(position >= len(entry.facts))
                variants = list(fact.variants) + (list(entry.variants) if position == 0 else [])
                analyses = [self._analyse(v.text) for v in variants]
                texts = [fact.text.de, fact.text.get("en"), *fact.keywords]
                own = [self._analyse(text) for text in texts]
                document = set() if self._is_gap[-1] else set(shared)
                mentions = {entry.scope} if entry.scope else set()
                for analysis in (*own, *analyses):
                    document.update(analysis.words)
                    mentions.update(analysis.refs)
                self._text_mentions.append(frozenset(ref for a in own for ref in a.refs))
                raw_texts.append(frozenset(word for a in own for word in a.words))
                self._variant_towns.append([frozenset(r for r in a.refs if r.startswith(_NAMED)) for a in analyses])
                own_questions = analyses[: len(fact.variants)]  # not the entry's, which its lead fact inherits
                self._pairs.append(
                    frozenset(p for a in (*own, *own_questions) for p in zip(a.words, a.words[1:], strict=False))
                )
                surface.update(token for a in (*own, *analyses) for token in a.tokens)
                self._facts.append(fact)
                self._entry_of.append(entry)
                self._variant_texts.append(variants)
                self._variant_words.append([frozenset(a.words) for a in analyses])
                self._variant_keys.append([(" ".join(sorted(a.words)), a.refs) for a in analyses])
                self._variant_aspects.append([question_aspects(a.normalized) for a in analyses])
                self._mentions.append(frozenset(mentions))
                raw_documents.append(document)
        synonyms = {normalize(word) for group in knowledge.synonyms for word in group}
        self._spelling = Spelling(surface | synonyms, STOPWORDS)
        self._vocabulary = Vocabulary(frozenset(d) for d in raw_documents)
        self._documents = [
            frozenset(d | {part for word in d for part in self._vocabulary.parts(word)}) for d in raw_documents
        ]
        self._texts = [frozenset(d | {part for word in d for part in self._vocabulary.parts(word)}) for d in raw_texts]
        by_entry: defaultdict[str, set[str]] = defaultdict(set)
        for index, mentioned in enumerate(self._mentions):
            if not self._is_gap[index]:
                by_entry[self._entry_of[index].id].update(mentioned)
        self._mentions = [
            frozenset(by_entry[self._entry_of[i].id] | m) if gap else m
            for i, (m, gap) in enumerate(zip(self._mentions, self._is_gap, strict=True))
        ]
        self._by_mention: defaultdict[str, list[int]] = defaultdict(list)
        for index, mentioned in enumerate(self._mentions):
            for ref in mentioned:
                self._by_mention[ref].append(index)
        self._shortest_asking: list[dict[str, int]] = []
        for asked_sets in self._variant_words:
            shortest: dict[str, int] = {}
            for words in asked_sets:
                for word in words:
                    shortest[word] = min(shortest.get(word, 99), len(words))
            self._shortest_asking.append(shortest)
        self._postings: defaultdict[str, list[int]] = defaultdict(list)
        for index, indexed in enumerate(self._documents):
            for word in indexed:
                self._postings[word].append(index)
        self._asked_words = [frozenset().union(*variants) for variants in self._variant_words]
        self._asked: defaultdict[str, list[int]] = defaultdict(list)  # words of the facts' own questions
        for index, asked in enumerate(self._asked_words):
            for word in asked:
                self._asked[word].append(index)
        self._variant_weight = [
            [sum(self._vocabulary.weight(w) for w in words) or 1.0 for words in variants]
            for variants in self._variant_words
        ]
        self._asking = [
            tuple(zip(words, weights, towns, aspects, strict=True))
            for words, weights, towns, aspects in zip(
                self._variant_words, self._variant_weight, self._variant_towns, self._variant_aspects, strict=True
            )
        ]
        self._asking_unnamed = [tuple(fit for fit in fits if not fit[2]) for fits in self._asking]
        self._ordinals = [_ordinals(f) for f in self._facts]
        self._thesis_scoped = [bool(e.scope and e.scope.startswith("thesis:")) for e in self._entry_of]
        self._numbers = [
            numbers_in(f"{f.text.de} {f.text.get('en')}") | o for f, o in zip(self._facts, self._ordinals, strict=True)
        ]
        lower_case = frozenset(_fold(w) for f in self._facts for w in _WORD.findall(f.text.en or "") if w.islower())
        self._answers = [
            answer_aspects(
                f"{f.text.de} {f.text.get('en')}",
                f.text.en or "",
                _names_place(mentions),
                _names_someone(f, lower_case),
            )
            for f, mentions in zip(self._facts, self._text_mentions, strict=True)
        ]
        self._missing = [
            gap_aspects(f"{f.text.de} {f.text.get('en')}") if gap else frozenset()
            for f, gap in zip(self._facts, self._is_gap, strict=True)
        ]
        facts = len(self._facts)
        self._named_weight = {
            ref: math.log((facts + 1) / (len(indices) + 1)) + 1
            for ref, indices in self._by_mention.items()
            if ref.startswith(_NAMED)
        }
        self._open_gaps = frozenset(
            index
            for index, gap in enumerate(self._is_gap)
            if gap and not self._entry_of[index].scope and not _names_place(self._text_mentions[index])
        )
        self._eligible_by_names: dict[tuple[frozenset[str], frozenset[str], str | None], list[bool]] = {}
        self._eligibility(_Query((), frozenset(), frozenset(), None, frozenset(), frozenset(), None))
        self._leads = {scope: self._lead_of(scope) for scope in {e.scope for e in knowledge.entries if e.scope}}

    @property
    def variant_count(self) -> int:
        return sum(len(variants) for variants in self._variant_texts)

    @property
    def fact_count(self) -> int:
        return len(self._is_gap) - sum(self._is_gap)

    def indexed_variants(self) -> list[IndexedVariant]:
        """Every question variant with the words and scopes the matcher derived from it, and the fact it reaches."""
        return [
            IndexedVariant(variant.text, key, scopes, self._entry_of[index], self._facts[index], variant.template)
            for index, variants in enumerate(self._variant_texts)
            for variant, (key, scopes) in zip(variants, self._variant_keys[index], strict=True)
        ]

    def topic_words(self, question: str) -> tuple[str, ...]:
        """The question's topic words as the matcher reads them, named towns included by their reference."""
        analysis = self._analyse(without_salutation(question), repair=True)
        return (*dict.fromkeys(analysis.words), *sorted(analysis.refs))

    def match(self, question: str) -> MatchResult:
        return self._match(self._query(question))

    def _match(self, query: _Query) -> MatchResult:
        language, known = query.language or "de", query.language is not None
        if not query.terms and not (query.towns or query.places or query.thesis):
            return MatchResult("unknown", (), language, language_known=known)
        ranked, gaps = self._rank(query)
        candidates = self._candidates(ranked)
        subject = self._subject(query)
        gap_index = self._gap_asked(ranked, gaps, query)
        if gap_index is not None:
            entry, score = self._entry_of[gap_index], min(100.0, ranked[0][0])
            about = (Candidate(entry, score, entry.facts[0]), *(c for c in candidates if c.entry != entry))
            return MatchResult("suggest", about[:MAX_SUGGESTIONS], language, subject, known, self._facts[gap_index])
        status = self._decide(ranked, query)
        if (
            status != "answer"
            and len(query.towns) + bool(query.thesis) == 1
            and query.terms
            and self._asks_overview(query)
        ):
            return self._match(dataclasses.replace(query, terms=()))  # as if it only named the town or thesis
        topic = self._without_overview_words(query) if status != "answer" else None
        if topic is not None:  # "Ueberblick ueber die Netzwerktreffen": asked again about the topic alone
            retry = self._match(dataclasses.replace(query, terms=topic))
            if retry.status == "answer":
                return retry
        if status != "answer" and subject:
            candidates = self._about(query, candidates)
            return MatchResult("suggest" if candidates else "unknown", candidates, language, subject, known)
        if status == "suggest":
            candidates = self._shortlist(candidates)
        return MatchResult(status, candidates, language, language_known=known)

    def _without_overview_words(self, query: _Query) -> tuple[Term, ...] | None:
        """The question's terms without the words asking for an overview or summary, when it has both ("Kannst
        du mir das Positionspapier kurz zusammenfassen?" asks about the position paper); else None."""
        if not self._names_overview(query):
            return None
        topic = tuple(term for term in query.terms if term.word not in self._overview_terms)
        return topic if topic and len(topic) < len(query.terms) else None

    def _asks_overview(self, query: _Query) -> bool:
        """Whether the question asks for an overview and nothing in particular ("Erzähl mal was über Weißenfels",
        "a short profile of …"; not "Erzähl mir etwas über die Schulen in Weißenfels")."""
        return all(term.word in self._overview_only for term in query.terms) and self._names_overview(query)

    def _names_overview(self, query: _Query) -> bool:
        """Whether a word of the question asks for an overview or a summary ("Überblick", "zusammenfassen")."""
        return not self._overview.isdisjoint(stems(list(query.tokens)))

    def _shortlist(self, candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """Up to three "did you mean" choices, close to the best one."""
        floor = max(self.thresholds.suggest, candidates[0].score - self.thresholds.suggest_window)
        return tuple(c for c in candidates if c.score >= floor)[:MAX_SUGGESTIONS] or candidates[:1]

    # -- reading text -------------------------------------------------------------------------------------

    def _analyse(self, text: str, *, repair: bool = False) -> _Analysis:
        normalized = self._detector.rewrite_thesis_mentions(normalize(mark_ordinals(text)))
        tokens = _joined_particles(normalized.split())
        named = self._detector.detect(normalized, tokens)
        if repair:
            tokens = [token if token in named else self._spelling.repair(token) for token in tokens]
        acronyms = {_fold(word) for word in _ACRONYM.findall(text)}
        measures = (
            {token for token, before in zip(tokens[1:], tokens, strict=False) if before in _HOW}
            if _HOW.intersection(tokens)
            else frozenset()
        )
        topic = [
            token
            for token, before in zip(tokens, ["", *tokens], strict=False)
            if (token in acronyms or (token not in STOPWORDS and (len(token) > 1 or token.isdigit())))
            and (token not in named or self._detector.is_alias(token))
            and token not in _QUESTION_WORDS
            and token not in CURRENT_WORDS
            and (token not in ASPECT_WORDS or on_site(before, token))
            and not (token in _MEASURES and token in measures)
        ]
        words = tuple(self._canonical(token, stem) for token, stem in zip(topic, stems(topic), strict=True))
        if repair:
            words = tuple(self._known_form(token, word) for token, word in zip(topic, words, strict=True))
        return _Analysis(normalized, tuple(tokens), words, frozenset(named.values()), guess_language(tokens))

    def _known_form(self, token: str, word: str) -> str:
        """A question word the knowledge base does not use, read by its dictionary form when the knowledge base
        uses that one ("gedauert" → "dauer", "located" → "locate")."""
        if word in self._vocabulary or token.isdigit() or len(token) < MIN_LEMMA_LENGTH:
            return word
        found = lemma(token)
        if found == token:
            return word
        canonical = self._canonical(found, stems([found])[0])
        return canonical if canonical in self._vocabulary else word

    def _canonical(self, token: str, stem: str) -> str:
        """An ordinal as its number ("dritte" → "3", as in "das 3. Treffen"), a listed synonym by its spelling
        ("smallest" → "kleinste"), else the stem or its synonym."""
        marked = ordinal_word(token)
        if marked:
            return marked
        if token in self._surface_synonyms:
            return self._surface_synonyms[token]
        return self._synonyms.get(stem, stem)

    def _words_of(self, texts: list[str]) -> set[str]:
        return {word for text in texts if text for word in self._analyse(text).words}

    def _context(self, question: str) -> tuple[frozenset[str], str] | None:
        """The words only said around the question ("Für unsere Sitzungsvorlage: Wer war Träger?", "…, oder?
        Wo genau?") and the text of the asking parts; None when the question is all asking."""
        segments = [segment for segment in _SEGMENT.split(question) if segment.strip()]
        if len(segments) < 2:
            return None
        asking: list[str] = []
        around: list[str] = []
        for segment in segments:
            (asking if _asks(segment, normalize(segment)) else around).append(segment)
        asked = {word for text in asking for word in self._analyse(text, repair=True).words}
        if not asked or not around:
            return None
        said = {word for text in around for word in self._analyse(text, repair=True).words}
        return frozenset(said - asked), " ".join(asking)

    def _query(self, question: str) -> _Query:
        question = without_salutation(question)
        analysis = self._analyse(question, repair=True)
        words = list(dict.fromkeys(analysis.words))
        context = self._context(question)
        written = _WORD.findall(question)[1:]
        inner = [_fold(word) for word in written if word[:1].isupper()]
        capitalised = set(stems([token for token in inner if token]))
        cased = analysis.language != "en" and bool(inner) and any(word[:1].islower() for word in written)
        lower = set(stems([_fold(word) for word in written if word[:1].islower()])) if cased else set()
        about_paper = bool(_PAPER_WORDS.intersection(analysis.normalized.split()))
        theses = [ref for ref in analysis.refs if ref.startswith("thesis:")]
        thesis = theses[0] if theses and not about_paper else None
        asked = context[1] if context else question
        numbers = numbers_in(asked)
        ordinals = ordinals_in((normalize(mark_ordinals(asked)) if context else analysis.normalized).split())
        if thesis:
            words = [w for w in words if w not in {"these", "thesis"} and not w.isdigit()]
            numbers = frozenset()
        terms = [  # a count ("zwischen welchen zwei Städten") shapes the answer, it is not its topic
            self._vocabulary.term(word, named=word in capitalised, minor=word in lower or word in _COUNT_STEMS)
            for word in words
        ]
        if context:
            terms = _weigh_context(terms, context[0])
        return _Query(
            terms=tuple(terms),
            towns=frozenset(ref for ref in analysis.refs if ref.startswith("town:")),
            places=frozenset(ref for ref in analysis.refs if ref.startswith("place:")),
            thesis=thesis,
            aspects=question_aspects(analysis.normalized),
            numbers=numbers,
            ordinals=ordinals,
            language=analysis.language,
            pairs=frozenset(zip(analysis.words, analysis.words[1:], strict=False)),
            named=tuple((ref, self._named_weight[ref]) for ref in sorted(analysis.refs) if ref in self._named_weight),
            tokens=analysis.tokens,
            about_paper=about_paper,
            counted=self._counted(analysis.tokens, frozenset(words)),
        )

    def _counted(self, tokens: tuple[str, ...], words: frozenset[str]) -> frozenset[str]:
        """The topic word right after "wie viele"/"how many": what the question asks to count, which a fact
        must name to answer it (a town's "16.650 Einwohner" do not say how many people came to a workshop).
        "wie viel" is left out: a verb follows it as often as a noun ("Wie viel kostete …")."""
        found = set()
        for position, token in enumerate(tokens):
            after = position + 1
            if token in ("wie", "how") and position + 1 < len(tokens) and tokens[position + 1] in _MANY:
                after = position + 2
            elif token not in _MANY_WORDS:
                continue
            following = tokens[after] if after < len(tokens) else ""
            if following and following not in STOPWORDS:
                word = self._known_form(following, self._canonical(following, stems([following])[0]))
                if word in words:
                    found.add(word)
        return frozenset(found)

    # -- ranking ------------------------------------------------------------------------------------------

    def _rank(self, query: _Query) -> tuple[list[tuple[float, int]], list[int]]:
        """The best facts (and gaps) scored, best first; and every gap within reach, for ``_gap_asked``."""
        if not query.terms and (query.towns or query.thesis or query.places):
            return [(self._score(index, query, 1.0), index) for index in self._scoped(query)], []
        total = query.total or 1.0
        eligible = self._eligibility(query)
        candidates = [i for i in self._candidate_facts(query) if eligible[i]]
        if query.about_paper:  # "die erste These des Positionspapiers" is not the organisers' first thesis
            candidates = [i for i in candidates if not self._thesis_scoped[i]]
        documents = self._documents
        mentions = self._mentions
        covered, named_in, named = query.covered, query.named_in, bool(query.named)
        coverage = [
            ((found[0] + (named_in(mentions[index]) if named else 0.0)) / total, index)
            for index in candidates
            if (found := covered(documents[index]))[1]
        ]
        scored: list[tuple[float, int]] = []
        top = 0.0
        for share, index in self._most_covered(coverage, query):
            if share <= 0 or (len(scored) >= KEPT and 100 * share * MAX_RAISE < top - self.thresholds.suggest_window):
                break
            score = self._score(index, query, share)
            top = max(top, score)
            scored.append((score, index))
        gaps = [index for _, index in coverage if self._is_gap[index]]
        return sorted(scored, key=lambda item: (-item[0], item[1])), gaps

    def _most_covered(self, coverage: list[tuple[float, int]], query: _Query) -> list[tuple[float, int]]:
        """The best-covered facts to score in detail; among facts that cover the question equally at the cut,
        those asked by the shortest question with its words first ("Worum geht es im Projekt?" for "Projekt")."""
        best = sorted(coverage, reverse=True)[: DETAILED + 1]
        if len(best) <= DETAILED or best[-1][0] < best[-2][0]:
            return best[:DETAILED]
        cut = best[-1][0]
        above = [item for item in best if item[0] > cut]
        forms = query.form_set
        asked = self._shortest_asking

        def closeness(item: tuple[float, int]) -> float:
            lengths = asked[item[1]]
            return -min([lengths[form] for form in forms & lengths.keys()], default=99)

        tied = sorted((item for item in coverage if item[0] == cut), key=closeness, reverse=True)[
            : DETAILED - len(above)
        ]
        return above + tied

    def _candidate_facts(self, query: _Query) -> list[int]:
        """Facts worth scoring: those of the named town or place while they are few, else those the rarest
        question words reach.

        Posting lists are read shortest first and only until a budget is spent, so that a question made of
        common words costs no more than one made of rare ones; the facts the read words weigh most in go on
        to the exact count.
        """
        named = query.places or query.towns
        if named:
            mentioning = {index for ref in named for index in self._by_mention.get(ref, ())}
            if len(mentioning) <= CANDIDATES:
                forms = query.forms.keys()
                return sorted(mentioning | {i for i in self._open_gaps if not self._documents[i].isdisjoint(forms)})
        weighted = [(term.weight * credit, form) for term in query.terms for form, credit in term.forms]
        postings = sorted(
            [(self._postings[form], weight) for weight, form in weighted if form in self._postings]
            + [(self._asked[form], weight * ASKED_BONUS) for weight, form in weighted if form in self._asked],
            key=lambda item: len(item[0]),
        )
        partial: defaultdict[int, float] = defaultdict(float)
        spent = 0
        for listed, weight in postings:
            if spent and spent + len(listed) > POSTING_BUDGET:
                break
            spent += len(listed)
            for index in listed:
                partial[index] += weight
        if len(partial) <= CANDIDATES:
            return list(partial)
        return sorted(partial, key=partial.__getitem__, reverse=True)[:CANDIDATES]

    def _scoped(self, query: _Query) -> list[int]:
        """A question that only names something ("Goslar", "These 3") is asked about its lead fact; one that only
        names a part of a town ("Was ist Jürgenohl?") about the shortest fact that mentions it, the one most
        about it."""
        scopes = query.towns | ({query.thesis} if query.thesis else set())
        leads = [self._leads[scope] for scope in scopes if scope in self._leads]
        if leads or not query.places:
            return leads
        mentioning = {i for place in query.places for i in self._by_mention.get(place, ())}
        about = [i for i in mentioning if not self._is_gap[i] and query.places <= self._text_mentions[i]]
        return sorted(about, key=lambda i: (len(self._facts[i].text.de), i))[:1]

    def _eligibility(self, query: _Query) -> list[bool]:
        """Per fact, whether it may answer a question naming what ``query`` names; worked out once per
        combination of named towns, places and thesis, because questions name the same few again and again."""
        names = (query.towns, query.places, query.thesis)
        found = self._eligible_by_names.get(names)
        if found is None:
            if len(self._eligible_by_names) >= ELIGIBILITY_KEPT:
                self._eligible_by_names.clear()
            found = [self._eligible(index, query) for index in range(len(self._facts))]
            self._eligible_by_names[names] = found
        return found

    def _eligible(self, index: int, query: _Query) -> bool:
        entry = self._entry_of[index]
        mentions = self._mentions[index]
        if self._is_gap[index]:
            places = {ref for ref in self._text_mentions[index] if ref.startswith("place:")}
            if (places or query.places) and not places & query.places:
                return False  # a gap about Goslar is not about Jürgenohl, nor one about Jürgenohl about Goslar
            towns = query.towns | {_town_of(ref) for ref in query.places}
            if entry.scope and entry.scope.startswith("town:") and entry.scope not in towns:
                return False
            if index in self._open_gaps:
                return not query.thesis  # "which other towns took part" may be about any named town
        if query.thesis:
            return entry.scope == query.thesis
        if entry.scope and entry.scope.startswith("thesis:"):
            return not query.towns and not query.places
        if not query.places <= mentions:
            return False
        if query.towns:
            return bool(query.towns & mentions) and not (entry.scope and entry.scope not in query.towns)
        return True

    def _score(self, index: int, query: _Query, coverage: float) -> float:
        gap_without_questions = self._is_gap[index] and not self._variant_words[index]
        fit = GAP_FIT * coverage if gap_without_questions else self._variant_fit(index, query)
        if not self._is_gap[index]:
            mentions = self._mentions[index]
            said, met = query.covered(self._texts[index])
            share = (said + query.named_in(mentions)) / (query.total or 1.0)
            evidence = sum(ref in mentions for ref, _ in query.named) + query.terms_met(met)
            if evidence >= 2:
                fit = 1 - (1 - fit) * (1 - TEXT_FIT * share)
        weight = self.thresholds.variant_weight
        score = coverage * ((1 - weight) + weight * fit)
        if not self._is_gap[index]:
            answers = self._answers[index]
            for aspect in query.aspects:
                if aspect not in answers:
                    score *= MISMATCH
            if query.numbers - self._numbers[index]:
                score *= MISMATCH
            elif query.ordinals and query.ordinals.isdisjoint(self._ordinals[index]) and self._ordinals[index]:
                score *= MISMATCH  # "das dritte Treffen" is not answered by a fact about the first
        scope = self._entry_of[index].scope
        if query.towns and scope not in query.towns:
            score *= ELSEWHERE
        score *= 1 + PAIR_BONUS * min(2, len(query.pairs & self._pairs[index]))
        return 100 * score

    def _variant_fit(self, index: int, query: _Query) -> float:
        """The best specificity-weighted token F1 between the question and one of the fact's questions."""
        total = query.total
        if not total:
            return 1.0
        forms = query.form_set
        if self._asked_words[index].isdisjoint(forms):
            return 0.0
        best = 0.0
        named = query.named_towns
        named_weight = query.named_in(self._mentions[index])
        weigh = self._vocabulary.weight
        for words, weight, towns, aspects in self._asking[index] if named else self._asking_unnamed[index]:
            if towns and not towns <= named:
                continue
            matched = words & forms
            if not matched:
                continue
            recalled = query.weight_met(matched)
            if not recalled:
                continue
            said = query.specificity_of(matched, weigh)
            asked = query.named_in(towns) if towns else 0.0
            recall = (recalled + named_weight) / total
            precision = (said + asked) / (weight + asked)
            fit = 2 * precision * recall / (precision + recall)
            best = max(best, fit * OTHER_KIND if aspects - query.aspects else fit)
        return best

    # -- deciding -----------------------------------------------------------------------------------------

    def _decide(self, ranked: list[tuple[float, int]], query: _Query) -> Status:
        """Answer when the best fact scores high enough and leads the best fact of any other entry by the
        configured margin (0 by default: facts of different entries may state the same thing)."""
        if not ranked:
            return "unknown"
        top, best = ranked[0]
        entry = self._entry_of[best]
        runner_up = next((score for score, index in ranked[1:] if self._entry_of[index] != entry), 0.0)
        needed = self.thresholds.answer - (NAMED_TOWN_EASE if entry.scope and entry.scope in query.named_towns else 0.0)
        if top >= needed and top - runner_up >= self.thresholds.margin and not self._leaves_out(best, query):
            return "answer"
        return "suggest" if top >= self.thresholds.suggest else "unknown"

    def _leaves_out(self, index: int, query: _Query) -> bool:
        """Whether the fact leaves out a word that carries much of the question ("Wer *leitet* die
        Koordinierungsstelle?", "Wann hat das Familienzentrum *eröffnet*?") or what a "wie viele …" question
        counts ("Wie viele *Einwohner* hat der Stadtteil Jürgenohl?"): then it speaks about the topic but does not
        answer what was asked."""
        document = self._documents[index]
        key = KEY_SHARE * query.total
        for term in query.terms:
            credit = term.credit(document)
            if (term.weight >= key and not credit) or (term.word in query.counted and credit < HALF):
                return True
        return False

    def _gap_asked(self, ranked: list[tuple[float, int]], gaps: list[int], query: _Query) -> int | None:
        """The gap the question asks about: the best match overall, or one that speaks to what the best fact
        leaves out of the question (the "ISBN" of "ISBN des Sammelbands")."""
        if not ranked or ranked[0][0] < self.thresholds.suggest:
            return None
        if self._is_gap[ranked[0][1]]:
            return ranked[0][1]
        best = self._documents[ranked[0][1]]
        terms = [term for term in query.terms if not _names_a_time(term.word)]
        missing = [term for term in terms if term.credit(best) < HALF]  # "Nachfolgeprojekt" is not "Projekt"
        left_out = sum(term.weight * (1 - term.credit(best)) for term in missing)
        touched = sum(term.weight * term.credit(best) for term in terms)
        covered = touched + query.named_in(self._mentions[ranked[0][1]])
        topic = self._entry_of[ranked[0][1]]
        asks_missing = left_out >= MISSING_SHARE * query.total
        for index in gaps:
            document = self._documents[index]
            spoken = sum(term.weight * term.credit(document) for term in missing)
            shared = sum(term.weight * term.credit(document) for term in terms) - spoken
            shared += query.named_in(self._mentions[index])
            same_topic = (
                self._entry_of[index] == topic
                or shared >= GAP_SAME_TOPIC * covered
                or spoken >= GAP_OUTWEIGHS * touched  # the fact barely touches the question ("Nachfolgeprojekt")
            )
            whole = spoken + shared >= GAP_WHOLE * covered
            numbers = self._numbers[index]  # a gap about "das 3. Treffen" is not about all of them
            named = query.numbers | query.ordinals
            specific = bool(numbers) and numbers.isdisjoint(named)
            other = specific and bool(named)  # nor about "das 2. Treffen"
            if same_topic and whole and asks_missing and spoken >= GAP_TAKES_OVER * left_out and not other:
                return index
            if query.aspects & self._missing[index] and not specific and shared >= GAP_SAME_ASPECT * covered:
                return index
        return None

    def _candidates(self, ranked: list[tuple[float, int]]) -> tuple[Candidate, ...]:
        """The best fact of each entry, best entry first."""
        seen: set[str] = set()
        candidates = []
        for score, index in ranked:
            entry = self._entry_of[index]
            if entry.id not in seen and not self._is_gap[index]:
                seen.add(entry.id)
                candidates.append(Candidate(entry, min(100.0, score), self._facts[index]))
        return tuple(candidates)

    def _subject(self, query: _Query) -> str | None:
        named = sorted(query.places) or sorted(query.towns)
        return self._labels.get(named[0]) if named else None

    def _about(self, query: _Query, candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """What we do know about the named town: its closest entries, else its lead entries."""
        towns = query.towns or {_town_of(ref) for ref in query.places}
        related = [c for c in candidates if c.entry.scope in towns]
        leads = [
            Candidate(self._entry_of[self._leads[town]], 0.0, self._facts[self._leads[town]])
            for town in sorted(towns)
            if town in self._leads
        ]
        unique = {c.entry.id: c for c in [*related, *leads]}
        return tuple(unique.values())[:MAX_SUGGESTIONS]

    def _lead_of(self, scope: str) -> int:
        return next(i for i, entry in enumerate(self._entry_of) if entry.scope == scope and not self._is_gap[i])


def _weigh_context(terms: list[Term], said: frozenset[str]) -> list[Term]:
    """The words said only around the question at a fraction of their weight, and all of them together at
    most a share of what the asking part weighs: a long preamble must not outweigh a short question. An asking
    part of one word ("… – welche Ergebnisse gab es dort?") leaves the topic to what is said around it."""
    around = sum(term.weight for term in terms if term.word in said)
    asked = [term.weight for term in terms if term.word not in said]
    factor = min(CONTEXT, CONTEXT_SHARE * sum(asked) / around) if len(asked) > 1 and around else CONTEXT
    return [dataclasses.replace(t, weight=t.weight * factor) if t.word in said else t for t in terms]


def _joined_particles(tokens: list[str]) -> list[str]:
    """A separable verb read as one word ("Nahm Zittau am Nachfolgeprojekt teil?" asks about "teilnehmen",
    "Fass mir die Thesen zusammen" for a summary, "took part" about participating): its parts alone mean
    something else ("nahm", "Teil", "part")."""
    for particle, (forms, joined) in _SEPARABLE.items():
        if particle not in tokens:
            continue
        verb = next((i for i, token in enumerate(tokens) if token in forms), None)
        last = len(tokens) - 1 - tokens[::-1].index(particle)
        if verb is not None and verb < last:
            tokens = [joined if i == verb else token for i, token in enumerate(tokens) if i != last]
    if "part" in tokens:
        taken = {i for i, token in enumerate(tokens[:-1]) if token in _TAKE_PART and tokens[i + 1] == "part"}
        tokens = ["participate" if i in taken else token for i, token in enumerate(tokens) if i - 1 not in taken]
    return tokens


def _asks(segment: str, normalized: str) -> bool:
    """Whether a part of a message asks something: a question word or a request, or a question mark that does
    not close a tag question ("…, oder?", which states what the asker believes)."""
    tokens = normalized.split()
    if segment.rstrip().endswith("?") and not (tokens and tokens[-1] in _TAGS):
        return True
    return bool(_ASKING.intersection(tokens))


def _fold(word: str) -> str:
    """One written word as :func:`normalize` reads it, cheaply for the common plain word."""
    folded = word.lower().translate(FOLD_UMLAUTS)
    return folded if folded.isascii() and folded.isalnum() else normalize(word)


def _town_of(place: str) -> str:
    """The town a place belongs to ("place:goslar/Vienenburg" → "town:goslar")."""
    return "town:" + place.split(":", 1)[1].split("/", 1)[0]


def _names_a_time(word: str) -> bool:
    """Numbers and months in a question pick out an event; a gap about that event need not repeat them."""
    return word.isdigit() or word in _MONTH_STEMS


def _names_someone(fact: Fact, common: frozenset[str]) -> bool:
    """Whether a fact names someone who could answer "wer"/"who" (a person, an institution, a town): a
    capitalised word of its English text that is no month, and at the start of a sentence one that the English
    texts never write in lower case ("Dr. Bettina Reimann", "Difu reported …"; not "Requirements were …")."""
    for sentence in _SENTENCE.split(fact.text.en or ""):
        for position, word in enumerate(_WORD.findall(sentence)):
            folded = _fold(word)
            if word[:1].isupper() and folded not in MONTHS and (position or folded not in common):
                return True
    return False


def _names_place(mentions: frozenset[str]) -> bool:
    return any(ref.startswith(("town:", "place:")) for ref in mentions)


def _ordinals(fact: Fact) -> frozenset[str]:
    """The ordinals a fact states, as words or as numbers with a full stop ("das dritte Netzwerktreffen", "das
    3. Netzwerktreffen" state "3"); a count does not ("drei Netzwerktreffen" is no answer about the third)."""
    return ordinals_in(normalize(mark_ordinals(f"{fact.text.de} {fact.text.get('en')}")).split())


def _synonym_maps(groups: tuple[tuple[str, ...], ...]) -> tuple[dict[str, str], dict[str, str]]:
    """Two maps to each group's first word (as a stem): one by spelling, one by stem for inflected forms.

    A stem that cuts a word short by more than two letters ("smallest" → "small") is not trusted: it would
    make "small" a synonym of "kleinste" too.
    """
    by_spelling: dict[str, str] = {}
    by_stem: dict[str, str] = {}
    for group in groups:
        canonical = stems(normalize(group[0]).split())[0]
        for word in group:
            spelled = normalize(word)
            by_spelling.setdefault(spelled, canonical)
            for stem in stems(spelled.split()):
                if len(spelled) - len(stem) <= 2:
                    by_stem.setdefault(stem, canonical)
    return by_spelling, by_stem
