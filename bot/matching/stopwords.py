"""Words that say nothing about which entry is meant, in normalised (umlaut-folded) form.

German function words come from the ``stop-words`` package (the classic Snowball list: "unsere", "jede",
"durch" ...); its English list also holds content words ("research", "state", "smallest"), so English function
words and the fillers of chat questions in both languages are listed here. Question words that carry intent
(wer, wann, wo, warum, who, when, where, why) are deliberately kept.
"""

from __future__ import annotations

from stop_words import get_stop_words

GERMAN_MARKERS = frozenset(
    """
    der die das den dem des ein eine einen einem einer eines und oder aber ist sind war waren wird
    werden wurde wurden hat haben hatte hatten ich du sie er es wir ihr mir mich dir dich uns euch
    ihnen sich mit von zu zum zur im in auf fuer ueber unter bei nach aus an am vom als auch noch
    nicht kein keine welche welcher welches welchen wie was wer wann wo warum wieso weshalb ja nein
    bitte mal kannst koennen koenntest weisst gibt es etwas dieses diese dieser dazu darueber genau
    eigentlich denn doch
    """.split()
)

# German verb forms common in questions. They tell the language of a question that is otherwise a tie ("Was
# besagt These 3?": "was" and "these" are English words too), but they carry meaning, so they are no stopwords.
GERMAN_VERBS = frozenset(
    """
    besagt besagen bedeutet bedeuten steht stehen stand heisst hiess sagt sagen gab geht ging lief laeuft kam
    kommt liegt lag macht machte meint gehoert erzaehl erzaehle erklaer erklaere
    """.split()
)
ENGLISH_MARKERS = frozenset(
    """
    the a an and or but is are was were be been has have had do does did i you he she it we they me since
    my your our their of to for about on at by with from as also not no which what how who when
    where why there this that those please tell can could would know any some does did many much in
    """.split()
)

_FILLERS = frozenset(
    """
    hallo hi hey moin servus guten tag morgen abend danke vielen bitte mal gerne gern kurz kurze
    kurzen sag sage sagen sagt erzaehl erzaehle erzaehlen erklaer erklaere erklaeren nenn nenne
    nennen zeig zeige wuerde wuerdest moechte moechten interessiert interessiere wissen weiss frage
    fragen eigentlich vielleicht so also ja nun denn doch schon halt eben irgendwie ungefaehr etwa
    ganz genau einmal nochmal bot vielfaltbot lieber liebe infos info informationen viele viel
    thanks thank hello please tell me know want wanted would like could you can give about some
    information just quick quickly briefly explain something anything meant kann kannst koennte koennen
    muss musst soll sollte darf will wollte gibt gab gibts geht gehts ging kam kommt komme mach
    mache macht machen rahmen bzw usw etc do does did make makes go goes went come came all
    welchem fand statt findet stattgefunden versteht verstehen man bedeutet bedeuten meint meinen
    mean means meaning gemacht getan unternommen umgesetzt done gewonnen
    ganze ganzen ganzes dabei daran darauf davon dort da hier jetzt nochmals mehr sehr ziemlich bisschen
    wirklich echt total einfach ueberhaupt irgendein irgendeine irgendeinem irgendeinen irgendeiner irgendwas
    irgendwo jemand alle allen alles andere anderen anderes beim ins ums seit bis worden sein seine seiner
    seinen ihre ihrem ihren ihrer dessen deren diesem diesen jene jener solche solchen wem wen woher wohin
    womit wofuer worauf worum wozu wodurch wovon oh ach na nee ne nen nem ner hab habe hast habt bin bist
    seid gewesen waere waeren haette haetten sollen mag lass nochmal oft dann wenn weil dass ob
    among located situated lie lies lying based here its this one ones thing things stuff
    whole actually really very quite kind sort lot lots bit still even ever again most less every each
    other others such same own well way yes ok okay hey quick into onto over out up down off then than too
    only both either if while during before after until upon via per us them him her his whose whom being
    having doing exactly roughly approximately about around gets became become becomes say says said
    mussten musste muessen muesste konnten konnte sollten sollte durften durfte wollten wollte
    wieviel wieviele gabs inne nix eventually besides kamen take takes took taken taking held hold holds place
    bedeutung definition definiert begriff gemeint term play plays played playing spielt spielte spielten spielen
    gespielt ab damals drin erstmal offiziell inzwischen mittlerweile wohl basically anyway remind sure laut
    meistens sogenannt sogenannte sogenannten sogenannter weitere weiteres weiteren weiterer weiterhin
    """.split()
)

_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
# Question words that carry intent, and "zwischen"/"between", which says where a town lies.
_KEPT = frozenset("wer wann wo warum wieso weshalb who when where why zwischen between".split())

_GERMAN_FUNCTION_WORDS = frozenset("".join(_FOLD.get(c, c) for c in word) for word in get_stop_words("german"))

STOPWORDS = (GERMAN_MARKERS | ENGLISH_MARKERS | _FILLERS | _GERMAN_FUNCTION_WORDS) - _KEPT
