"""How the matcher treats real questions; each case states one behaviour."""

from __future__ import annotations

import pytest

from bot.matching.matcher import Matcher


def _answer(matcher: Matcher, question: str) -> str | None:
    """The German sentence the matcher answers with, or None when it does not answer."""
    result = matcher.match(question)
    if result.status != "answer" or result.best is None or result.best.fact is None:
        return None
    return result.best.fact.text.de


def _answer_id(matcher: Matcher, question: str) -> str | None:
    result = matcher.match(question)
    return result.best.entry.id if result.status == "answer" and result.best else None


def test_exact_question_is_answered_with_the_fact_it_asks_for(matcher: Matcher) -> None:
    assert "Bettina Reimann" in (_answer(matcher, "Wer hat das Projekt geleitet?") or "")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Gosslar Einwohner", "50.000"),
        ("wie viele einwohner hat weissenfels", "42.000"),
        ("Muehlacker Migrationshintergrund", "37 %"),
        ("Mühlaker Migrationshintergrund", "37 %"),
        ("Wie viele Leute warn bei der Abschlusstagnug?", "130"),
    ],
)
def test_typos_and_umlaut_free_spellings_still_find_the_fact(matcher: Matcher, question: str, fact: str) -> None:
    assert fact in (_answer(matcher, question) or "")


def test_the_named_town_decides_which_towns_fact_answers(matcher: Matcher) -> None:
    assert "Goslar" in (_answer(matcher, "Wie viele Einwohner hat Goslar?") or "")
    assert "Zittau" in (_answer(matcher, "Wie viele Einwohner hat Zittau?") or "")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("In welchem Landkreis liegt Ilmenau?", "Ilm-Kreis"),
        ("Welche Uni hat in Germersheim eine Außenstelle?", "Universität Mainz"),
        ("Wer war Oberbürgermeister von Goslar?", "Oliver Junk"),
        ("Seit wann hat Mühlacker Stadtrecht?", "1930"),
        ("Welche Ortsteile hat Steinfurt?", "Borghorst"),
    ],
)
def test_town_attributes_are_reached_through_their_shared_templates(matcher: Matcher, question: str, fact: str) -> None:
    assert fact in (_answer(matcher, question) or "")


def test_a_compound_meets_its_head_word(matcher: Matcher) -> None:
    """ "Landkreis" in the question, "Ilm-Kreis" in the fact; "Kreis" in the question, "Landkreises" in the fact."""
    assert "Ilm-Kreis" in (_answer(matcher, "Landkreis Ilmenau") or "")
    assert "Landkreises Germersheim" in (_answer(matcher, "germersheim kreis") or "")


def test_a_short_unknown_word_is_not_turned_into_a_known_one(matcher: Matcher) -> None:
    assert matcher.match("Meine Beine tun weh").status == "unknown"


def test_a_part_of_a_town_must_be_named_in_the_answer(matcher: Matcher) -> None:
    """Jürgenohl is part of Goslar; Goslar's population is no answer to Jürgenohl's."""
    result = matcher.match("Wie viele Einwohner hat Jürgenohl?")
    assert result.status != "answer"
    assert "1960" in (_answer(matcher, "Wann ist Jürgenohl entstanden?") or "")


