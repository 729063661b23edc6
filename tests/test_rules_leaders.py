"""Where a title is held when the text does not say it next to the name: coordinated titles, a
unit of an organisation, "as" after a role noun, the seat of government an article names, and a
leader by what they lead (hand-built parses and records, no statistical model)."""
from __future__ import annotations

from handbuilt import context, make_doc
from kg.nlp.completions import seat_origins
from kg.nlp.lexicon import seats_named
from kg.nlp.positions import find_positions, position_relations
from kg.records import Evidence, Position, Relation


def facts(*sentences):
    ctx = context(make_doc(*sentences))
    positions, _, extra = find_positions(ctx)
    rels = position_relations(ctx, positions) + extra
    pos = {(p.person.split(":")[1], p.title, p.of.split(":")[1] if p.of else None) for p in positions}
    return pos, {(r.subject.split(":")[1], r.object.split(":")[1]) for r in rels if r.predicate == "represents"}


FORMER_AND_NOW = """
Ana 1 compound PROPN B-PERSON
Ruiz 17 nsubj PROPN I-PERSON
, 1 punct PUNCT
a 7 det DET
former 7 amod ADJ
Interpol 7 compound PROPN B-ORG
Asia 7 compound PROPN B-LOC
analyst 1 appos NOUN
and 7 cc CCONJ
now 12 advmod ADV
a 12 det DET
senior 12 amod ADJ
fellow 7 conj NOUN
at 12 prep ADP
Chatham 15 compound PROPN B-ORG
House 13 pobj PROPN I-ORG
, 1 punct PUNCT
spoke 17 ROOT VERB
. 17 punct PUNCT
"""


def test_each_title_of_a_coordination_has_its_own_origin_and_a_past_one_reads_only_its_own():
    """"a former Interpol Asia analyst and now a senior fellow at Chatham House": the fellow is at
    Chatham House; the analyst was at Interpol (the organisation before the region), in the past."""
    pos, rels = facts(FORMER_AND_NOW)
    assert pos == {("Ana Ruiz", "former analyst", "Interpol"), ("Ana Ruiz", "senior fellow", "Chatham House")}
    assert rels == {("Ana Ruiz", "Chatham House")}


def _unit(prep: str, title: str) -> str:
    return f"""
Li 1 compound PROPN B-PERSON
Wei 14 nsubj PROPN I-PERSON
, 1 punct PUNCT
a 5 det DET
research 5 compound NOUN
{title} 1 appos NOUN
{prep} 5 prep ADP
the 9 det DET
Lowy 9 compound PROPN B-ORG
Institute 12 nmod PROPN I-ORG
's 9 case PART
Asia 12 compound PROPN B-ORG
Program 6 pobj PROPN I-ORG
, 1 punct PUNCT
spoke 14 ROOT VERB
. 14 punct PUNCT
"""


def test_a_post_at_a_unit_of_an_organisation_is_held_at_the_organisation():
    pos, rels = facts(_unit("at", "fellow"))
    assert pos == {("Li Wei", "research fellow", "Lowy Institute")}
    assert rels == {("Li Wei", "Lowy Institute")}


def test_the_director_of_a_unit_heads_the_unit():
    pos, _ = facts(_unit("of", "director"))
    assert pos == {("Li Wei", "director", "Asia Program")}


AS_AFTER_A_ROLE_NOUN = """
Emi 1 compound PROPN B-PERSON
Kato 3 nsubj PROPN I-PERSON
is 3 aux AUX
considering 3 ROOT VERB
appointing 3 xcomp VERB
an 6 det DET
envoy 4 dobj NOUN
in 4 prep ADP
her 10 poss PRON
last 10 amod ADJ
week 7 pobj NOUN
as 4 prep ADP
prime 13 compound ADJ
minister 11 pobj NOUN
. 3 punct PUNCT
"""


def test_as_hung_on_the_verb_still_takes_the_holder_of_the_role_noun_before_it():
    """"considering appointing an envoy in her last week as prime minister": she is the prime
    minister, though the parse hangs "as" on "appointing"."""
    pos, _ = facts(AS_AFTER_A_ROLE_NOUN)
    assert ("Emi Kato", "prime minister", None) in pos


def _p(person, title, of=None, rule="title-premodifier"):
    return Position(f"Person:{person}", title, of, Evidence("s", 0, 1, rule, 0.9))


WHITE_HOUSE = seats_named("The White House said so.")
SENTENCES = {"Person:Lee": 3, "Person:Kim": 1, "Person:Roe": 2}


