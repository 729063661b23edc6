"""locatedIn rules on hand-built parses."""
from __future__ import annotations

from handbuilt import context, make_doc
from kg.nlp.locations import find_locations
from kg.nlp.vocab import vocab


def located(*sentences):
    ctx = context(make_doc(*sentences))
    return {(r.subject.split(":")[1], r.object.split(":")[1], r.evidence.rule) for r in find_locations(ctx)}


def test_city_comma_state():
    assert located("""
    Storms 1 nsubj NOUN
    hit 1 ROOT VERB
    Dover 1 dobj PROPN B-GPE
    , 2 punct PUNCT
    Delaware 2 appos PROPN B-GPE
    . 1 punct PUNCT
    """) == {("Dover", "Delaware", "place-appos")}


def test_a_list_of_places_is_not_containment():
    assert located("""
    She 1 nsubj PRON
    visited 1 ROOT VERB
    Oslo 1 dobj PROPN B-GPE
    , 2 punct PUNCT
    Bergen 2 conj PROPN B-GPE
    and 4 cc CCONJ
    Tromso 4 conj PROPN B-GPE
    . 1 punct PUNCT
    """) == set()


def test_organisation_of_a_city_comma_state():
    found = located("""
    They 1 nsubj PRON
    sued 1 ROOT VERB
    Acme 3 compound PROPN B-ORG
    Plastics 1 dobj PROPN I-ORG
    of 3 prep ADP
    Dover 4 pobj PROPN B-GPE
    , 5 punct PUNCT
    Delaware 5 appos PROPN B-GPE
    . 1 punct PUNCT
    """)
    assert ("Acme Plastics", "Dover", "place-of") in found
    assert ("Acme Plastics", "Delaware", "place-appos") in found


def test_city_based_organisation():
    assert located("""
    The 3 det DET
    Lyon 2 npadvmod PROPN B-GPE
    based 3 amod VERB
    Interpol 4 nsubj PROPN B-ORG
    said 4 ROOT VERB
    . 4 punct PUNCT
    """) == {("Interpol", "Lyon", "based-in")}


def test_country_possessive_on_a_place():
    assert located("""
    Kenya 3 poss PROPN B-GPE
    's 0 case PART
    Rift 3 compound PROPN B-LOC
    Valley 4 nsubj PROPN I-LOC
    flooded 4 ROOT VERB
    . 4 punct PUNCT
    """) == {("Rift Valley", "Kenya", "possessive-place")}


def test_city_comma_country_read_as_coordination():
    # the parser often makes the country a conjunct of the city: still containment
    assert located("""
    She 1 nsubj PRON
    flew 1 ROOT VERB
    to 1 prep ADP
    Lima 2 pobj PROPN B-GPE
    , 3 punct PUNCT
    Peru 3 conj PROPN B-GPE
    , 3 punct PUNCT
    on 1 prep ADP
    Monday 7 pobj PROPN
    . 1 punct PUNCT
    """) == {("Lima", "Peru", "place-appos")}


def test_a_list_of_three_places_without_and_is_not_containment():
    assert located("""
    She 1 nsubj PRON
    visited 1 ROOT VERB
    Oslo 1 dobj PROPN B-GPE
    , 2 punct PUNCT
    Bergen 2 conj PROPN B-GPE
    , 4 punct PUNCT
    Tromso 4 conj PROPN B-GPE
    . 1 punct PUNCT
    """) == set()


def test_place_in_a_region_when_the_phrase_hangs_on_the_verb():
    assert located("""
    Floods 1 nsubj NOUN
    hit 1 ROOT VERB
    Tarbert 1 dobj PROPN B-GPE
    in 1 prep ADP
    northern 5 amod ADJ
    Kintyre 3 pobj PROPN B-LOC
    . 1 punct PUNCT
    """) == {("Tarbert", "Kintyre", "place-in")}


def test_organisation_in_a_city_when_the_phrase_hangs_on_the_verb():
    assert located("""
    She 1 nsubj PRON
    worked 1 ROOT VERB
    at 1 prep ADP
    Acme 4 compound PROPN B-ORG
    Plastics 2 pobj PROPN I-ORG
    in 1 prep ADP
    Dover 5 pobj PROPN B-GPE
    . 1 punct PUNCT
    """) == {("Acme Plastics", "Dover", "place-in")}


def test_in_followed_by_a_common_noun_is_not_containment():
    assert located("""
    Tarbert 1 nsubj PROPN B-GPE
    lies 1 ROOT VERB
    in 1 prep ADP
    a 4 det DET
    bay 2 pobj NOUN
    . 1 punct PUNCT
    """) == set()


CHAIN = """
Leaders 1 nsubj NOUN
met 1 ROOT VERB
in 1 prep ADP
{a} 2 pobj PROPN B-GPE
, 3 punct PUNCT
{b} 3 appos PROPN B-GPE
, 5 punct PUNCT
{c} 5 appos PROPN B-GPE
, 1 punct PUNCT
Wednesday 1 npadvmod PROPN B-DATE
. 1 punct PUNCT
"""


def test_a_chain_of_town_county_and_country_is_containment():
    """"Harpenden, Hertfordshire, England, Wednesday": the town lies in the county."""
    assert ("Harpenden", "Hertfordshire", "place-appos") in located(CHAIN.format(a="Harpenden", b="Hertfordshire", c="England"))


def test_a_list_of_cities_before_a_country_is_no_chain():
    """"Lyon, Berlin, Germany": Berlin is a city the gazetteer knows, so this is a list."""
    assert not any(s == "Lyon" for s, _, _ in located(CHAIN.format(a="Lyon", b="Berlin", c="Germany")))


TITLE = """
Talks 0 ROOT NOUN
in 0 prep ADP
Hue 1 pobj PROPN B-GPE
¶ 0 dep SPACE
"""

CAPTION_WITH_DATE = """
Ana 1 compound PROPN B-PERSON
Ruiz 2 nsubj PROPN I-PERSON
arrives 2 ROOT VERB
in 2 prep ADP
Da 5 compound PROPN B-GPE
Nang 3 pobj PROPN I-GPE
, 5 punct PUNCT
Vietnam 5 appos PROPN B-GPE
February 7 npadvmod PROPN B-DATE
26 8 nummod NUM I-DATE
¶ 2 dep SPACE
"""

BODY = """
Dana 1 compound PROPN B-PERSON
Lee 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
. 2 punct PUNCT
"""


def test_a_caption_gives_where_a_place_lies_even_before_its_date():
    ctx = context(make_doc(TITLE, CAPTION_WITH_DATE, BODY))
    (r,) = [r for r in find_locations(ctx) if r.subject == "Place:Da Nang"]
    assert (r.object, r.evidence.rule) == ("Country:Vietnam", "place-appos")
    assert r.evidence.confidence < vocab().confidence("place-appos")


NATIONAL_CITY = """
Smoke 1 nsubj NOUN
rose 1 ROOT VERB
over 1 prep ADP
the 6 det DET
Syrian 6 amod ADJ B-NORP
border 6 compound NOUN
{noun} 2 pobj NOUN
of 6 prep ADP
Manbij 7 pobj PROPN B-GPE
. 1 punct PUNCT
"""


def test_a_nationality_s_city_of_a_name_lies_in_that_country():
    assert located(NATIONAL_CITY.format(noun="city")) == {("Manbij", "Syria", "national-place")}


def test_a_nationality_s_other_noun_of_a_name_says_nothing():
    assert located(NATIONAL_CITY.format(noun="friend")) == set()
