"""Actor finding, cleaning, typing and within-document resolution on hand-built parses."""
from __future__ import annotations

import pytest

from handbuilt import context, make_doc
from kg.nlp.actors import clean_name


def entities(*sentences):
    ctx = context(make_doc(*sentences))
    return {(e.type, e.name): set(e.aliases) for e in ctx.actors.entities.values()}, ctx


@pytest.mark.parametrize("raw, clean", [
    ("the European Commission's", "European Commission"),
    ("Mr Blair", "Blair"),
    ("NBC News'", "NBC News"),
    ("Ms. Roe", "Roe"),
])
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


def test_surname_resolves_to_the_full_name_whatever_the_model_label():
    ents, ctx = entities(
        """
        Ilse 1 compound PROPN B-PERSON
        Brandt 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """,
        """
        Brandt 1 nsubj PROPN B-ORG
        left 1 ROOT VERB
        . 1 punct PUNCT
        """,
    )
    assert ents == {("Person", "Ilse Brandt"): {"Brandt"}}
    assert [m.key for m in ctx.actors.mentions] == ["Person:Ilse Brandt", "Person:Ilse Brandt"]


def test_country_variants_are_one_country_with_aliases():
    ents, _ = entities("""
    U.S. 2 nsubj PROPN B-GPE
    and 0 cc CCONJ
    America 0 conj PROPN B-GPE
    agreed 3 ROOT VERB
    . 3 punct PUNCT
    """)
    assert list(ents) == [("Country", "United States")]
    assert {"U.S.", "America", "USA"} <= ents[("Country", "United States")]


def test_title_is_cut_from_an_organisation_that_runs_into_it():
    # the model tagged "U.S. National Security" as ORG; the title "National Security Advisor" wins
    ents, _ = entities("""
    U.S. 3 compound PROPN B-ORG
    National 2 compound PROPN I-ORG
    Security 3 compound PROPN I-ORG
    Advisor 5 compound PROPN
    Ana 5 compound PROPN B-PERSON
    Reyes 6 nsubj PROPN I-PERSON
    spoke 6 ROOT VERB
    . 6 punct PUNCT
    """)
    assert set(ents) == {("Country", "United States"), ("Person", "Ana Reyes")}


def test_junk_and_nationalities_are_not_actors():
    ents, _ = entities("""
    RELATED 1 compound PROPN B-PERSON
    STORY 5 nsubj PROPN I-PERSON
    Russian 3 amod ADJ B-NORP
    officials 5 nsubj NOUN
    on 5 prep ADP
    Tuesday 4 pobj PROPN B-DATE
    said 5 ROOT VERB
    . 5 punct PUNCT
    """)
    assert ents == {}


def test_known_party_name_is_an_organisation_even_when_tagged_person():
    ents, _ = entities("""
    Labour 1 nsubj PROPN B-PERSON
    won 1 ROOT VERB
    . 1 punct PUNCT
    """)
    assert ("Organization", "Labour Party") in ents


def test_lone_single_word_person_without_cue_is_dropped_but_kept_with_a_courtesy_title():
    ents, _ = entities(
        """
        Library 1 nsubj PROPN B-PERSON
        closed 1 ROOT VERB
        . 1 punct PUNCT
        """,
        """
        Mr 1 compound PROPN
        Okoro 2 nsubj PROPN B-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """,
    )
    assert set(ents) == {("Person", "Okoro")}


def test_a_name_after_a_title_is_a_person_whatever_other_label_the_model_gave():
    ents, _ = entities(
        """
        Crown 1 compound PROPN B-PRODUCT
        Prince 2 compound PROPN I-PRODUCT
        Nasser 3 nsubj PROPN I-PRODUCT
        arrived 3 ROOT VERB
        . 3 punct PUNCT
        """,
        """
        Emir 1 compound PROPN
        Tamim 2 nsubj PROPN
        left 2 ROOT VERB
        . 2 punct PUNCT
        """,
    )
    assert set(ents) == {("Person", "Nasser"), ("Person", "Tamim")}


