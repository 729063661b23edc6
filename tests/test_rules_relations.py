"""Relation rules on hand-built parses (no statistical model)."""
from __future__ import annotations

import pytest

from handbuilt import context, make_doc
from kg.nlp.events import find_events
from kg.nlp.relations import find_interactions, interaction_relations

MET_WITH = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
met 2 ROOT VERB
with 2 prep ADP
Carl 5 compound PROPN B-PERSON
Holt 3 pobj PROPN I-PERSON
. 2 punct PUNCT
"""

COORDINATED = """
Anna 1 compound PROPN B-PERSON
Berg 5 nsubj PROPN I-PERSON
and 1 cc CCONJ
Carl 4 compound PROPN B-PERSON
Holt 1 conj PROPN I-PERSON
met 5 ROOT VERB
Dana 7 compound PROPN B-PERSON
Ruiz 5 dobj PROPN I-PERSON
. 5 punct PUNCT
"""

WILL_MEET = """
Anna 1 compound PROPN B-PERSON
Berg 3 nsubj PROPN I-PERSON
will 3 aux AUX
meet 3 ROOT VERB
Carl 5 compound PROPN B-PERSON
Holt 3 dobj PROPN I-PERSON
. 3 punct PUNCT
"""

DID_NOT_MEET = """
Anna 1 compound PROPN B-PERSON
Berg 4 nsubj PROPN I-PERSON
did 4 aux AUX
not 4 neg PART
meet 4 ROOT VERB
Carl 6 compound PROPN B-PERSON
Holt 4 dobj PROPN I-PERSON
. 4 punct PUNCT
"""

REFUSED_TO_MEET = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
refused 2 ROOT VERB
to 4 aux PART
meet 2 xcomp VERB
Carl 6 compound PROPN B-PERSON
Holt 4 dobj PROPN I-PERSON
. 2 punct PUNCT
"""

HELD_TALKS = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
held 2 ROOT VERB
talks 2 dobj NOUN
with 2 prep ADP
Carl 6 compound PROPN B-PERSON
Holt 4 pobj PROPN I-PERSON
. 2 punct PUNCT
"""

MEETING_BETWEEN = """
A 1 det DET
meeting 3 nsubj NOUN
between 1 prep ADP
Anna 4 compound PROPN B-PERSON
Berg 2 pobj PROPN I-PERSON
and 4 cc CCONJ
Carl 7 compound PROPN B-PERSON
Holt 4 conj PROPN I-PERSON
took 8 ROOT VERB
place 8 dobj NOUN
. 8 punct PUNCT
"""

SPOKE_WITH = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
with 2 prep ADP
Carl 5 compound PROPN B-PERSON
Holt 3 pobj PROPN I-PERSON
. 2 punct PUNCT
"""

GATHERED = """
Anna 1 compound PROPN B-PERSON
Berg 5 nsubj PROPN I-PERSON
, 1 punct PUNCT
Carl 4 compound PROPN B-PERSON
Holt 1 conj PROPN I-PERSON
gathered 5 ROOT VERB
in 5 prep ADP
Paris 6 pobj PROPN B-GPE
. 5 punct PUNCT
"""


def relations(*sentences):
    ctx = context(make_doc(*sentences))
    return ctx, {(r.subject.split(":")[1], r.predicate, r.object.split(":")[1], r.status)
                 for r in interaction_relations(ctx, find_interactions(ctx))}


@pytest.mark.parametrize(
    "parse, expected",
    [
        (MET_WITH, {("Anna Berg", "metWith", "Carl Holt", "asserted")}),
        (COORDINATED, {("Anna Berg", "metWith", "Dana Ruiz", "asserted"), ("Carl Holt", "metWith", "Dana Ruiz", "asserted")}),
        (HELD_TALKS, {("Anna Berg", "metWith", "Carl Holt", "asserted")}),
        (MEETING_BETWEEN, {("Anna Berg", "metWith", "Carl Holt", "asserted")}),
        (SPOKE_WITH, {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}),
        (GATHERED, {("Anna Berg", "metWith", "Carl Holt", "asserted")}),
    ],
    ids=["met-with", "coordinated-subjects", "held-talks", "meeting-between", "spoke-with", "gathered"],
)
def test_interaction_rules(parse, expected):
    _, found = relations(parse)
    assert found == expected


