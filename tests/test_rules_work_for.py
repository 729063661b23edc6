"""Work for an organisation: occupations and roles from ``patterns/titles.txt`` ("a lobbyist with
ORG", "ORG anchorman NAME", "NAME is a professor at ORG") on hand-built parses."""
from __future__ import annotations

from handbuilt import context, make_doc
from kg.nlp.positions import find_positions, position_relations


def positions_of(*sentences):
    ctx = context(make_doc(*sentences))
    positions, _, extra = find_positions(ctx)
    rels = position_relations(ctx, positions) + extra
    pos = {(p.person.split(":")[1], p.title, p.of.split(":")[1] if p.of else None) for p in positions}
    return pos, {(r.subject.split(":")[1], r.predicate, r.object.split(":")[1]) for r in rels}


def test_occupation_in_apposition_with_an_organisation():
    pos, rels = positions_of("""
    Jane 1 compound PROPN B-PERSON
    Roe 10 nsubj PROPN I-PERSON
    , 1 punct PUNCT
    a 4 det DET
    lobbyist 1 appos NOUN
    with 4 prep ADP
    the 8 det DET
    Acme 8 compound PROPN B-ORG
    Institute 5 pobj PROPN I-ORG
    , 10 punct PUNCT
    said 10 ROOT VERB
    . 10 punct PUNCT
    """)
    assert pos == {("Jane Roe", "lobbyist", "Acme Institute")}
    assert rels == {("Jane Roe", "represents", "Acme Institute")}


def test_organisation_before_an_occupation_and_a_name():
    pos, rels = positions_of("""
    Vexco 1 compound PROPN B-ORG
    anchorman 3 compound NOUN
    Lee 3 compound PROPN B-PERSON
    Park 4 nsubj PROPN I-PERSON
    spoke 4 ROOT VERB
    . 4 punct PUNCT
    """)
    assert pos == {("Lee Park", "anchorman", "Vexco")}
    assert rels == {("Lee Park", "represents", "Vexco")}


def test_name_is_a_professor_at_an_organisation():
    pos, rels = positions_of("""
    Ann 1 compound PROPN B-PERSON
    Lee 2 nsubj PROPN I-PERSON
    is 2 ROOT AUX
    a 4 det DET
    professor 2 attr NOUN
    at 4 prep ADP
    the 8 det DET
    Bolt 8 compound PROPN B-ORG
    Institute 5 pobj PROPN I-ORG
    . 2 punct PUNCT
    """)
    assert pos == {("Ann Lee", "professor", "Bolt Institute")}
    assert rels == {("Ann Lee", "represents", "Bolt Institute")}


def test_occupation_without_an_organisation_represents_nobody():
    pos, rels = positions_of("""
    Ann 1 compound PROPN B-PERSON
    Lee 6 nsubj PROPN I-PERSON
    , 1 punct PUNCT
    a 4 det DET
    lawyer 1 appos NOUN
    , 6 punct PUNCT
    said 6 ROOT VERB
    . 6 punct PUNCT
    """)
    assert pos == {("Ann Lee", "lawyer", None)}
    assert rels == set()
