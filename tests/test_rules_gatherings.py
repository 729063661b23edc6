"""Summits and debates as one n-ary meeting (hand-built parses, no model)."""
from __future__ import annotations

from handbuilt import context, make_doc
from kg.nlp.gatherings import gathering_events, gathering_relations, gatherings

URGED_DURING_THE_DEBATE = """
During 6 prep ADP
the 2 det DET
debate 0 pobj NOUN
, 6 punct PUNCT
Anna 5 compound PROPN B-PERSON
Berg 6 nsubj PROPN I-PERSON
urged 6 ROOT VERB
Carl 8 compound PROPN B-PERSON
Holt 6 dobj PROPN I-PERSON
. 6 punct PUNCT
"""

SPOKE_AT_THE_DEBATE = """
Dana 1 compound PROPN B-PERSON
Ruiz 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
at 2 prep ADP
the 5 det DET
debate 3 pobj NOUN
in 5 prep ADP
Oslo 6 pobj PROPN B-GPE
. 2 punct PUNCT
"""

WILL_ATTEND_THE_SUMMIT = """
Ede 1 compound PROPN B-PERSON
Lund 3 nsubj PROPN I-PERSON
will 3 aux AUX
attend 3 ROOT VERB
the 5 det DET
summit 3 dobj NOUN
. 3 punct PUNCT
"""

ATTENDED_THE_SUMMIT = WILL_ATTEND_THE_SUMMIT.replace("will 3 aux AUX", "also 3 advmod ADV").replace(
    "attend 3 ROOT VERB", "attended 3 ROOT VERB").replace("Ede", "Finn").replace("Lund", "Moe")

SUMMIT_ON_THE_SIDELINES = """
Gil 1 compound PROPN B-PERSON
Nyx 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
on 2 prep ADP
the 5 det DET
sidelines 3 pobj NOUN
of 5 prep ADP
the 8 det DET
summit 6 pobj NOUN
. 2 punct PUNCT
"""


def run(*sentences, published=None):
    ctx = context(make_doc(*sentences))
    found = gatherings(ctx)
    rels = {(r.subject.split(":")[1], r.predicate, r.object.split(":")[1], r.evidence.rule)
            for r in gathering_relations(ctx, found)}
    return found, gathering_events(ctx, found, published), rels


def test_everyone_placed_at_a_debate_is_one_meeting_and_who_addressed_whom_met():
    found, (ev,), rels = run(URGED_DURING_THE_DEBATE, SPOKE_AT_THE_DEBATE)
    assert {k.split(":")[1] for k in ev.participants} == {"Anna Berg", "Carl Holt", "Dana Ruiz"}
    assert [k.split(":")[1] for k in ev.places] == ["Oslo"]
    assert ev.evidence.rule == "gathering-attendance" and [s.rule for s in ev.support] == ["gathering-attendance"]
    assert rels == {("Anna Berg", "metWith", "Carl Holt", "exchange-at-gathering")}  # not Ruiz: co-attendance only


def test_a_gathering_of_two_is_a_meeting_of_the_two():
    spoke_during = URGED_DURING_THE_DEBATE.replace("urged 6 ROOT VERB", "spoke 6 ROOT VERB").replace(
        "Carl 8 compound PROPN B-PERSON\nHolt 6 dobj PROPN I-PERSON\n", "")
    _, (ev,), rels = run(SPOKE_AT_THE_DEBATE, spoke_during)
    assert {k.split(":")[1] for k in ev.participants} == {"Anna Berg", "Dana Ruiz"}
    assert rels == {("Dana Ruiz", "metWith", "Anna Berg", "bilateral-gathering")}


def test_the_sidelines_of_a_summit_place_someone_at_it_but_a_planned_attendance_does_not():
    found, events, _ = run(WILL_ATTEND_THE_SUMMIT, SUMMIT_ON_THE_SIDELINES, ATTENDED_THE_SUMMIT)
    assert [set(g.persons) for g in found] == [{"Person:Gil Nyx", "Person:Finn Moe"}]


def test_one_person_at_a_summit_is_no_meeting():
    found, events, rels = run(SUMMIT_ON_THE_SIDELINES)
    assert (found, events, rels) == ([], [], set())