@pytest.mark.parametrize(
    "parse, status",
    [(WILL_MEET, "planned"), (DID_NOT_MEET, "negated"), (REFUSED_TO_MEET, "negated")],
    ids=["will-meet", "did-not-meet", "refused-to-meet"],
)
def test_unreal_meetings_are_never_asserted(parse, status):
    _, found = relations(parse)
    assert found == {("Anna Berg", "metWith", "Carl Holt", status)}


def test_plural_pronoun_takes_the_previous_sentence_subject_and_agents():
    joined = """
    Anna 1 compound PROPN B-PERSON
    Berg 3 nsubjpass PROPN I-PERSON
    was 3 auxpass AUX
    joined 3 ROOT VERB
    by 3 agent ADP
    Carl 6 compound PROPN B-PERSON
    Holt 4 pobj PROPN I-PERSON
    . 3 punct PUNCT
    """
    they_met = """
    They 1 nsubj PRON
    met 1 ROOT VERB
    with 1 prep ADP
    Dana 4 compound PROPN B-PERSON
    Ruiz 2 pobj PROPN I-PERSON
    . 1 punct PUNCT
    """
    _, found = relations(joined, they_met)
    assert found == {("Anna Berg", "metWith", "Dana Ruiz", "asserted"), ("Carl Holt", "metWith", "Dana Ruiz", "asserted")}


def test_pronoun_without_a_safe_antecedent_gives_nothing():
    they_met = """
    They 1 nsubj PRON
    met 1 ROOT VERB
    with 1 prep ADP
    Dana 4 compound PROPN B-PERSON
    Ruiz 2 pobj PROPN I-PERSON
    . 1 punct PUNCT
    """
    _, found = relations(they_met)
    assert found == set()


def test_meeting_event_has_participants_and_place():
    ctx = context(make_doc(GATHERED))
    events = find_events(ctx, find_interactions(ctx), published=None)
    assert len(events) == 1
    assert {k.split(":")[1] for k in events[0].participants} == {"Anna Berg", "Carl Holt"}
    assert [k.split(":")[1] for k in events[0].places] == ["Paris"]


def test_no_relation_mined_from_a_related_story_line():
    related = """
    RELATED 1 compound PROPN
    STORY 4 nsubj PROPN
    | 1 punct PUNCT
    Berg 4 nsubj PROPN B-PERSON
    met 4 ROOT VERB
    Holt 4 dobj PROPN B-PERSON
    """
    _, found = relations(related)
    assert found == set()


IN_A_PHONE_CALL_WITH = """
In 10 prep ADP
a 3 det DET
phone 3 compound NOUN
call 0 pobj NOUN
with 3 prep ADP
Anna 6 compound PROPN B-PERSON
Berg 4 pobj PROPN I-PERSON
, 10 punct PUNCT
Carl 9 compound PROPN B-PERSON
Holt 10 nsubj PROPN I-PERSON
said 10 ROOT VERB
. 10 punct PUNCT
"""

CALL_BETWEEN = """
A 2 det DET
phone 2 compound NOUN
call 6 nsubj NOUN
between 2 prep ADP
Anna 5 compound PROPN B-PERSON
Berg 3 pobj PROPN I-PERSON
happened 6 ROOT VERB
. 6 punct PUNCT
"""


def test_in_a_phone_call_with_links_the_main_subject():
    _, found = relations(IN_A_PHONE_CALL_WITH)
    assert found == {("Carl Holt", "spokeWith", "Anna Berg", "asserted")}


def test_a_call_with_one_named_side_gives_nothing():
    _, found = relations(CALL_BETWEEN)
    assert found == set()


def test_coordinated_subjects_calling_for_something_is_not_a_call():
    _, found = relations("""
    Anna 1 compound PROPN B-PERSON
    Berg 5 nsubj PROPN I-PERSON
    and 1 cc CCONJ
    Carl 4 compound PROPN B-PERSON
    Holt 1 conj PROPN I-PERSON
    called 5 ROOT VERB
    for 5 prep ADP
    calm 6 pobj NOUN
    . 5 punct PUNCT
    """)
    assert found == set()