def test_sheikh_is_a_courtesy_title_not_a_post():
    from kg.nlp.positions import find_positions

    ents, ctx = entities(
        """
        Qatar 2 poss PROPN B-GPE
        's 0 case PART
        emir 8 nsubj NOUN
        , 2 punct PUNCT
        Sheikh 6 compound PROPN
        Hamad 6 compound PROPN B-PERSON
        Khalid 2 appos PROPN I-PERSON
        , 2 punct PUNCT
        spoke 8 ROOT VERB
        . 8 punct PUNCT
        """,
    )
    assert ("Person", "Hamad Khalid") in ents
    positions, _, _ = find_positions(ctx)
    assert [(p.person, p.title, p.of) for p in positions] == [("Person:Hamad Khalid", "emir", "Country:Qatar")]


def test_no_person_is_made_of_the_first_words_of_a_longer_name():
    ents, _ = entities(
        """
        Cardinal 4 compound PROPN
        Ana 4 compound PROPN
        Reyes 4 compound PROPN B-ORG
        - 4 punct PUNCT I-ORG
        Vidal 5 nsubj PROPN I-ORG
        spoke 5 ROOT VERB
        . 5 punct PUNCT
        """,
    )
    assert ("Person", "Ana") not in ents


@pytest.mark.parametrize("name, adjective, canonical", [
    ("Senegal", "Senegalese", "Senegal"),
    ("Côte d'Ivoire", "Ivorian", "Ivory Coast"),
    ("Timor-Leste", "Timorese", "East Timor"),
    ("Eswatini", "Swazi", "Eswatini"),
    ("Niger", "Nigerien", "Niger"),
])
def test_the_country_lexicon_covers_un_member_states_and_their_demonyms(name, adjective, canonical):
    from kg.nlp.lexicon import countries

    assert countries().canonical(name) == canonical
    assert countries().from_adjective(adjective) == canonical
    assert countries().from_adjective("Nigerian") == "Nigeria"  # not confused with Niger


def test_a_family_name_written_first_resolves_to_the_full_name():
    ents, _ = entities(
        """
        Lee 1 compound PROPN B-PERSON
        Soo-jin 2 nsubj PROPN I-PERSON
        arrived 2 ROOT VERB
        . 2 punct PUNCT
        """,
        """
        Lee 1 nsubj PROPN B-PERSON
        spoke 1 ROOT VERB
        . 1 punct PUNCT
        """,
    )
    assert ents == {("Person", "Lee Soo-jin"): {"Lee"}}


def test_a_word_that_starts_two_full_names_resolves_to_neither():
    ents, _ = entities(
        """
        Lee 1 compound PROPN B-PERSON
        Soo-jin 5 nsubj PROPN I-PERSON
        and 1 cc CCONJ
        Lee 4 compound PROPN B-PERSON
        Min-ho 1 conj PROPN I-PERSON
        arrived 5 ROOT VERB
        . 5 punct PUNCT
        """,
        """
        Mr 1 compound PROPN
        Lee 2 nsubj PROPN B-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """,
    )
    assert ("Person", "Lee Soo-jin") in ents and ("Person", "Lee Min-ho") in ents
    assert "Lee" not in ents[("Person", "Lee Soo-jin")] | ents[("Person", "Lee Min-ho")]


def test_a_titled_name_whose_surname_alone_the_model_typed_as_an_organisation_is_a_person():
    ents, _ = entities(
        """
        Senator 2 compound PROPN
        Ana 2 compound PROPN
        Reyes 3 nsubj PROPN B-ORG
        spoke 3 ROOT VERB
        . 3 punct PUNCT
        """,
    )
    assert set(ents) == {("Person", "Ana Reyes")}



def test_a_name_with_a_title_in_apposition_is_a_person_whatever_the_model_said():
    ents, _ = entities(
        """
        Ana 1 compound PROPN
        Reyes 7 nsubj PROPN B-ORG
        , 1 punct PUNCT
        the 5 det DET
        foreign 5 amod ADJ
        minister 1 appos NOUN
        , 1 punct PUNCT
        spoke 7 ROOT VERB
        . 7 punct PUNCT
        """,
    )
    assert set(ents) == {("Person", "Ana Reyes")}