def test_a_question_naming_a_town_is_not_answered_from_another_topic_on_shared_words(matcher: Matcher) -> None:
    assert matcher.match("Wie ist das Wetter in Zittau?").status != "answer"
    assert matcher.match("Wo kann ich in Goslar parken?").status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "Wer ist Bürgermeister von Ilmenau?",
        "Wie viele Einwohner hatte Goslar 2023?",
        "Who is the mayor of Goslar today, in 2025?",
        "Wann genau war der Reflexionsworkshop in Germersheim?",
    ],
)
def test_near_misses_offer_what_is_known_about_the_town_instead_of_a_wrong_answer(
    matcher: Matcher, question: str
) -> None:
    result = matcher.match(question)
    assert result.status == "suggest"
    assert result.subject is not None
    assert result.candidates[0].entry.scope == f"town:{result.subject.casefold()}"


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Einwohner hat Hamburg?",
        "Wie wird das Wetter?",
        "What's the capital of France?",
        "was ist die hauptstadt von oesterreich",
    ],
)
def test_off_topic_questions_are_unknown_not_a_wrong_answer(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).status == "unknown"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("These 3", "these-gesamtkonzept"),
        ("Was sagt die dritte These?", "these-gesamtkonzept"),
        ("thesis five", "these-zuwanderung-belebt"),
        ("These Nr. 7", "these-ressourcen"),
    ],
)
def test_a_thesis_named_by_number_or_ordinal_is_answered(matcher: Matcher, question: str, entry_id: str) -> None:
    assert _answer_id(matcher, question) == entry_id


@pytest.mark.parametrize(
    ("question", "gap"),
    [
        ("Wie viele Seiten hat das Positionspapier?", "Seitenzahl"),
        ("ISBN vom Sammelband", "ISBN"),
        ("Wo fand die Auftaktveranstaltung statt?", "Ort"),
        ("Wer ist Bürgermeister von Zittau?", "Bürgermeister"),
        ("Wie viele Einwohner hat Jürgenohl?", "Jürgenohl"),
    ],
)
def test_what_the_sources_do_not_say_is_declined_with_the_gap(matcher: Matcher, question: str, gap: str) -> None:
    result = matcher.match(question)
    assert result.status == "suggest"
    assert result.gap is not None
    assert gap in result.gap.text.de


def test_a_towns_gap_does_not_decline_a_question_that_names_no_town(matcher: Matcher) -> None:
    assert matcher.match("Wann sind die Kommunen ins Projekt eingestiegen?").gap is None


def test_a_numbered_thesis_of_the_position_paper_is_not_mistaken_for_a_discussion_thesis(matcher: Matcher) -> None:
    assert matcher.match("Wie lautet die Überschrift der ersten These im Positionspapier?").status != "answer"


def test_english_question_is_read_as_english(matcher: Matcher) -> None:
    result = matcher.match("Who funded the project?")
    assert result.status == "answer"
    assert (result.language, result.language_known) == ("en", True)


def test_german_question_is_read_as_german(matcher: Matcher) -> None:
    assert matcher.match("Wer hat das Projekt finanziert?").language == "de"


def test_question_without_words_is_unknown(matcher: Matcher) -> None:
    assert matcher.match("?!").status == "unknown"


def test_candidates_are_sorted_best_first(matcher: Matcher) -> None:
    scores = [c.score for c in matcher.match("Projekt Ergebnisse").candidates]
    assert scores == sorted(scores, reverse=True)


def test_a_towns_other_name_also_counts_as_what_is_asked(matcher: Matcher) -> None:
    """ "Europastadt" names Saarlouis and is also the title the question asks about."""
    assert "Lothringen" in (_answer(matcher, "Europastadt Saarlouis warum") or "")


def test_a_named_places_own_fact_with_every_asked_word_is_answered(matcher: Matcher) -> None:
    assert "2014" in (_answer(matcher, "Vienenburg Fusion Jahr") or "")


def test_a_superlative_is_not_read_as_its_plain_adjective(matcher: Matcher) -> None:
    """ "kleinste" must not become "klein", the word of every "Klein- und Mittelstadt"."""
    assert "Michelstadt" in (_answer(matcher, "Welche ist die kleinste Kommune?") or "")


def test_one_extra_word_does_not_lose_a_question_about_a_named_town(matcher: Matcher) -> None:
    assert "Ilmenau" in (_answer(matcher, "Was lief in Ilmenau im Projekt eigentlich so?") or "")


def test_a_gap_needs_to_speak_to_the_question_as_a_whole_to_take_over(matcher: Matcher) -> None:
    """The attribute gap "Migranten- und Ausländeranteil" shares "Anteil" and "Ausländer" with the question, but
    the fact about TU Ilmenau's students answers all of it ("13 %" reads as a share)."""
    question = "Wie viel Prozent der Studierenden der TU Ilmenau kommen aus dem Ausland?"
    assert "13 %" in (_answer(matcher, question) or "")