def test_title_head_subject_is_one_actor_not_also_its_organisation():
    _, found = relations("""
    Acme 2 compound PROPN B-ORG
    the 2 det DET
    chairman 5 nsubj NOUN
    Carl 4 compound PROPN B-PERSON
    Holt 2 appos PROPN I-PERSON
    spoke 5 ROOT VERB
    by 5 prep ADP
    phone 6 pobj NOUN
    . 5 punct PUNCT
    """)
    assert found == set()


NEGOTIATED_WITH = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
negotiated 2 ROOT VERB
with 2 prep ADP
Carl 5 compound PROPN B-PERSON
Holt 3 pobj PROPN I-PERSON
for 2 prep ADP
hours 6 pobj NOUN
. 2 punct PUNCT
"""

SAT_DOWN_WITH = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
sat 2 ROOT VERB
down 2 prt ADP
with 3 prep ADP
Carl 6 compound PROPN B-PERSON
Holt 4 pobj PROPN I-PERSON
. 2 punct PUNCT
"""

NEGOTIATED_A_DEAL = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
negotiated 2 ROOT VERB
a 4 det DET
deal 2 dobj NOUN
for 2 prep ADP
Carl 7 compound PROPN B-PERSON
Holt 5 pobj PROPN I-PERSON
. 2 punct PUNCT
"""


def test_negotiating_or_sitting_down_with_someone_is_a_meeting():
    assert relations(NEGOTIATED_WITH)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}
    assert relations(SAT_DOWN_WITH)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}
    ctx = context(make_doc(NEGOTIATED_WITH))
    [event] = find_events(ctx, find_interactions(ctx), None)
    assert event.type == "Meeting" and event.evidence.rule == "meet-with-verb"


def test_negotiating_something_for_someone_is_no_meeting():
    assert relations(NEGOTIATED_A_DEAL)[1] == set()


def _called(verb, purpose):
    return f"""
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
{verb} 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
to 6 aux PART
{purpose} 2 xcomp VERB
. 2 punct PUNCT
"""


def test_a_call_made_to_discuss_something_is_a_call():
    assert relations(_called("telephoned", "discuss"))[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}
    assert relations(_called("called", "discuss"))[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}


def test_calling_someone_to_testify_is_no_call():
    assert relations(_called("called", "testify"))[1] == set()


MET_LEADER_COMMA_NAME = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
met 2 ROOT VERB
the 4 det DET
leader 2 dobj NOUN
of 4 prep ADP
the 7 det DET
opposition 5 pobj NOUN
, 2 punct PUNCT
Carl 10 compound PROPN B-PERSON
Holt 2 npadvmod PROPN I-PERSON
, 10 punct PUNCT
at 10 prep ADP
Westminster 12 pobj PROPN B-GPE
. 2 punct PUNCT
"""


def test_a_name_after_a_title_phrase_and_a_comma_is_the_one_met_even_if_not_parsed_as_apposition():
    assert relations(MET_LEADER_COMMA_NAME)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}


VISITED_WHERE_HE_MET = """
The 1 det DET
talks 2 nsubj NOUN
came 2 ROOT VERB
after 6 mark SCONJ
Carl 5 compound PROPN B-PERSON
Holt 6 nsubj PROPN I-PERSON
visited 2 advcl VERB
Oslo 6 dobj PROPN B-GPE
, 7 punct PUNCT
where 11 advmod ADV
he 11 nsubj PRON
met 7 relcl VERB
Dana 13 compound PROPN B-PERSON
Ruiz 11 dobj PROPN I-PERSON
. 2 punct PUNCT
"""

TWO_OTHERS = """
Anna 1 compound PROPN B-PERSON
Berg 5 nsubj PROPN I-PERSON
and 1 cc CCONJ
Eva 4 compound PROPN B-PERSON
Lind 1 conj PROPN I-PERSON
spoke 5 ROOT VERB
. 5 punct PUNCT
"""