def test_a_place_with_a_common_noun_in_apposition_stays_a_place():
    ents, _ = entities(
        """
        Lima 5 nsubj PROPN B-GPE
        , 0 punct PUNCT
        the 3 det DET
        capital 0 appos NOUN
        , 0 punct PUNCT
        grew 5 ROOT VERB
        . 5 punct PUNCT
        """,
    )
    assert set(ents) == {("Place", "Lima")}


def test_a_given_name_opening_the_sentence_belongs_to_the_name_but_a_title_does_not():
    ents, _ = entities(
        """
        Shani 2 compound PROPN
        Rhys 2 compound PROPN B-PERSON
        James 3 nsubj PROPN I-PERSON
        painted 3 ROOT VERB
        . 3 punct PUNCT
        """,
        """
        Solicitor 2 compound PROPN
        Gareth 2 compound PROPN B-PERSON
        Pierce 3 nsubj PROPN I-PERSON
        spoke 3 ROOT VERB
        . 3 punct PUNCT
        """,
    )
    assert set(ents) == {("Person", "Shani Rhys James"), ("Person", "Gareth Pierce")}


def test_an_untagged_surname_of_a_known_person_is_a_mention_of_that_person():
    doc = make_doc(
        """
        Ada 1 compound PROPN B-PERSON
        Okoro 2 nsubj PROPN I-PERSON
        arrived 2 ROOT VERB
        . 2 punct PUNCT
        """,
        """
        Okoro 1 nsubj PROPN
        met 1 ROOT VERB
        Carl 3 compound PROPN B-PERSON
        Holt 1 dobj PROPN I-PERSON
        . 1 punct PUNCT
        """,
    )
    ctx = context(doc)
    assert ctx.actor(doc[4]) == "Person:Ada Okoro"  # the second "Okoro", which the model left untagged
    assert ctx.actors.entities["Person:Ada Okoro"].aliases == ("Okoro",)


def test_the_last_words_of_a_longer_name_are_that_person():
    ents, _ = entities(
        """
        Hany 2 compound PROPN B-PERSON
        Abdel 2 compound PROPN I-PERSON
        Salam 3 nsubj PROPN I-PERSON
        arrived 3 ROOT VERB
        . 3 punct PUNCT
        """,
        """
        Abdel 1 compound PROPN B-PERSON
        Salam 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """,
    )
    assert ents == {("Person", "Hany Abdel Salam"): {"Abdel Salam"}}


def test_a_name_in_apposition_to_a_title_is_a_person_whatever_the_model_said():
    ents, _ = entities(
        """
        The 2 det DET
        foreign 2 amod ADJ
        minister 8 nsubj NOUN
        of 2 prep ADP
        Peru 3 pobj PROPN B-GPE
        , 4 punct PUNCT
        Ana 7 compound PROPN
        Reyes 4 appos PROPN B-ORG
        arrived 8 ROOT VERB
        . 8 punct PUNCT
        """,
    )
    assert ("Person", "Ana Reyes") in ents and ("Organization", "Reyes") not in ents


def test_a_family_name_the_model_left_out_of_a_person_is_taken_in():
    # "Pham Binh" tagged PERSON, "Minh" untagged although the name hangs on it
    ents, _ = entities("""
    Vera 1 nsubj PROPN B-PERSON
    met 1 ROOT VERB
    Tran 4 compound PROPN B-PERSON
    Van 4 compound PROPN I-PERSON
    Long 1 dobj PROPN
    . 1 punct PUNCT
    """)
    assert ("Person", "Tran Van Long") in ents


@pytest.mark.parametrize("head", ["Council", "Minister"])
def test_a_family_name_stops_at_an_organisation_head_or_a_title(head):
    ents, _ = entities(f"""
    Tran 2 compound PROPN B-PERSON
    Long 2 compound PROPN I-PERSON
    {head} 3 nsubj PROPN
    met 3 ROOT VERB
    . 3 punct PUNCT
    """)
    assert ("Person", "Tran Long") in ents
    assert not any(name.endswith(head) for _, name in ents)