def test_a_year_alone_does_not_answer_how_much(matcher: Matcher) -> None:
    assert matcher.match("Wie viel Geld bekam Michelstadt aus dem WIR-Programm?").status != "answer"


def test_words_said_around_the_question_count_less_than_the_question(matcher: Matcher) -> None:
    question = "Kurze Frage für meine Seminararbeit: Wer hat das Positionspapier verfasst?"
    assert "Pätzold" in (_answer(matcher, question) or "")
    assert "1992" in (
        _answer(matcher, "Seit wann ist die Goslarer Altstadt Welterbe? Ich schreibe an einem Referat.") or ""
    )


def test_a_long_preamble_does_not_outweigh_a_short_question(matcher: Matcher) -> None:
    question = (
        "Ich bin Redakteur bei einem Anzeigenblatt im Harz – von wann bis wann lief das Projekt? "
        "Brauche die Jahre für einen Infokasten."
    )
    answer = _answer(matcher, question) or ""
    assert "2015" in answer
    assert "2018" in answer


def test_what_is_said_around_a_one_word_question_still_counts(matcher: Matcher) -> None:
    question = "Bad Hersfeld war doch auch Projektkommune – welche Ergebnisse gab es dort?"
    assert matcher.match(question).status != "answer"


@pytest.mark.parametrize(
    ("salutation", "question"),
    [
        ("Sehr geehrte Damen und Herren,", "mit welchen Partnern hat das Projekt zusammengearbeitet?"),
        ("Grüezi,", "mit welchen Partnern hat das Projekt zusammengearbeitet?"),
        ("Liebes Team,", "mit welchen Partnern hat das Projekt zusammengearbeitet?"),
        ("Sehr geehrte Frau Dr. Reimann,", "mit welchen Partnern hat das Projekt zusammengearbeitet?"),
        ("Guten Tag zusammen,", "mit welchen Partnern hat das Projekt zusammengearbeitet?"),
        ("Dear Sir or Madam,", "who were the partners of the project?"),
    ],
)
def test_a_salutation_names_nothing_the_question_asks_about(matcher: Matcher, salutation: str, question: str) -> None:
    greeted, plain = matcher.match(f"{salutation} {question}"), matcher.match(question)
    assert greeted.status == plain.status == "answer"
    assert greeted.candidates[0] == plain.candidates[0]
    assert matcher.topic_words(f"{salutation} {question}") == matcher.topic_words(question)


def test_swapped_letters_are_a_typo_but_another_letter_makes_another_word(matcher: Matcher) -> None:
    assert "1992" in (_answer(matcher, "Wann wurde die Altstadt von Gosalr Welterbe?") or "")
    assert "paris" in matcher.topic_words("Wie viele Einwohner hat Paris?")


def test_chat_fillers_are_no_topic_words(matcher: Matcher) -> None:
    words = matcher.topic_words("Ab wann lief das Projekt damals offiziell? Was steht da drin, erstmal?")
    assert set(words) & {"ab", "damal", "damals", "offiziell", "drin", "erstmal"} == set()
    assert "entfern" not in matcher.topic_words("Gibt es weitere Städte?"), "'weit' is 'far', 'weitere' is 'other'"


def test_according_to_and_mostly_are_no_topic_words(matcher: Matcher) -> None:
    """ "laut" shares its stem with "lautet" (a name is asked), "meistens" with "meisten" (the largest)."""
    assert matcher.topic_words("Was fehlte laut Projektfazit meistens?") == ("fehlt", "projektfazit")