def test_he_is_the_subject_of_the_clause_that_governs_his_clause():
    # the main clause has no person subject; the previous sentence has two: only the clause
    # "Carl Holt visited Oslo" that governs "where he met" says who "he" is
    assert relations(TWO_OTHERS, VISITED_WHERE_HE_MET)[1] == {("Carl Holt", "metWith", "Dana Ruiz", "asserted")}


MEETING_TOOK_PLACE_IN_OSLO = """
The 1 det DET
meeting 2 nsubj NOUN
took 2 ROOT VERB
place 2 dobj NOUN
in 2 prep ADP
Oslo 4 pobj PROPN B-GPE
. 2 punct PUNCT
"""


def test_the_next_sentence_referring_back_to_the_meeting_gives_its_place():
    ctx = context(make_doc(MET_WITH, MEETING_TOOK_PLACE_IN_OSLO))
    [event] = find_events(ctx, find_interactions(ctx), None)
    assert [ctx.actors.entities[k].name for k in event.places] == ["Oslo"]


def test_a_meeting_noun_before_the_meeting_lends_nothing_back():
    ctx = context(make_doc(MEETING_TOOK_PLACE_IN_OSLO, MET_WITH))
    [event] = find_events(ctx, find_interactions(ctx), None)
    assert event.places == ()


HOSTED_FOR_A_SUMMIT_ON_FRIDAY = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
hosted 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
for 2 prep ADP
a 7 det DET
summit 5 pobj NOUN
on 7 prep ADP
Friday 8 pobj PROPN B-DATE
. 2 punct PUNCT
"""


def test_a_date_hanging_below_the_trigger_dates_the_meeting():
    ctx = context(make_doc(HOSTED_FOR_A_SUMMIT_ON_FRIDAY))
    [event] = find_events(ctx, find_interactions(ctx), "2025-06-07")
    assert (event.date_text, event.date) == ("Friday", "2025-06-06")


VISITED_PERSON = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
visited 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
in 2 prep ADP
Oslo 5 pobj PROPN B-GPE
. 2 punct PUNCT
"""

VISITED_PLACE = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
visited 2 ROOT VERB
Oslo 2 dobj PROPN B-GPE
. 2 punct PUNCT
"""

RECEIVED_A_CALL_FROM = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
received 2 ROOT VERB
a 4 det DET
call 2 dobj NOUN
from 4 prep ADP
Carl 7 compound PROPN B-PERSON
Holt 5 pobj PROPN I-PERSON
. 2 punct PUNCT
"""

HELD_TALKS_BY_VIDEO_LINK = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
held 2 ROOT VERB
talks 2 dobj NOUN
with 2 prep ADP
Carl 6 compound PROPN B-PERSON
Holt 4 pobj PROPN I-PERSON
by 2 prep ADP
video 9 compound NOUN
link 7 pobj NOUN
. 2 punct PUNCT
"""


def test_visiting_a_person_is_a_meeting_visiting_a_place_is_not():
    assert relations(VISITED_PERSON)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}
    assert relations(VISITED_PLACE)[1] == set()


def test_receiving_a_call_from_someone_is_a_call():
    assert relations(RECEIVED_A_CALL_FROM)[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}


def test_talks_by_video_link_are_a_call_not_a_meeting():
    assert relations(HELD_TALKS_BY_VIDEO_LINK)[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}


SPOKEN_BY_TELEPHONE_WITH = """
Anna 1 compound PROPN B-PERSON
Berg 3 nsubj PROPN I-PERSON
had 3 aux AUX
spoken 3 ROOT VERB
by 3 prep ADP
telephone 4 pobj NOUN
with 5 prep ADP
Carl 8 compound PROPN B-PERSON
Holt 6 pobj PROPN I-PERSON
. 3 punct PUNCT
"""

CALLED_ON_AT_HOTEL = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
called 2 ROOT VERB
on 2 prep ADP
Carl 5 compound PROPN B-PERSON
Holt 3 pobj PROPN I-PERSON
at 2 prep ADP
his 8 poss PRON
hotel 6 pobj NOUN
. 2 punct PUNCT
"""

