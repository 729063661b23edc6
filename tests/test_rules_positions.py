"""Position, represents and advises rules on hand-built parses (no statistical model)."""
from __future__ import annotations

from handbuilt import context, make_doc
from kg.nlp.completions import complete_origins
from kg.nlp.positions import find_positions, position_relations


def positions_of(*sentences):
    ctx = context(make_doc(*sentences))
    positions, implied, extra = find_positions(ctx)
    rels = position_relations(ctx, positions) + extra
    pos = {(p.person.split(":")[1], p.title, p.of.split(":")[1] if p.of else None) for p in positions}
    return pos, {(r.subject.split(":")[1], r.predicate, r.object.split(":")[1]) for r in rels}, implied


def test_nationality_adjective_title_name():
    pos, rels, implied = positions_of("""
    French 3 amod ADJ B-NORP
    Defence 2 compound PROPN
    Minister 3 compound PROPN
    Anne 4 compound PROPN B-PERSON
    Roy 5 nsubj PROPN I-PERSON
    resigned 5 ROOT VERB
    . 5 punct PUNCT
    """)
    assert pos == {("Anne Roy", "Defence Minister", "France")}
    assert rels == {("Anne Roy", "represents", "France")}
    assert implied == {"Country:France": "France"}


def test_country_name_title_name():
    pos, rels, _ = positions_of("""
    U.S. 1 compound PROPN B-GPE
    Ambassador 3 compound PROPN
    Lee 3 compound PROPN B-PERSON
    Park 4 nsubj PROPN I-PERSON
    spoke 4 ROOT VERB
    . 4 punct PUNCT
    """)
    assert pos == {("Lee Park", "Ambassador", "United States")}
    assert rels == {("Lee Park", "represents", "United States")}


def test_possessive_person_adviser_gives_advises():
    pos, rels, _ = positions_of("""
    Chilean 2 amod ADJ B-NORP
    President 2 compound PROPN
    Rosa 3 compound PROPN B-PERSON
    Vidal 6 poss PROPN I-PERSON
    's 3 case PART
    security 6 compound NOUN
    adviser 8 compound NOUN
    Tomas 8 compound PROPN B-PERSON
    Leiva 9 nsubj PROPN I-PERSON
    left 9 ROOT VERB
    . 9 punct PUNCT
    """)
    assert ("Tomas Leiva", "security adviser", "Rosa Vidal") in pos
    assert ("Rosa Vidal", "President", "Chile") in pos
    assert ("Tomas Leiva", "advises", "Rosa Vidal") in rels
    assert ("Rosa Vidal", "represents", "Chile") in rels


def test_title_without_origin_is_dropped_when_the_document_names_one():
    pos, _, _ = positions_of(
        """
        Italian 1 amod ADJ B-NORP
        Premier 3 compound PROPN
        Gia 3 compound PROPN B-PERSON
        Conti 4 nsubj PROPN I-PERSON
        spoke 4 ROOT VERB
        . 4 punct PUNCT
        """,
        """
        Premier 1 compound PROPN
        Conti 2 nsubj PROPN B-PERSON
        left 2 ROOT VERB
        . 2 punct PUNCT
        """,
    )
    assert pos == {("Gia Conti", "Premier", "Italy")}


def test_country_possessive_on_a_bare_name_represents():
    _, rels, _ = positions_of(
        """
        Rosa 1 compound PROPN B-PERSON
        Vidal 2 nsubj PROPN I-PERSON
        arrived 2 ROOT VERB
        . 2 punct PUNCT
        """,
        """
        Chile 2 poss PROPN B-GPE
        's 0 case PART
        Vidal 3 nsubj PROPN B-PERSON
        spoke 3 ROOT VERB
        . 3 punct PUNCT
        """,
    )
    assert rels == {("Rosa Vidal", "represents", "Chile")}


def test_adviser_to_a_person_in_apposition():
    pos, rels, _ = positions_of("""
    Tomas 1 compound PROPN B-PERSON
    Leiva 9 nsubj PROPN I-PERSON
    , 1 punct PUNCT
    an 4 det DET
    adviser 1 appos NOUN
    to 4 prep ADP
    Rosa 7 compound PROPN B-PERSON
    Vidal 5 pobj PROPN I-PERSON
    , 1 punct PUNCT
    resigned 9 ROOT VERB
    . 9 punct PUNCT
    """)
    assert ("Tomas Leiva", "adviser", "Rosa Vidal") in pos
    assert ("Tomas Leiva", "advises", "Rosa Vidal") in rels


def test_title_without_origin_takes_the_country_its_holder_represents():
    ctx = context(make_doc(
        """
        Chile 2 poss PROPN B-GPE
        's 0 case PART
        Vidal 3 nsubj PROPN B-PERSON
        spoke 3 ROOT VERB
        . 3 punct PUNCT
        """,
        """
        President 2 compound PROPN
        Rosa 2 compound PROPN B-PERSON
        Vidal 3 nsubj PROPN I-PERSON
        left 3 ROOT VERB
        . 3 punct PUNCT
        """,
    ))
    positions, _, extra = find_positions(ctx)
    assert [(p.title, p.of) for p in positions] == [("President", None)]
    completed = complete_origins(positions, extra)
    assert [(p.person, p.title, p.of) for p in completed] == [("Person:Rosa Vidal", "President", "Country:Chile")]