def test_a_known_surname_the_tagger_took_for_an_adverb_is_still_the_person():
    ents, ctx = entities(
        """
        Ana 1 compound PROPN B-PERSON
        Connolly 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """,
        """
        Connolly 1 advmod ADV B-PERSON
        left 1 ROOT VERB
        . 1 punct PUNCT
        """,
    )
    assert [m.key for m in ctx.actors.mentions] == ["Person:Ana Connolly", "Person:Ana Connolly"]


def test_a_name_with_and_without_a_middle_initial_and_its_surname_are_one_person():
    ents, ctx = entities(
        """
        Ana 1 compound PROPN B-PERSON
        Reyes 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """,
        """
        Ana 2 compound PROPN B-PERSON
        M. 2 compound PROPN I-PERSON
        Reyes 3 nsubj PROPN I-PERSON
        left 3 ROOT VERB
        . 3 punct PUNCT
        """,
        """
        Reyes 1 nsubj PROPN B-PERSON
        smiled 1 ROOT VERB
        . 1 punct PUNCT
        """,
    )
    assert [k for k in ents if k[0] == "Person"] == [("Person", "Ana M. Reyes")]
    assert len({m.key for m in ctx.actors.mentions}) == 1


def _orgs_said(*names):
    rows = []
    for name in names:
        words = name.split()
        sent = [f"{w} {len(words)} compound PROPN {'B' if i == 0 else 'I'}-ORG" for i, w in enumerate(words[:-1])]
        sent.append(f"{words[-1]} {len(words)} nsubj PROPN {'B' if len(words) == 1 else 'I'}-ORG")
        sent += [f"said {len(words)} ROOT VERB", f". {len(words)} punct PUNCT"]
        rows.append("\n".join(sent))
    return entities(*rows)


def test_an_acronym_is_the_one_organisation_of_the_article_with_those_initials():
    ents, ctx = _orgs_said("National Audit Office", "NAO")
    assert list(ents) == [("Organization", "National Audit Office")]
    assert "NAO" in ents[("Organization", "National Audit Office")]


def test_an_acronym_two_organisations_share_stays_apart():
    ents, _ = _orgs_said("National Audit Office", "Nordic Arts Orchestra", "NAO")
    assert ("Organization", "NAO") in ents


@pytest.mark.parametrize("name, junk", [("AP Photo/Jane Roe", True), ("REUTERS/Kham/Pool", True),
                                        ("New York Times/CBS News", False)])
def test_a_photo_credit_is_no_actor_but_a_joint_name_is(name, junk):
    from kg.nlp.actors import is_junk

    assert is_junk(name) is junk


CITY_OF_NAME_TAGGED_PERSON = """
Fighting 1 nsubj NOUN
raged 1 ROOT VERB
in 1 prep ADP
the 5 det DET
border 5 compound NOUN
city 2 pobj NOUN
of 5 prep ADP
Ras 8 compound PROPN B-PERSON
al-Ayn 6 pobj PROPN I-PERSON
. 1 punct PUNCT
"""

RAS_ALONE = """
Smoke 1 nsubj NOUN
rose 1 ROOT VERB
over 1 prep ADP
Ras 4 compound PROPN B-GPE
al-Ain 2 pobj PROPN I-GPE
. 1 punct PUNCT
"""


def test_a_name_a_place_noun_is_of_is_a_place_and_its_other_spelling_the_same_place():
    ents, ctx = entities(CITY_OF_NAME_TAGGED_PERSON, RAS_ALONE)
    assert ents == {("Place", "Ras al-Ayn"): {"Ras al-Ain"}}
    assert [m.key for m in ctx.actors.mentions] == ["Place:Ras al-Ayn", "Place:Ras al-Ayn"]


def test_a_surname_shared_by_two_goes_to_the_one_the_reader_knew():
    """"Trump" after "Donald Trump" and before "Melania Trump" is Donald Trump; a surname first
    written after both were introduced stays apart."""
    ents, _ = entities("""
        Donald 1 compound PROPN B-PERSON
        Trump 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """, """
        Trump 1 nsubj PROPN B-PERSON
        left 1 ROOT VERB
        . 1 punct PUNCT
        """, """
        Melania 1 compound PROPN B-PERSON
        Trump 2 nsubj PROPN I-PERSON
        stayed 2 ROOT VERB
        . 2 punct PUNCT
        """)
    assert ents == {("Person", "Donald Trump"): {"Trump"}, ("Person", "Melania Trump"): set()}