CALLED_ON_TO_RESIGN = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
called 2 ROOT VERB
on 2 prep ADP
Carl 5 compound PROPN B-PERSON
Holt 3 pobj PROPN I-PERSON
to 7 aux PART
resign 2 xcomp VERB
. 2 punct PUNCT
"""


def test_spoken_by_telephone_with_someone_when_with_hangs_on_the_telephone():
    assert relations(SPOKEN_BY_TELEPHONE_WITH)[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}


def test_calling_on_someone_is_a_visit_but_calling_on_someone_to_act_is_not():
    assert relations(CALLED_ON_AT_HOTEL)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}
    assert relations(CALLED_ON_TO_RESIGN)[1] == set()


WHO_MET_IN_2019 = """
Anna 1 compound PROPN B-PERSON
Berg 9 nsubj PROPN I-PERSON
and 1 cc CCONJ
Carl 4 compound PROPN B-PERSON
Holt 1 conj PROPN I-PERSON
, 1 punct PUNCT
who 7 nsubj PRON
met 1 relcl VERB
in 7 prep ADP
2019 8 pobj NUM B-DATE
clashed 9 ROOT VERB
. 9 punct PUNCT
"""


def test_who_met_stands_for_the_coordinated_names_it_follows():
    assert relations(WHO_MET_IN_2019)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}


ARRIVED_THE_MINISTRY_SAID = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
arrived 8 ccomp VERB
in 2 prep ADP
Oslo 3 pobj PROPN B-GPE
, 8 punct PUNCT
the 7 det DET
ministry 8 nsubj NOUN
said 8 ROOT VERB
. 8 punct PUNCT
"""

SHE_MET_CARL_HOLT = """
She 1 nsubj PRON
met 1 ROOT VERB
Carl 3 compound PROPN B-PERSON
Holt 1 dobj PROPN I-PERSON
. 1 punct PUNCT
"""


def test_she_is_the_subject_of_the_reported_clause_before_a_trailing_said():
    assert relations(ARRIVED_THE_MINISTRY_SAID, SHE_MET_CARL_HOLT)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}


PRESIDENT_ROSA_VIDAL_ARRIVED = """
President 2 compound PROPN
Rosa 2 compound PROPN B-PERSON
Vidal 3 nsubj PROPN I-PERSON
arrived 3 ROOT VERB
. 3 punct PUNCT
"""

THE_PRESIDENT_MET = """
The 1 det DET
president 2 nsubj NOUN
met 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
. 2 punct PUNCT
"""

SHADOW_PRESIDENT_ARRIVED = """
Shadow 1 amod ADJ
president 4 nsubj NOUN
Rosa 3 compound PROPN B-PERSON
Vidal 1 appos PROPN I-PERSON
arrived 4 ROOT VERB
. 4 punct PUNCT
"""


def test_the_president_is_the_one_person_the_story_calls_president():
    assert relations(PRESIDENT_ROSA_VIDAL_ARRIVED, THE_PRESIDENT_MET)[1] == {
        ("Rosa Vidal", "metWith", "Carl Holt", "asserted")}


def test_the_president_of_something_else_is_not_that_person():
    the_president_of_acme_met = """
    The 1 det DET
    president 4 nsubj NOUN
    of 1 prep ADP
    Acme 2 pobj PROPN
    met 4 ROOT VERB
    Carl 6 compound PROPN B-PERSON
    Holt 4 dobj PROPN I-PERSON
    . 4 punct PUNCT
    """
    assert relations(PRESIDENT_ROSA_VIDAL_ARRIVED, the_president_of_acme_met)[1] == set()


def test_the_president_is_not_the_shadow_president():
    assert relations(SHADOW_PRESIDENT_ARRIVED, THE_PRESIDENT_MET)[1] == set()