def test_title_name_of_country():
    pos, rels, _ = positions_of("""
    President 2 compound PROPN
    Rosa 2 compound PROPN B-PERSON
    Vidal 5 nsubj PROPN I-PERSON
    of 2 prep ADP
    Chile 3 pobj PROPN B-GPE
    spoke 5 ROOT VERB
    . 5 punct PUNCT
    """)
    assert pos == {("Rosa Vidal", "President", "Chile")}
    assert rels == {("Rosa Vidal", "represents", "Chile")}


def test_counterpart_after_a_comma_holds_the_same_title_in_its_country():
    pos, rels, _ = positions_of("""
    Peruvian 2 amod ADJ B-NORP
    Foreign 2 compound PROPN
    Minister 4 compound PROPN
    Ana 4 compound PROPN B-PERSON
    Reyes 5 nsubj PROPN I-PERSON
    met 5 ROOT VERB
    her 8 poss PRON
    Chilean 8 amod ADJ B-NORP
    counterpart 5 dobj NOUN
    , 8 punct PUNCT
    Rosa 11 compound PROPN B-PERSON
    Vidal 8 appos PROPN I-PERSON
    . 5 punct PUNCT
    """)
    assert ("Ana Reyes", "Foreign Minister", "Peru") in pos
    assert ("Rosa Vidal", "Foreign Minister", "Chile") in pos
    assert ("Rosa Vidal", "represents", "Chile") in rels


def test_counterpart_of_someone_without_a_title_gets_no_title():
    pos, rels, _ = positions_of("""
    Ana 1 compound PROPN B-PERSON
    Reyes 2 nsubj PROPN I-PERSON
    met 2 ROOT VERB
    her 5 poss PRON
    Chilean 5 amod ADJ B-NORP
    counterpart 2 dobj NOUN
    , 5 punct PUNCT
    Rosa 8 compound PROPN B-PERSON
    Vidal 5 appos PROPN I-PERSON
    . 2 punct PUNCT
    """)
    assert not any(p[0] == "Rosa Vidal" for p in pos)  # Reyes has no title to mirror
    assert ("Rosa Vidal", "represents", "Chile") in rels


def test_possessive_pronoun_adviser_advises_the_previous_subject():
    pos, rels, _ = positions_of("""
    Rosa 1 compound PROPN B-PERSON
    Vidal 2 nsubj PROPN I-PERSON
    arrived 2 ROOT VERB
    . 2 punct PUNCT
    """, """
    Her 1 poss PRON
    adviser 5 nsubj NOUN
    , 1 punct PUNCT
    Tomas 4 compound PROPN B-PERSON
    Leiva 1 appos PROPN I-PERSON
    spoke 5 ROOT VERB
    . 5 punct PUNCT
    """)
    assert ("Tomas Leiva", "advises", "Rosa Vidal") in rels


def test_a_former_post_gives_no_represents_and_no_country_from_elsewhere():
    ctx = context(make_doc("""
    Chile 2 poss PROPN B-GPE
    's 0 case PART
    Vidal 3 nsubj PROPN B-PERSON
    spoke 3 ROOT VERB
    . 3 punct PUNCT
    """, """
    Vidal 6 nsubj PROPN B-PERSON
    , 0 punct PUNCT
    a 4 det DET
    former 4 amod ADJ
    president 0 appos NOUN
    , 0 punct PUNCT
    left 6 ROOT VERB
    . 6 punct PUNCT
    """))
    positions, _, extra = find_positions(ctx)
    assert [(p.title, p.of) for p in positions] == [("former president", None)]
    assert [(p.title, p.of) for p in complete_origins(positions, extra)] == [("former president", None)]
    assert position_relations(ctx, positions) == []


def test_a_title_without_origin_before_the_name_leaves_room_for_a_post_after_it():
    pos, rels, _ = positions_of("""
    Professor 2 compound PROPN
    Ana 2 compound PROPN B-PERSON
    Reyes 3 nsubj PROPN I-PERSON
    was 3 ROOT AUX
    a 6 det DET
    senior 6 amod ADJ
    adviser 3 attr NOUN
    to 6 prep ADP
    Carl 9 compound PROPN B-PERSON
    Holt 7 pobj PROPN I-PERSON
    . 3 punct PUNCT
    """)
    assert ("Ana Reyes", "senior adviser", "Carl Holt") in pos
    assert ("Ana Reyes", "advises", "Carl Holt") in rels


def test_a_two_word_nationality_before_a_title():
    pos, rels, implied = positions_of("""
    South 1 compound PROPN B-NORP
    Korean 2 amod ADJ I-NORP
    President 4 compound PROPN
    Lee 4 compound PROPN B-PERSON
    Soo-jin 5 nsubj PROPN I-PERSON
    arrived 5 ROOT VERB
    . 5 punct PUNCT
    """)
    assert pos == {("Lee Soo-jin", "President", "South Korea")}
    assert implied == {"Country:South Korea": "South Korea"}