def test_a_title_without_country_takes_the_seat_of_government_the_article_names():
    (p,) = seat_origins([_p("Lee", "President")], [], WHITE_HOUSE, SENTENCES)
    assert (p.of, p.evidence.rule) == ("Country:United States", "title-premodifier/seat-of-government")
    assert p.evidence.confidence < 0.9


def test_no_seat_for_a_passing_holder_an_unfitting_title_or_two_seats():
    assert seat_origins([_p("Kim", "President")], [], WHITE_HOUSE, SENTENCES)[0].of is None
    assert seat_origins([_p("Lee", "Prime Minister")], [], WHITE_HOUSE, SENTENCES)[0].of is None
    both = seats_named("The White House and the Kremlin said so.")
    assert seat_origins([_p("Lee", "President")], [], both, SENTENCES)[0].of is None


def test_no_seat_for_a_holder_tied_to_a_country_or_when_another_holds_the_post_there():
    tied = [Relation("Person:Lee", "represents", "Country:Peru", Evidence("s", 0, 1, "x", 0.9))]
    assert seat_origins([_p("Lee", "President")], tied, WHITE_HOUSE, SENTENCES)[0].of is None
    other = [_p("Lee", "President"), _p("Roe", "President", "Country:United States", "title-premodifier/nationality")]
    assert seat_origins(other, [], WHITE_HOUSE, SENTENCES)[0].of is None


def test_a_seat_as_a_nickname_or_before_a_name_is_no_seat_but_before_a_title_it_is():
    assert seats_named("dubbed Kremlin Kate by their opponents") == frozenset()
    assert {s.country for s in seats_named("Downing Street spokesman Al Roe said")} == {"United Kingdom"}


UNDER_LEADER = """
{under} 7 prep ADP
{title} 3 compound PROPN
Ana 3 compound PROPN B-PERSON
Reyes 0 pobj PROPN I-PERSON
, 7 punct PUNCT
Peru 7 nsubj PROPN B-GPE
has 7 aux AUX
joined 7 ROOT VERB
the 9 det DET
pact 7 dobj NOUN
. 7 punct PUNCT
"""


def test_under_a_leader_a_country_does_something_the_leader_leads_that_country():
    pos, rels = facts(UNDER_LEADER.format(under="Under", title="President"))
    assert pos == {("Ana Reyes", "President", "Peru")}
    assert rels == {("Ana Reyes", "Peru")}


def test_under_a_title_that_leads_no_country_or_another_preposition_gives_nothing():
    assert facts(UNDER_LEADER.format(under="Under", title="Senator"))[1] == set()
    assert facts(UNDER_LEADER.format(under="With", title="President"))[1] == set()


ORDERS_TROOPS = """
{title} 2 compound PROPN
Ana 2 compound PROPN B-PERSON
Reyes 3 nsubj PROPN I-PERSON
{verb} 3 ROOT VERB
Peruvian 5 amod ADJ B-NORP
troops 7 nsubj NOUN
to 7 aux PART
withdraw 3 ccomp VERB
. 3 punct PUNCT
"""


def test_a_leader_who_orders_a_countrys_troops_leads_that_country():
    pos, rels = facts(ORDERS_TROOPS.format(title="President", verb="ordered"))
    assert pos == {("Ana Reyes", "President", "Peru")}
    assert rels == {("Ana Reyes", "Peru")}


def test_troops_seen_or_ordered_by_a_non_leader_give_nothing():
    assert facts(ORDERS_TROOPS.format(title="President", verb="saw"))[1] == set()
    assert facts(ORDERS_TROOPS.format(title="Senator", verb="ordered"))[1] == set()


def test_a_seat_of_government_speaks_on_behalf_of_its_country():
    """"The Kremlin said ...": the Kremlin's statement, on behalf of Russia; any other organisation
    speaks for itself."""
    from kg.nlp.seats import seat_principals
    from kg.records import Entity, Quotation

    ev = Evidence("s", 0, 1, "direct-quote", 0.9)
    seat, other = Entity("Organization:White House", "Organization", "White House"), Entity("Organization:Acme", "Organization", "Acme")
    quotes, extra = seat_principals([Quotation("Yes.", seat.key, "direct", ev), Quotation("No.", other.key, "direct", ev)],
                                    {seat.key: seat, other.key: other})
    assert [q.on_behalf_of for q in quotes] == ["Country:United States", None]
    assert [e.key for e in extra] == ["Country:United States"]