def test_a_short_unknown_word_is_not_read_as_a_dictionary_form(matcher: Matcher) -> None:
    """The typo "wan" (for "wann") is no "want"."""
    assert "want" not in matcher.topic_words("Seit wan darf sich Saarlouis Europastadt nennen?")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("In welchem Gebäude fand der Reflexionsworkshop in Germersheim statt?", "Weißenburger Tor"),
        ("How long did the follow-up project run?", "zwei Jahren"),
    ],
)
def test_a_building_is_asked_as_a_place_and_a_project_runs_for_its_duration(
    matcher: Matcher, question: str, fact: str
) -> None:
    assert fact in (_answer(matcher, question) or "")


def test_an_english_word_spelled_like_a_german_stem_keeps_its_english_meaning(matcher: Matcher) -> None:
    """English "branch" is no "Branche" (industry): it is the university's branch in Germersheim."""
    assert "Mainz" in (_answer(matcher, "Which university has a branch campus in Germersheim?") or "")


@pytest.mark.parametrize(
    "question",
    [
        "How many participants attended the family centre workshop in Michelstadt?",
        "Wie viele Einwohner hat der Stadtteil Jürgenohl?",
        "Wie viele Teilnehmende hatte der Familienzentrum-Workshop in Michelstadt?",
    ],
)
def test_a_how_many_question_is_answered_only_by_a_fact_that_names_what_it_counts(
    matcher: Matcher, question: str
) -> None:
    assert matcher.match(question).status != "answer"


def test_a_who_question_is_answered_only_by_a_fact_that_names_someone(matcher: Matcher) -> None:
    assert matcher.match("Wer hat die Dokumentation des 3. Netzwerktreffens geschrieben?").status != "answer"
    assert matcher.match("Who wrote the documentation of the third network meeting?").status != "answer"
    assert "Reimann" in (_answer(matcher, "Wer hat das Projekt geleitet?") or "")


def test_a_name_opening_a_sentence_names_someone(matcher: Matcher) -> None:
    """ "Difu reported the project as completed …": the English texts never write "difu" in lower case."""
    assert "Juni 2018" in (_answer(matcher, "Who reported the project as completed?") or "")


def test_word_pairs_of_a_facts_own_questions_decide_between_facts_of_one_entry(matcher: Matcher) -> None:
    """The entry's title fits its lead fact as well as the criteria fact's own question fits that fact."""
    assert "10.000" in (_answer(matcher, "Nach welchen Kriterien wurden die Kommunen ausgewählt?") or "")


def test_a_separable_verb_is_read_as_one_word(matcher: Matcher) -> None:
    """ "nahm … teil" is "teilnehmen" and "took part" is "participate", not "nahm", "Teil" or "part"."""
    assert matcher.match("Nahm Zittau am Nachfolgeprojekt teil?").status != "answer"
    assert _answer_id(matcher, "Which towns took part in the project?") == "projekt-kommunen"
    assert _answer_id(matcher, "Welche Städte nahmen am Projekt teil?") == "projekt-kommunen"
    assert "participate" not in matcher.topic_words("What took place in part of the old town of Goslar?")


@pytest.mark.parametrize(
    ("question", "entry"),
    [("Welche Städte waren dabei?", "projekt-kommunen"), ("leitung difu projekt", "projekt-team")],
)
def test_a_facts_question_asking_another_kind_of_answer_fits_less(matcher: Matcher, question: str, entry: str) -> None:
    """ "Seit wann sind die Städte dabei?" asks for a date: it fits "Welche Städte waren dabei?" less well than a
    question asking which towns."""
    assert _answer_id(matcher, question) == entry


def test_a_listed_synonym_is_not_repaired_into_another_known_word(matcher: Matcher) -> None:
    """ "gegründet" is in the synonym list; it must not become "gerundet" ("rounded")."""
    assert "gerund" not in matcher.topic_words("Wann wurde Saarlouis gegründet?")


def test_a_count_in_the_question_shapes_the_answer_rather_than_naming_its_topic(matcher: Matcher) -> None:
    result = matcher.match("Which two cities is Germersheim between?")
    assert result.status == "answer"
    assert result.best is not None
    assert result.best.fact is not None
    assert "Speyer" in result.best.fact.text.de