SIGNED_AFTER_A_MEETING = """
Chile 2 poss PROPN B-GPE
's 0 case PART
president 15 nsubj NOUN
, 2 punct PUNCT
Rosa 5 compound PROPN B-PERSON
Vidal 2 appos PROPN I-PERSON
, 5 punct PUNCT
and 5 cc CCONJ
her 10 poss PRON
Peruvian 10 amod ADJ B-NORP
counterpart 5 conj NOUN
, 10 punct PUNCT
Ana 13 compound PROPN B-PERSON
Berg 10 appos PROPN I-PERSON
, 10 punct PUNCT
signed 15 ROOT VERB
the 17 det DET
deal 15 dobj NOUN
after 15 prep ADP
a 20 det DET
meeting 18 pobj NOUN
. 15 punct PUNCT
"""


def test_the_coordinated_persons_who_did_something_after_a_meeting_met():
    assert relations(SIGNED_AFTER_A_MEETING)[1] >= {("Rosa Vidal", "metWith", "Ana Berg", "asserted")}


def test_a_meeting_of_a_body_is_no_meeting_of_the_subjects():
    spoke_after_a_meeting_of_the_cabinet = """
    Anna 1 compound PROPN B-PERSON
    Berg 5 nsubj PROPN I-PERSON
    and 1 cc CCONJ
    Carl 4 compound PROPN B-PERSON
    Holt 1 conj PROPN I-PERSON
    spoke 5 ROOT VERB
    after 5 prep ADP
    a 8 det DET
    meeting 6 pobj NOUN
    of 8 prep ADP
    the 11 det DET
    cabinet 9 pobj NOUN
    . 5 punct PUNCT
    """
    assert relations(spoke_after_a_meeting_of_the_cabinet)[1] == set()


def test_calling_someone_a_quoted_word_is_no_call_even_when_the_sentence_is_cut_before_it():
    # the parser ended the sentence before the quotation: 'X called Y | "two-faced" ...'
    cut = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
called 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
"""
    rest = """
" 1 punct PUNCT
rude 1 ROOT ADJ
" 1 punct PUNCT
. 1 punct PUNCT
"""
    assert relations(cut, rest)[1] == set()
    assert relations(cut + ". 2 punct PUNCT\n")[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}


def test_talks_with_other_leaders_of_a_body_are_not_talks_with_the_body():
    parse = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
held 2 ROOT VERB
talks 2 dobj NOUN
with 3 prep ADP
other 8 amod ADJ
Nordic 7 compound PROPN B-ORG
Council 8 compound PROPN I-ORG
leaders 4 pobj NOUN
. 2 punct PUNCT
"""
    assert relations(parse)[1] == set()
    assert relations(parse.replace("other 8 amod ADJ", "the 8 det DET"))[1] == {
        ("Anna Berg", "metWith", "Nordic Council", "asserted")}


def test_a_quoted_clause_without_subject_is_the_speakers_own():
    # '"Had a good phone call with Carl Holt," Anna Berg wrote.'
    parse = """
" 1 punct PUNCT
Had 13 ccomp VERB
a 5 det DET
good 5 amod ADJ
phone 5 compound NOUN
call 1 dobj NOUN
with 5 prep ADP
Carl 8 compound PROPN B-PERSON
Holt 6 pobj PROPN I-PERSON
, 13 punct PUNCT
" 13 punct PUNCT
Anna 12 compound PROPN B-PERSON
Berg 13 nsubj PROPN I-PERSON
wrote 13 ROOT VERB
. 13 punct PUNCT
"""
    assert relations(parse)[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}