def test_a_counterpart_coordinated_with_a_titled_person_holds_the_same_title():
    pos, rels, _ = positions_of("""
    Peruvian 2 amod ADJ B-NORP
    Foreign 2 compound PROPN
    Minister 4 compound PROPN
    Ana 4 compound PROPN B-PERSON
    Reyes 13 nsubj PROPN I-PERSON
    and 4 cc CCONJ
    her 8 poss PRON
    Chilean 8 amod ADJ B-NORP
    counterpart 4 conj NOUN
    , 8 punct PUNCT
    Rosa 11 compound PROPN B-PERSON
    Vidal 8 appos PROPN I-PERSON
    , 8 punct PUNCT
    met 13 ROOT VERB
    . 13 punct PUNCT
    """)
    assert ("Rosa Vidal", "Foreign Minister", "Chile") in pos


def test_a_counterpart_takes_the_title_even_when_its_holder_has_no_country():
    pos, _, _ = positions_of("""
    Defence 1 compound PROPN
    Minister 3 compound PROPN
    Jonas 3 compound PROPN B-PERSON
    Weber 4 nsubj PROPN I-PERSON
    met 4 ROOT VERB
    his 7 poss PRON
    Lithuanian 7 amod ADJ B-NORP
    counterpart 4 dobj NOUN
    Rasa 9 compound PROPN B-PERSON
    Kairys 7 appos PROPN I-PERSON
    . 4 punct PUNCT
    """)
    assert ("Rasa Kairys", "Defence Minister", "Lithuania") in pos


def test_a_courtesy_title_between_the_post_and_the_name():
    pos, rels, _ = positions_of("""
    British 2 amod ADJ B-NORP
    Foreign 2 compound PROPN
    Secretary 5 compound PROPN
    Sir 5 compound PROPN
    Alan 5 compound PROPN B-PERSON
    Duncan 6 nsubj PROPN I-PERSON
    spoke 6 ROOT VERB
    . 6 punct PUNCT
    """)
    assert pos == {("Alan Duncan", "Foreign Secretary", "United Kingdom")}


def test_a_name_hung_on_the_last_noun_of_a_title_phrase_holds_the_title():
    pos, rels, _ = positions_of("""
    The 1 det DET
    Union 4 poss PROPN B-ORG
    's 1 case PART
    special 4 amod ADJ
    envoy 10 nsubj NOUN
    for 4 prep ADP
    Chile 5 pobj PROPN B-GPE
    , 6 punct PUNCT
    Ana 9 compound PROPN B-PERSON
    Reyes 6 appos PROPN I-PERSON
    arrived 10 ROOT VERB
    . 10 punct PUNCT
    """)
    assert ("Ana Reyes", "special envoy", "Union") in pos
    assert ("Ana Reyes", "represents", "Union") in rels


def test_a_possessor_left_of_the_title_words_is_the_origin():
    pos, rels, _ = positions_of("""
    Chile 4 poss PROPN B-GPE
    's 0 case PART
    external 3 amod ADJ
    affairs 4 compound NOUN
    minister 9 nsubj NOUN
    , 4 punct PUNCT
    Ana 7 compound PROPN B-PERSON
    Reyes 4 appos PROPN I-PERSON
    , 4 punct PUNCT
    spoke 9 ROOT VERB
    . 9 punct PUNCT
    """)
    assert pos == {("Ana Reyes", "external affairs minister", "Chile")}
    assert rels == {("Ana Reyes", "represents", "Chile")}


def test_its_president_is_the_president_of_the_organisation_that_speaks():
    pos, rels, _ = positions_of("""
    The 1 det DET
    Institute 2 nsubj PROPN B-ORG
    said 2 ROOT VERB
    its 4 poss PRON
    president 9 nsubj NOUN
    , 4 punct PUNCT
    Ana 7 compound PROPN B-PERSON
    Berg 4 appos PROPN I-PERSON
    , 4 punct PUNCT
    resigned 2 ccomp VERB
    . 2 punct PUNCT
    """)
    assert pos == {("Ana Berg", "president", "Institute")}
    assert rels == {("Ana Berg", "represents", "Institute")}


def test_a_title_of_national_office_names_its_country_when_the_text_does_not():
    from kg.nlp.completions import national_origins
    from kg.records import Evidence, Position

    ev = Evidence("Foreign Secretary Ana Reyes spoke.", 0, 34, "title-premodifier", 0.75)
    found, implied = national_origins([
        Position("Person:Ana Reyes", "Foreign Secretary", None, ev),
        Position("Person:Ana Reyes", "President", None, ev),
        Position("Person:Carl Holt", "Foreign Secretary", "Country:India", ev),
    ])
    assert [(p.title, p.of) for p in found] == [("Foreign Secretary", "Country:United Kingdom"), ("President", None),
                                                ("Foreign Secretary", "Country:India")]
    assert found[0].evidence.rule == "title-premodifier/national-title"
    assert implied == {"Country:United Kingdom": "United Kingdom"}