@pytest.mark.parametrize(
    "question",
    ["Tagungsort der Schader-Tagung 2017", "An welchem Tag fand der Reflexionsworkshop in Germersheim statt?"],
)
def test_the_kind_of_answer_is_read_from_compounds_and_day_questions_too(matcher: Matcher, question: str) -> None:
    """Neither the venue of the 2017 conference nor the day of the workshop is documented."""
    assert matcher.match(question).status != "answer"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Welche Firmen sind in Saarlouis ansässig?", "Ford"),
        ("Wie hieß das Bewerbungsverfahren für die Kommunen?", "Interessenbekundungsverfahren"),
        ("Wer war Chef des Difu zur Zeit der Abschlusstagung?", "zur Nedden"),
        ("Welches hessische Ministerium war mit im Boot?", "Hessisch"),
        ("Welche Bundesbehörde hat das Projekt gefördert?", "BAMF"),
    ],
)
def test_everyday_words_meet_the_knowledge_bases_terms(matcher: Matcher, question: str, fact: str) -> None:
    assert fact in (_answer(matcher, question) or "")


def test_a_question_word_in_a_form_the_knowledge_base_does_not_use_is_read_by_its_dictionary_form(
    matcher: Matcher,
) -> None:
    """ "gedauert" never occurs in the knowledge base; its dictionary form "dauern" is a synonym of "Laufzeit"."""
    assert "laufzeit" in matcher.topic_words("Wie lange hat das Projekt gedauert?")


def test_an_ordinal_picks_out_its_event(matcher: Matcher) -> None:
    assert "Weißenfels" in (_answer(matcher, "Wo fand das zweite Netzwerktreffen statt?") or "")
    assert matcher.match("Wo fand das dritte Netzwerktreffen statt?").status != "answer"


def test_the_day_of_a_date_is_no_count(matcher: Matcher) -> None:
    """The 2017 conference fact names "7. und 8. Juni" but no number of participants."""
    assert matcher.match("Wie viele Leute kamen zur Tagung im Juni 2017?").status != "answer"


def test_a_gap_about_unnamed_towns_answers_for_a_named_town(matcher: Matcher) -> None:
    """Which four towns joined Weißenfels and Mühlacker in the follow-up project is not documented."""
    result = matcher.match("War Zittau eine der vier weiteren Kommunen im Nachfolgeprojekt?")
    assert result.status == "suggest"
    assert result.gap is not None


def test_on_site_is_not_a_question_for_a_place(matcher: Matcher) -> None:
    assert "Werkstattprozesse" in (_answer(matcher, "Was gab es im Nachfolgeprojekt vor Ort?") or "")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Where did the closing conference take place?", "ufaFabrik"),
        ("Steinfurt kurz zusammengefasst", "Steinfurt"),
        ("What role did Ilmenau play in the project?", "Ilmenau"),
    ],
)
def test_common_paraphrases_reach_the_fact(matcher: Matcher, question: str, fact: str) -> None:
    assert fact in (_answer(matcher, question) or "")


def test_a_month_after_in_is_no_place(matcher: Matcher) -> None:
    """ "co-financed the conference in June 2017" names no venue; where it was held is not documented."""
    assert matcher.match("Where was the conference with the Schader Foundation in June 2017 held?").status != "answer"


def test_an_unknown_word_meets_the_known_compound_it_ends(matcher: Matcher) -> None:
    """ "Verfahren" is nowhere on its own, but "Interessenbekundungsverfahren" is."""
    assert "Interessenbekundung" in (_answer(matcher, "Welches Verfahren gab es für die Auswahl der Kommunen?") or "")
    assert matcher.match("Was kostet ein Deutschlandticket?").status != "answer"


def test_a_question_of_one_common_word_finds_the_fact_asked_that_briefly(matcher: Matcher) -> None:
    """ "Projekt" is in most facts; the overview is asked by "Worum geht es in dem Projekt?"."""
    assert _answer_id(matcher, "Worum ging es bei dem Projekt?") == "projekt-ueberblick"