JOINED = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
joined 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
{prep} 2 prep ADP
a 7 det DET
{noun} 5 pobj NOUN
. 2 punct PUNCT
"""


@pytest.mark.parametrize("prep, noun", [("on", "trail"), ("in", "tour"), ("on", "visit")])
def test_joining_someone_on_a_joint_activity_is_a_meeting(prep, noun):
    assert relations(JOINED.format(prep=prep, noun=noun))[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}


@pytest.mark.parametrize("prep, noun", [("in", "criticism"), ("in", "condemnation")])
def test_joining_someone_in_anything_else_is_no_meeting(prep, noun):
    assert relations(JOINED.format(prep=prep, noun=noun))[1] == set()


def test_a_person_the_tagger_took_for_an_adverb_before_the_verb_is_its_subject():
    parse = JOINED.format(prep="on", noun="tour").replace("Berg 2 nsubj PROPN I-PERSON", "Berg 2 advmod ADV I-PERSON")
    assert relations(parse)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}


FRENCH_PRESIDENT_ARRIVED = """
French 1 amod ADJ B-NORP
President 3 compound PROPN
Rosa 3 compound PROPN B-PERSON
Vidal 4 nsubj PROPN I-PERSON
arrived 4 ROOT VERB
. 4 punct PUNCT
"""

RIFT_EXPOSED_IN_A_MEETING = """
Carl 1 compound PROPN B-PERSON
Holt 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
about 2 prep ADP
a 5 det DET
rift 3 pobj NOUN
exposed 5 acl VERB
in 6 prep ADP
a 9 det DET
meeting 7 pobj NOUN
with 9 prep ADP
the 13 det DET
{nationality} 13 amod ADJ B-NORP
leader 10 pobj NOUN
. 2 punct PUNCT
"""


def test_a_meeting_in_a_subjectless_clause_is_the_first_subject_above_and_the_french_leader_is_frances_president():
    found = relations(FRENCH_PRESIDENT_ARRIVED, RIFT_EXPOSED_IN_A_MEETING.format(nationality="French"))[1]
    assert found == {("Carl Holt", "metWith", "Rosa Vidal", "asserted")}


def test_the_leader_of_a_country_nobody_in_the_story_leads_is_nobody():
    assert relations(FRENCH_PRESIDENT_ARRIVED, RIFT_EXPOSED_IN_A_MEETING.format(nationality="German"))[1] == set()


HELD_TALKS_WITH_MINISTERS = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
held 2 ROOT VERB
talks 2 dobj NOUN
with 3 prep ADP
{modifier}
ministers 4 pobj NOUN
{after}
. 2 punct PUNCT
"""


def test_talks_with_unnamed_ministers_of_a_country_are_talks_with_the_country():
    parse = HELD_TALKS_WITH_MINISTERS.format(modifier="Taiwanese 6 amod ADJ B-NORP", after="")
    assert relations(parse)[1] == {("Anna Berg", "metWith", "Taiwan", "asserted")}


def test_talks_with_unnamed_ministers_of_a_body_are_talks_with_the_body():
    parse = HELD_TALKS_WITH_MINISTERS.format(modifier="finance 6 compound NOUN",
                                             after="of 6 prep ADP\nthe 9 det DET\nG8 7 pobj PROPN B-ORG")
    assert relations(parse)[1] == {("Anna Berg", "metWith", "G8", "asserted")}


def test_talks_with_unnamed_ministers_of_nowhere_are_no_relation():
    parse = HELD_TALKS_WITH_MINISTERS.format(modifier="senior 6 amod ADJ", after="")
    assert relations(parse)[1] == set()


def test_unnamed_counterparts_of_several_countries_leave_out_the_subjects_own():
    from kg.nlp.positions import find_positions

    arrived = """
Norwegian 1 amod ADJ B-NORP
President 3 compound PROPN
Rosa 3 compound PROPN B-PERSON
Vidal 4 nsubj PROPN I-PERSON
arrived 4 ROOT VERB
. 4 punct PUNCT
"""
    parse = HELD_TALKS_WITH_MINISTERS.format(
        modifier="", after="of 5 prep ADP\nNorway 6 pobj PROPN B-GPE\nand 7 cc CCONJ\nPeru 7 conj PROPN B-GPE"
    ).replace("Anna 1 compound PROPN B-PERSON\nBerg", "Rosa 1 compound PROPN B-PERSON\nVidal")
    ctx = context(make_doc(arrived, parse))
    ctx.set_positions(find_positions(ctx)[0])
    assert ctx.posts_of(["Person:Rosa Vidal"]) == {"Country:Norway"}
    found = {(r.subject.split(":")[1], r.object.split(":")[1]) for r in interaction_relations(ctx, find_interactions(ctx))}
    assert found == {("Rosa Vidal", "Peru")}


