"""Group references to two actors ("the two leaders met", "both sides held talks", "the pair
spoke by phone"), on hand-built parses and on short sentences parsed by the real model."""
from __future__ import annotations

import pytest

from handbuilt import context, make_doc
from kg.nlp.events import find_events
from kg.nlp.relations import find_interactions, interaction_relations

ANNA_MET_WITH_CARL = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
met 2 ROOT VERB
with 2 prep ADP
Carl 5 compound PROPN B-PERSON
Holt 3 pobj PROPN I-PERSON
in 2 prep ADP
Oslo 6 pobj PROPN B-GPE
. 2 punct PUNCT
"""

ANNA_AND_CARL_ARRIVED = """
Anna 1 compound PROPN B-PERSON
Berg 5 nsubj PROPN I-PERSON
and 1 cc CCONJ
Carl 4 compound PROPN B-PERSON
Holt 1 conj PROPN I-PERSON
arrived 5 ROOT VERB
in 5 prep ADP
Oslo 6 pobj PROPN B-GPE
. 5 punct PUNCT
"""

THREE_ARRIVED = """
Anna 1 compound PROPN B-PERSON
Berg 7 nsubj PROPN I-PERSON
, 1 punct PUNCT
Carl 4 compound PROPN B-PERSON
Holt 1 conj PROPN I-PERSON
and 4 cc CCONJ
Dana 7 compound PROPN B-PERSON
Ruiz 4 conj PROPN I-PERSON
arrived 7 ROOT VERB
. 7 punct PUNCT
"""

# "Mrs Anna Berg welcomed Mr Carl Holt."
MRS_ANNA_WELCOMED_MR_CARL = """
Mrs 2 compound PROPN B-PERSON
Anna 2 compound PROPN I-PERSON
Berg 3 nsubj PROPN I-PERSON
welcomed 3 ROOT VERB
Mr 6 compound PROPN B-PERSON
Carl 6 compound PROPN I-PERSON
Holt 3 dobj PROPN I-PERSON
. 3 punct PUNCT
"""

ANNA_VISITED_NORWAY_AND_SWEDEN = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
visited 2 ROOT VERB
Norway 2 dobj PROPN B-GPE
and 3 cc CCONJ
Sweden 3 conj PROPN B-GPE
. 2 punct PUNCT
"""


def _group_clause(head: str, number: str | None, verb: str = "met") -> str:
    """ "The two leaders met." / "Both sides met." / "The pair met." as rows."""
    rows = []
    if number == "both":
        rows += ["Both 1 det DET", f"{head} 2 nsubj NOUN", f"{verb} 2 ROOT VERB", ". 2 punct PUNCT"]
    elif number == "two":
        rows += ["The 2 det DET", "two 2 nummod NUM", f"{head} 3 nsubj NOUN", f"{verb} 3 ROOT VERB", ". 3 punct PUNCT"]
    else:
        rows += ["The 1 det DET", f"{head} 2 nsubj NOUN", f"{verb} 2 ROOT VERB", ". 2 punct PUNCT"]
    return "\n".join(rows)


def relations(*sentences):
    ctx = context(make_doc(*sentences))
    return {(r.subject.split(":")[1], r.predicate, r.object.split(":")[1], r.status, r.evidence.sentence)
            for r in interaction_relations(ctx, find_interactions(ctx))}


@pytest.mark.parametrize(
    "head, number",
    [("leaders", "two"), ("men", "two"), ("ministers", "two"), ("leaders", "both"), ("pair", None),
     ("presidents", None), ("duo", None)],
    ids=["the-two-leaders", "the-two-men", "the-two-ministers", "both-leaders", "the-pair", "the-presidents",
         "the-duo"],
)
def test_group_subject_resolves_to_the_pair_of_the_previous_sentence(head, number):
    clause = _group_clause(head, number)
    found = relations(ANNA_AND_CARL_ARRIVED, clause)
    sentence = {"two": f"The two {head} met.", "both": f"Both {head} met.", None: f"The {head} met."}[number]
    assert found == {("Anna Berg", "metWith", "Carl Holt", "asserted", sentence)}


def test_the_two_alone_is_a_group_of_two_persons():
    clause = """
    The 1 det DET
    two 2 nsubj NUM
    met 2 ROOT VERB
    . 2 punct PUNCT
    """
    assert relations(ANNA_AND_CARL_ARRIVED, clause) == {("Anna Berg", "metWith", "Carl Holt", "asserted", "The two met.")}