def test_a_towns_founding_is_a_gap_unless_the_sources_give_it(matcher: Matcher) -> None:
    """Only Mühlacker's town charter (1930) is sourced; Jürgenohl "entstand" in the 1960s is no answer for Goslar."""
    result = matcher.match("Wann wurde Goslar gegründet?")
    assert result.status == "suggest"
    assert result.gap is not None
    assert "1930" in (_answer(matcher, "Seit wann hat Mühlacker Stadtrecht?") or "")


def test_a_distance_is_answered_only_by_a_sentence_that_gives_one(matcher: Matcher) -> None:
    assert "12 km" in (_answer(matcher, "Wie weit liegt Mühlacker von Pforzheim?") or "")
    assert matcher.match("Wie weit ist Zittau von Dresden entfernt?").status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Erzähl mir kurz etwas über Goslar, ich schreibe gerade einen Artikel.", "stadt-goslar"),
        ("Can you give me a brief profile of Steinfurt for our newsletter?", "stadt-steinfurt"),
    ],
)
def test_an_overview_request_naming_a_town_is_answered_with_the_town_itself(
    matcher: Matcher, question: str, entry: str
) -> None:
    result = matcher.match(question)
    assert result.status == "answer"
    assert result.candidates[0].entry.id == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Kannst du mir das Positionspapier kurz zusammenfassen?", "papier-ueberblick"),
        ("Ueberblick ueber die Netzwerktreffen bitte", "netzwerktreffen"),
    ],
)
def test_an_overview_request_is_asked_about_its_topic(matcher: Matcher, question: str, entry: str) -> None:
    result = matcher.match(question)
    assert result.status == "answer"
    assert result.candidates[0].entry.id == entry


@pytest.mark.parametrize(
    "question",
    [
        "Erzähl mir was über den Bürgermeister von Goslar 2025",
        "Gib mir einen kurzen Überblick über die Teilnehmerzahl der Auftaktveranstaltung",
    ],
)
def test_an_overview_word_does_not_turn_a_near_miss_into_an_answer(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).status != "answer"


def test_a_word_asking_for_today_is_no_topic_a_fact_saying_today_could_meet(matcher: Matcher) -> None:
    """ "today" once matched a townscape fact that "still shapes the town today" and answered a mayor question."""
    result = matcher.match("Who is the mayor of Germersheim today?")
    assert result.status != "answer"
    assert matcher.match("Who is the mayor of Germersheim?").status == "answer"


def test_a_question_naming_only_a_part_of_a_town_gets_the_fact_most_about_it(matcher: Matcher) -> None:
    result = matcher.match("Was ist Jürgenohl?")
    assert result.status == "answer"
    fact = result.candidates[0].fact
    assert fact is not None
    assert "1960er" in fact.text.de


def test_a_thesis_of_the_position_paper_is_never_answered_with_a_discussion_thesis(matcher: Matcher) -> None:
    result = matcher.match("Was steht in der ersten These des Positionspapiers?")
    assert all(not candidate.entry.id.startswith("these-") for candidate in result.candidates)
    assert matcher.match("Was besagt These 1?").candidates[0].entry.id.startswith("these-")


def test_a_german_verb_decides_a_question_whose_other_words_are_english_too(matcher: Matcher) -> None:
    result = matcher.match("Was besagt These 3?")
    assert (result.language, result.language_known) == ("de", True)


@pytest.mark.parametrize(
    "question",
    [
        "Kurz gefragt: Wer hat These 3 aufgestellt?",
        "Erzähl mir etwas über die Schulen in Weißenfels",
        "Describe the housing situation in Weißenfels",
        "Gibt es allgemeine Informationen zur Finanzierung in Goslar?",
    ],
)
def test_an_overview_word_beside_a_specific_topic_does_not_answer_with_the_overview(
    matcher: Matcher, question: str
) -> None:
    assert matcher.match(question).status != "answer"