def test_two_hosts_of_a_dinner_did_not_meet_each_other():
    parse = """
Anna 1 compound PROPN B-PERSON
Berg 5 nsubj PROPN I-PERSON
and 1 cc CCONJ
Carl 4 compound PROPN B-PERSON
Holt 1 conj PROPN I-PERSON
hosted 5 ROOT VERB
a 7 det DET
dinner 5 dobj NOUN
. 5 punct PUNCT
"""
    assert relations(parse)[1] == set()


def test_a_judge_sitting_with_others_on_a_bench_is_no_meeting():
    parse = """
Anna 1 compound PROPN B-PERSON
Berg 7 nsubj PROPN I-PERSON
, 1 punct PUNCT
sitting 7 advcl VERB
with 3 prep ADP
Carl 6 compound PROPN B-PERSON
Holt 4 pobj PROPN I-PERSON
said 7 ROOT VERB
. 7 punct PUNCT
"""
    assert relations(parse)[1] == set()


def test_who_seemed_to_meet_is_a_real_meeting_of_the_names_the_clause_follows():
    # "Anna Berg and Carl Holt, who seemed to meet in Oslo, ..."
    parse = """
Anna 1 compound PROPN B-PERSON
Berg 11 nsubj PROPN I-PERSON
and 1 cc CCONJ
Carl 4 compound PROPN B-PERSON
Holt 1 conj PROPN I-PERSON
, 1 punct PUNCT
who 7 nsubj PRON
seemed 1 relcl VERB
to 9 aux PART
meet 7 xcomp VERB
, 1 punct PUNCT
left 11 ROOT VERB
. 11 punct PUNCT
"""
    assert relations(parse)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}


def test_a_titled_name_after_a_title_phrase_and_a_comma_is_the_one_met():
    parse = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
met 2 ROOT VERB
the 4 det DET
leader 2 dobj NOUN
of 4 prep ADP
the 7 det DET
opposition 5 pobj NOUN
, 2 punct PUNCT
Senator 11 compound PROPN
Carl 11 compound PROPN B-PERSON
Holt 2 npadvmod PROPN I-PERSON
, 11 punct PUNCT
at 11 prep ADP
Westminster 13 pobj PROPN B-GPE
. 2 punct PUNCT
"""
    assert relations(parse)[1] == {("Anna Berg", "metWith", "Carl Holt", "asserted")}


def test_speaking_to_an_outlets_programme_is_no_conversation_with_a_person():
    parse = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
to 2 prep ADP
the 5 det DET
BBC 8 poss PROPN B-ORG
's 5 case PART
Westminster 8 compound PROPN B-PERSON
Hour 3 pobj PROPN I-PERSON
. 2 punct PUNCT
"""
    assert relations(parse)[1] == set()
    assert relations(parse.replace("BBC 8 poss PROPN B-ORG", "Ana 8 poss PROPN B-PERSON"))[1] == {
        ("Anna Berg", "spokeWith", "Westminster Hour", "asserted")}


def test_visiting_a_name_followed_by_where_is_visiting_a_place():
    visited = """
Carl 1 compound PROPN B-PERSON
Holt 2 nsubj PROPN I-PERSON
visited 2 ROOT VERB
Leicester 4 compound PROPN B-PERSON
South 2 dobj PROPN I-PERSON
{rest}
. 2 punct PUNCT
"""
    assert relations(visited.format(rest=", 4 punct PUNCT\nwhere 8 advmod ADV\nhe 8 nsubj PRON\nwon 4 relcl VERB"))[1] == set()
    assert relations(visited.format(rest=""))[1] == {("Carl Holt", "metWith", "Leicester South", "asserted")}


RANG = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
{verb} 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
. 2 punct PUNCT
"""


@pytest.mark.parametrize("verb", ["rang", "phoned", "telephoned", "called"])
def test_every_call_verb_of_the_vocabulary_is_a_call(verb):
    """The call rule reads ``call_verbs``: "Anna Berg rang Carl Holt" is a call like "phoned"."""
    assert relations(RANG.format(verb=verb))[1] == {("Anna Berg", "spokeWith", "Carl Holt", "asserted")}