def test_a_number_two_modifying_another_noun_is_not_a_group():
    clause = """
    The 2 det DET
    two 2 nummod NUM
    teams 3 nsubj NOUN
    met 3 ROOT VERB
    . 3 punct PUNCT
    """
    assert relations(ANNA_AND_CARL_ARRIVED, clause) == set()


def test_group_resolves_to_the_two_sides_of_an_encounter():
    found = relations(ANNA_MET_WITH_CARL, _group_clause("leaders", "two", verb="gathered"))
    assert ("Anna Berg", "metWith", "Carl Holt", "asserted", "The two leaders gathered.") in found


def test_plain_plural_without_two_or_both_is_not_a_group():
    # "The leaders met." can be any number of leaders; only titles like "the presidents" qualify
    assert relations(ANNA_AND_CARL_ARRIVED, _group_clause("leaders", None)) == set()


def test_three_candidates_give_nothing():
    assert relations(THREE_ARRIVED, _group_clause("leaders", "two")) == set()


def test_without_preceding_actors_a_group_gives_nothing():
    assert relations(_group_clause("leaders", "two")) == set()


def test_the_two_countries_do_not_resolve_to_two_persons():
    assert relations(ANNA_AND_CARL_ARRIVED, _group_clause("countries", "two")) == set()


def test_the_two_countries_resolve_to_two_countries():
    found = relations(ANNA_VISITED_NORWAY_AND_SWEDEN, _group_clause("countries", "two"))
    assert {(a, b) for a, _, b, *_ in found} == {("Norway", "Sweden")}


def test_the_two_men_never_include_a_woman():
    assert relations(MRS_ANNA_WELCOMED_MR_CARL, _group_clause("men", "two")) == set()


def test_the_two_leaders_may_be_a_man_and_a_woman():
    found = relations(MRS_ANNA_WELCOMED_MR_CARL, _group_clause("leaders", "two"))
    assert {(a, b) for a, _, b, *_ in found} == {("Anna Berg", "Carl Holt")}


def test_group_spoke_by_phone_is_a_call_with_the_clause_as_evidence():
    clause = """
    The 2 det DET
    two 2 nummod NUM
    men 3 nsubj NOUN
    spoke 3 ROOT VERB
    by 3 prep ADP
    phone 4 pobj NOUN
    . 3 punct PUNCT
    """
    ctx = context(make_doc(ANNA_MET_WITH_CARL, clause))
    interactions = find_interactions(ctx)
    rels = {(r.subject.split(":")[1], r.predicate, r.object.split(":")[1], r.evidence.sentence)
            for r in interaction_relations(ctx, interactions)}
    assert ("Anna Berg", "spokeWith", "Carl Holt", "The two men spoke by phone.") in rels
    calls = [e for e in find_events(ctx, interactions, published=None) if e.type == "PhoneCall"]
    assert len(calls) == 1
    assert {k.split(":")[1] for k in calls[0].participants} == {"Anna Berg", "Carl Holt"}
    assert calls[0].evidence.sentence == "The two men spoke by phone."


def test_group_held_talks_is_a_meeting_event():
    clause = """
    Both 1 det DET
    sides 2 nsubj NOUN
    held 2 ROOT VERB
    talks 2 dobj NOUN
    . 2 punct PUNCT
    """
    ctx = context(make_doc(ANNA_VISITED_NORWAY_AND_SWEDEN, clause))
    events = find_events(ctx, find_interactions(ctx), published=None)
    assert [(e.type, {k.split(":")[1] for k in e.participants}, e.evidence.sentence) for e in events] == [
        ("Meeting", {"Norway", "Sweden"}, "Both sides held talks.")]


def test_names_in_apposition_define_the_group():
    clause = """
    The 2 det DET
    two 2 nummod NUM
    leaders 9 nsubj NOUN
    , 2 punct PUNCT
    Dana 5 compound PROPN B-PERSON
    Ruiz 2 appos PROPN I-PERSON
    and 5 cc CCONJ
    Ivan 8 compound PROPN B-PERSON
    Petrov 5 conj PROPN I-PERSON
    met 9 ROOT VERB
    . 9 punct PUNCT
    """
    found = relations(ANNA_AND_CARL_ARRIVED, clause)
    assert {(a, b) for a, _, b, *_ in found} == {("Dana Ruiz", "Ivan Petrov")}


