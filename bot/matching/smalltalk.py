"""Greetings, thanks, goodbyes and "who are you / what can you do": recognised so they get a friendly reply.

A message is small talk when it consists of such phrases and harmless filler words; "Bist du manchmal
traurig?" or "Kannst du mir einen Witz erzählen?" keep words that are not small talk and go to the matcher.
A message that opens with a greeting, thanks or goodbye and asks nothing ("Guten Morgen, ich bin aus dem
Rathaus Steinfurt.", "Danke, das hilft mir für die Ratssitzung.") is small talk too, when the knowledge base
has no answer for it; one that opens by asking who the bot is ("Wer bist du eigentlich, arbeitest du fürs
Difu?") is small talk whatever follows.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.matching.normalize import normalize

Smalltalk = Literal["thanks", "bye", "identity", "capabilities", "greeting"]


def _cues(phrases: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in phrases.split("|"))


_CUES: dict[Smalltalk, tuple[str, ...]] = {
    "thanks": _cues(
        "danke | dankeschoen | danke schoen | vielen dank | besten dank | herzlichen dank | merci | thanks | "
        "thank you | thanks a lot | thx | cheers | super | perfekt | prima | klasse | toll | great | perfect | cool | "
        "nice | alles klar"
    ),
    "bye": _cues(
        "tschuess | tschues | tschau | ciao | bye | goodbye | good night | gute nacht | auf wiedersehen | "
        "auf wiederhoeren | bis bald | bis spaeter | bis dann | see you | schoenen tag noch"
    ),
    "identity": _cues(
        "wer bist du | was bist du | who are you | what are you | bist du ein mensch | bist du ein bot | "
        "bist du ein bott | bist du eine ki | are you a bot | are you human | are you a human | wie heisst du | "
        "what is your name | whats your name | wer hat dich gebaut | wer hat dich programmiert | who made you | "
        "who built you | bist du ein roboter | are you an ai | bist du echt"
    ),
    "capabilities": _cues(
        "was kannst du | was koennen sie | wobei kannst du helfen | wie kannst du helfen | hilfe | help | "
        "what can you do | what can you help | what do you know | how can you help | was weisst du | "
        "ich haette ein paar fragen | ich habe ein paar fragen | ich habe eine frage | i have a question | "
        "i have some questions | wie funktionierst du | how do you work | womit kannst du helfen | "
        "kannst du mir helfen | can you help me | help me | welche fragen kann ich stellen | "
        "was kann ich dich fragen | what can i ask | what do you do | how does this work | "
        "wie funktioniert das hier | was machst du | what kind of questions | which questions | "
        "welche fragen | what questions can you answer | are you able to answer | was beantwortest du | "
        "was koennen sie beantworten | was kannst du beantworten | wozu kann ich dich fragen"
    ),
    "greeting": _cues(
        "hallo | hi | hey | moin | servus | hello | guten tag | guten morgen | guten abend | gruess gott | grueezi | "
        "gruezi | grueezi mitenand | gruezi mitenand | gruess dich | gruss dich | hallo miteinander | gruesse | "
        "viele gruesse | liebe gruesse | schoene gruesse | greetings | "
        "good morning | good afternoon | good evening | hiya | huhu | na | hallo zusammen | wie geht es dir | "
        "wie gehts | wie geht s | how are you | how are you doing | nice to meet you | freut mich"
    ),
}
_FILLER = frozenset(
    """
    du sie ich mir mich dich uns das es ist hat haben ein eine einen oder und so eigentlich denn mal doch auch
    noch ja nein super toll prima klasse perfekt vielen lieben herzlichen schoen geholfen hilfreich infos info
    antwort antworten fuer die der den a lot so much very you me with your my i am bot bott chatbot mensch
    human machine maschine ki great perfect nice ok okay alles gut liebe lieber bye bis dann dear there all
    paar fragen frage question questions there zusammen sehr so viel much bot hey dir gut alles that was
    really useful helpful das war wirklich echt leute heute hier zu bei everyone sein
    """.split()
)
_PRIORITY: tuple[Smalltalk, ...] = ("thanks", "bye", "identity", "capabilities", "greeting")
_OPENERS: tuple[Smalltalk, ...] = ("thanks", "bye", "greeting")
_ASKING = frozenset(
    """
    wer was wann wo wie warum wieso weshalb welche welcher welches welchen welchem who what when where which why
    how
    """.split()
)
_ENGLISH_WAS = re.compile(r"\b(?:that|this|it) was\b")  # English "was" after which no German "was" asks
_ALLOWED = _FILLER | {word for phrases in _CUES.values() for phrase in phrases for word in phrase.split()}


_TITLES = r"(?:(?:dr|prof)\.?\s+)*"
_SALUTATION = re.compile(
    rf"^\s*(?:sehr\s+geehrte[rs]?\s+(?:damen\s+und\s+herren|frau\s+{_TITLES}\w+|herr\s+{_TITLES}\w+)"
    r"|liebe[rs]?\s+\w+(?:\s+und\s+\w+)?"
    r"|(?:hallo|hi|hey|moin(?:\s+moin)?|servus|gr[üu]e?zi|hello|guten\s+(?:tag|morgen|abend)"
    r"|good\s+(?:morning|afternoon|evening))(?:\s+(?:zusammen|miteinander|mitenand|bot|team|alle|all|everyone|there))?"
    r"|gr[üu]e?(?:ß|ss)\s+(?:gott|dich|euch)|dear\s+(?:sir\s+or\s+madam|\w+))\s*[,!.:;]+\s*",
    re.IGNORECASE,
)


def without_salutation(message: str) -> str:
    """The message without a salutation it opens with ("Sehr geehrte Damen und Herren, …", "Grüezi, …"): its
    words name nothing the message asks about."""
    return _SALUTATION.sub("", message, count=1) or message


def opening_identity(message: str) -> bool:
    """Whether a message starts by asking who the bot is ("Wer bist du eigentlich, …")."""
    padded = f" {normalize(message)} "
    return any(padded.startswith(f" {phrase} ") for phrase in _CUES["identity"])


def opening_smalltalk(message: str) -> Smalltalk | None:
    """The kind of a greeting, thanks or goodbye a message opens with, when the message asks nothing."""
    normalized = normalize(message)
    asking = _ASKING - {"was"} if _ENGLISH_WAS.search(normalized) else _ASKING  # "this was helpful"
    if "?" in message or asking.intersection(normalized.split()):
        return None
    padded = f" {normalized} "
    for kind in _OPENERS:
        if any(padded.startswith(f" {phrase} ") for phrase in _CUES[kind]):
            return kind
    return None


_INTRODUCTIONS = _cues(
    "ich bin aus | ich bin von | ich bin vom | ich bin bei | ich komme aus | ich komme von | ich komme vom | "
    "ich arbeite bei | ich arbeite fuer | ich arbeite im | ich arbeite in | wir sind aus | wir sind von | "
    "wir kommen aus | i am from | i m from | i work for | i work at | i work in | i come from | we are from | "
    "gruesse aus | hallo aus | moin aus | servus aus | greetings from | hello from | hi from"
)
_REQUESTS = frozenset("bitte please".split())


def introduces_oneself(message: str) -> bool:
    """Whether a message says where its writer comes from or works and asks for nothing ("…, ich komme vom
    Difu.", "Grüße aus Goslar", "…, I work for the city of Goslar."; not "Hallo aus Goslar, Einwohnerzahl von
    Weißenfels bitte")."""
    normalized = normalize(message)
    padded = f" {normalized} "
    return _REQUESTS.isdisjoint(normalized.split()) and any(f" {phrase} " in padded for phrase in _INTRODUCTIONS)


def smalltalk_kind(message: str) -> Smalltalk | None:
    normalized = normalize(message)
    if not normalized or any(word not in _ALLOWED for word in normalized.split()):
        return None
    padded = f" {normalized} "
    found = {kind for kind, phrases in _CUES.items() if any(f" {phrase} " in padded for phrase in phrases)}
    return next((kind for kind in _PRIORITY if kind in found), None)


_ENGLISH = frozenset(
    "thanks thank you thx cheers bye goodbye see who what are is your name can do help know how have i some "
    "question questions hello hi hey hiya good morning afternoon evening human bot a lot much night great "
    "perfect nice made built ask me meet doing does work this really useful helpful that was".split()
)
_GERMAN = frozenset(
    "danke dankeschoen vielen dank besten merci tschuess tschues ciao auf wiedersehen bis bald wer was bist du "
    "wie heisst kannst koennen sie wobei hilfe weisst ich haette habe eine frage ein paar fragen hallo moin "
    "servus guten tag morgen abend gruess gott huhu mensch ki funktionierst tschau nacht wiederhoeren spaeter "
    "dann schoenen noch gebaut programmiert roboter echt womit helfen welche stellen fragen machst geht gehts "
    "dir freut mich zusammen grueezi gruezi mitenand miteinander dich beantworten alles wirklich".split()
)


def smalltalk_language(message: str) -> str | None:
    """The language a piece of small talk is written in, told by its words ("Guten Tag" → de)."""
    words = normalize(message).split()
    english = sum(word in _ENGLISH for word in words)
    german = sum(word in _GERMAN for word in words)
    if english == german:
        return None
    return "en" if english > german else "de"
