"""Visits as meetings with the host country (hand-built parses, no model)."""
from __future__ import annotations

from handbuilt import context, make_doc
from kg.nlp.locations import find_locations
from kg.nlp.positions import find_positions
from kg.nlp.visits import find_visits

VISITED = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
visited 2 ROOT VERB
{place} 2 dobj PROPN B-GPE
. 2 punct PUNCT
"""

ARRIVED_FOR_TALKS = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
arrived 2 ROOT VERB
in 2 prep ADP
Lima 3 pobj PROPN B-GPE
, 4 punct PUNCT
Peru 4 appos PROPN B-GPE
, 4 punct PUNCT
for 2 prep ADP
{purpose} 8 pobj NOUN
. 2 punct PUNCT
"""


def visits(*sentences):
    ctx = context(make_doc(*sentences))
    ctx.set_positions(find_positions(ctx)[0])
    return [(tuple(k.split(":")[1] for k in e.participants), tuple(k.split(":")[1] for k in e.places), e.status)
            for e in find_visits(ctx, find_locations(ctx), None)]


def test_visiting_a_country_is_a_meeting_with_that_country_there():
    assert visits(VISITED.format(place="Peru")) == [(("Anna Berg", "Peru"), ("Peru",), "asserted")]


def test_arriving_in_a_city_of_a_known_country_for_talks_is_a_meeting_with_that_country():
    assert visits(ARRIVED_FOR_TALKS.format(purpose="talks")) == [(("Anna Berg", "Peru"), ("Lima",), "asserted")]


def test_arriving_for_anything_else_is_no_visit():
    assert visits(ARRIVED_FOR_TALKS.format(purpose="treatment")) == []


def test_a_city_in_no_known_country_gives_no_visit():
    assert visits(VISITED.format(place="Lima")) == []


def test_visiting_ones_own_country_is_no_visit():
    president = """
Peruvian 1 amod ADJ B-NORP
President 3 compound PROPN
Anna 3 compound PROPN B-PERSON
Berg 4 nsubj PROPN I-PERSON
spoke 4 ROOT VERB
. 4 punct PUNCT
"""
    assert visits(president, VISITED.format(place="Peru")) == []


def test_a_visit_in_a_relative_clause_is_background_not_a_visit_reported():
    parse = """
Carl 1 compound PROPN B-PERSON
Holt 7 nsubj PROPN I-PERSON
, 1 punct PUNCT
who 4 nsubj PRON
visited 1 relcl VERB
Peru 4 dobj PROPN B-GPE
, 1 punct PUNCT
spoke 7 ROOT VERB
. 7 punct PUNCT
"""
    assert visits(parse) == []
    assert visits(VISITED.format(place="Peru")) != []