def test_a_group_defined_in_place_is_not_a_reference():
    clause = """
    The 2 det DET
    two 2 nummod NUM
    sides 6 nsubj NOUN
    of 2 prep ADP
    the 5 det DET
    debate 3 pobj NOUN
    met 6 ROOT VERB
    . 6 punct PUNCT
    """
    assert relations(ANNA_VISITED_NORWAY_AND_SWEDEN, clause) == set()


# -- real model ------------------------------------------------------------------------------

def _model_pairs(nlp, text):
    from kg.nlp.extract import extract_from_doc
    from kg.records import Document

    ex = extract_from_doc(nlp(text), Document(id="t", text=text))
    rels = {(frozenset(k.split(":")[1] for k in (r.subject, r.object)), r.predicate, r.evidence.sentence)
            for r in ex.relations if r.predicate in ("metWith", "spokeWith")}
    events = {(e.type, frozenset(k.split(":")[1] for k in e.participants), e.evidence.sentence) for e in ex.events}
    return rels, events


@pytest.mark.model
@pytest.mark.parametrize(
    "text, kind, event, clause",
    [
        ("Anna Berg flew to Oslo on Monday to see Carl Holt. The two leaders met on Tuesday.",
         "metWith", "Meeting", "The two leaders met on Tuesday."),
        ("Carl Holt and Dana Ruiz arrived in Rome. Both leaders held talks on Friday.",
         "metWith", "Meeting", "Both leaders held talks on Friday."),
        ("Carl Holt hosted Anna Berg in Oslo. The two men spoke by phone a week later.",
         "spokeWith", "PhoneCall", "The two men spoke by phone a week later."),
        ("Carl Holt and Anna Berg joined the campaign in May. The two met in Ohio in June.",
         "metWith", "Meeting", "The two met in Ohio in June."),
    ],
    ids=["the-two-leaders-met", "both-leaders-held-talks", "the-two-men-spoke-by-phone", "the-two-met"],
)
def test_model_group_subjects(nlp, text, kind, event, clause):
    rels, events = _model_pairs(nlp, text)
    names = ("Carl Holt", "Dana Ruiz") if "Dana" in text else ("Anna Berg", "Carl Holt")
    assert (frozenset(names), kind, clause) in rels
    assert (event, frozenset(names), clause) in events


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Carl Holt, Dana Ruiz and Ivan Petrov arrived in Rome. The two leaders met on Friday.",
        "Mr Carl Holt welcomed Mrs Anna Berg in Oslo. The two men spoke by phone a week later.",
        "Carl Holt welcomed Anna Berg in Oslo. The two countries held talks on Friday.",
    ],
    ids=["three-candidates", "the-two-men-with-a-woman", "the-two-countries-with-two-persons"],
)
def test_model_unclear_groups_give_nothing(nlp, text):
    rels, events = _model_pairs(nlp, text)
    clause = text.split(". ", 1)[1]
    assert not any(sentence == clause for *_, sentence in rels)
    assert not any(sentence == clause for *_, sentence in events)


def test_an_encounter_pair_wins_over_a_third_person_in_the_sentence():
    reported = """
    Anna 1 compound PROPN B-PERSON
    Berg 2 nsubj PROPN I-PERSON
    met 9 ccomp VERB
    with 2 prep ADP
    Carl 5 compound PROPN B-PERSON
    Holt 3 pobj PROPN I-PERSON
    , 9 punct PUNCT
    Dana 8 compound PROPN B-PERSON
    Ruiz 9 nsubj PROPN I-PERSON
    said 9 ROOT VERB
    . 9 punct PUNCT
    """
    found = relations(reported, _group_clause("leaders", "two", verb="gathered"))
    assert {(a, b, s) for a, _, b, _, s in found if s == "The two leaders gathered."} == {
        ("Anna Berg", "Carl Holt", "The two leaders gathered.")}


def test_a_person_between_the_pair_and_the_group_makes_it_unclear():
    dana_arrived = """
    Dana 1 compound PROPN B-PERSON
    Ruiz 2 nsubj PROPN I-PERSON
    arrived 2 ROOT VERB
    . 2 punct PUNCT
    """
    assert relations(ANNA_AND_CARL_ARRIVED, dana_arrived, _group_clause("leaders", "two")) == set()


@pytest.mark.model
def test_model_group_does_not_reach_past_the_previous_paragraph(nlp):
    text = ("Carl Holt welcomed Anna Berg in Oslo on Monday.\n\nThe weather was cold.\n\n"
            "The two leaders met on Tuesday.")
    rels, events = _model_pairs(nlp, text)
    assert not any(sentence == "The two leaders met on Tuesday." for *_, sentence in rels)