def test_the_first_word_of_one_organisations_name_is_that_organisation():
    ents, _ = entities("""
        The 2 det DET
        Heritage 2 compound PROPN B-ORG
        Foundation 3 nsubj PROPN I-ORG
        spoke 3 ROOT VERB
        . 3 punct PUNCT
        """, """
        Heritage 1 nsubj PROPN B-ORG
        left 1 ROOT VERB
        . 1 punct PUNCT
        """)
    assert ents == {("Organization", "Heritage Foundation"): {"Heritage"}}


@pytest.mark.parametrize("rows, kept", [
    ("""
     Political 3 compound PROPN B-ORG
     Funds 3 compound PROPN I-ORG
     Control 3 compound PROPN I-ORG
     Law 4 nsubj PROPN I-ORG
     passed 4 ROOT VERB
     . 4 punct PUNCT
     """, set()),
    ("""
     the 3 det DET
     Fianna 2 compound PROPN B-PERSON
     Fáil 3 compound PROPN I-PERSON
     party 4 nsubj NOUN I-PERSON
     won 4 ROOT VERB
     . 4 punct PUNCT
     """, {("Organization", "Fianna Fáil")}),
])
def test_laws_are_no_actors_and_a_party_noun_after_a_name_makes_it_an_organisation(rows, kept):
    ents, _ = entities(rows)
    assert set(ents) == kept


def test_a_surname_the_tagger_took_for_a_common_noun_is_still_the_person():
    """"Trump flew into Hanoi" with "Trump" tagged NOUN: it ends one person's full name."""
    _, ctx = entities("""
        Donald 1 compound PROPN B-PERSON
        Trump 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """, """
        Trump 1 nsubj NOUN
        flew 1 ROOT VERB
        home 1 advmod ADV
        . 1 punct PUNCT
        """)
    assert [m.key for m in ctx.actors.mentions] == ["Person:Donald Trump", "Person:Donald Trump"]


def test_codes_are_bodies_and_cities_the_gazetteer_knows_are_places_not_persons():
    ents, _ = entities("""
        G8 1 nsubj PROPN B-PERSON
        met 1 ROOT VERB
        in 1 prep ADP
        Manchester 2 pobj PROPN B-PERSON
        . 1 punct PUNCT
        """, """
        Manchester 1 nsubj PROPN B-PERSON
        voted 1 ROOT VERB
        . 1 punct PUNCT
        """)
    assert set(ents) == {("Organization", "G8"), ("Place", "Manchester")}


def test_a_surname_that_is_also_a_city_stays_the_person():
    ents, _ = entities("""
        Ann 1 compound PROPN B-PERSON
        Lincoln 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """, """
        Lincoln 1 nsubj PROPN B-PERSON
        left 1 ROOT VERB
        . 1 punct PUNCT
        """)
    assert set(ents) == {("Person", "Ann Lincoln")}


def test_a_regnal_name_is_no_short_form_of_another_persons_full_name():
    """"ex-King Olav" in an article about Olav Berg is a person of its own."""
    ents, _ = entities(
        """
        Olav 1 compound PROPN B-PERSON
        Berg 2 nsubj PROPN I-PERSON
        spoke 2 ROOT VERB
        . 2 punct PUNCT
        """,
        """
        King 1 compound PROPN
        Olav 2 nsubj PROPN B-PERSON
        abdicated 2 ROOT VERB
        . 2 punct PUNCT
        """,
    )
    assert set(ents) == {("Person", "Olav Berg"), ("Person", "Olav")}


def test_a_region_tagged_as_an_organisation_is_a_place():
    ents, _ = entities(
        """
        Voters 1 nsubj NOUN
        in 1 prep ADP
        Wales 1 pobj PROPN B-ORG
        voted 3 ROOT VERB
        . 3 punct PUNCT
        """,
    )
    assert set(ents) == {("Place", "Wales")}
