"""Meeting and call events: what the dateline adds (hand-built parses, no model)."""
from __future__ import annotations

import pytest

from handbuilt import context, make_doc
from kg.nlp.events import find_events, story_place
from kg.nlp.relations import find_interactions

DATELINE = """
OSLO 0 ROOT PROPN
( 0 punct PUNCT
Wire 0 appos PROPN
) 0 punct PUNCT
- 0 punct PUNCT
"""


def _story(verb_rows: str) -> str:
    return f"""
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
{verb_rows}
"""


MET = _story("""met 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
. 2 punct PUNCT""")

MET_LAST_YEAR = _story("""met 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
last 6 amod ADJ B-DATE
year 2 npadvmod NOUN I-DATE
. 2 punct PUNCT""")

CALLED = _story("""called 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
. 2 punct PUNCT""")


def events(*sentences, published="2025-03-12"):
    ctx = context(make_doc(*sentences))
    story = story_place(ctx)
    return story, find_events(ctx, find_interactions(ctx), published, story)


def test_a_meeting_without_place_takes_the_datelines_with_the_dateline_as_evidence():
    story, (ev,) = events(DATELINE, MET)
    assert story.key == "Place:Oslo" and story.entity.aliases == ("OSLO",)
    assert ev.places == ("Place:Oslo",)
    assert [s.rule for s in ev.support] == ["dateline-place"]
    assert ev.support[0].sentence == "OSLO"
    assert ev.evidence.rule == "meet-verb"  # the meeting itself still comes from its sentence


def test_no_dateline_no_place():
    story, (ev,) = events(MET)
    assert story is None and ev.places == () and ev.support == ()


def test_a_call_takes_no_place_from_the_dateline():
    _, (ev,) = events(DATELINE, CALLED)
    assert ev.type == "PhoneCall" and ev.places == ()


def test_a_meeting_of_another_time_takes_no_place_from_the_dateline():
    _, (ev,) = events(DATELINE, MET_LAST_YEAR)
    assert ev.date_text == "last year" and ev.places == ()


def test_a_meeting_joined_to_an_arrival_takes_the_arrivals_place_and_date():
    # "Anna Berg arrived in Oslo on Tuesday and met Carl Holt."
    parse = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
arrived 2 ROOT VERB
in 2 prep ADP
Oslo 3 pobj PROPN B-GPE
on 2 prep ADP
Tuesday 5 pobj PROPN B-DATE
and 2 cc CCONJ
met 2 conj VERB
Carl 10 compound PROPN B-PERSON
Holt 8 dobj PROPN I-PERSON
. 2 punct PUNCT
"""
    _, (ev,) = events(parse, published="2025-03-12")
    assert [k.split(":")[1] for k in ev.places] == ["Oslo"]
    assert (ev.date_text, ev.date) == ("Tuesday", "2025-03-11")


def test_a_planned_meeting_is_an_event_with_status_planned_and_no_place_from_the_dateline():
    will_meet = _story("""will 3 aux AUX
meet 3 ROOT VERB
Carl 5 compound PROPN B-PERSON
Holt 3 dobj PROPN I-PERSON
. 3 punct PUNCT""").replace("Berg 2 nsubj", "Berg 3 nsubj")
    _, (ev,) = events(DATELINE, will_meet)
    assert (ev.type, ev.status, ev.places) == ("Meeting", "planned", ())


TITLE = """
Talks 0 ROOT NOUN
in 0 prep ADP
Oslo 1 pobj PROPN B-GPE
¶ 0 dep SPACE
"""

CAPTION = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
meets 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
in 2 prep ADP
Oslo 5 pobj PROPN B-GPE
¶ 2 dep SPACE
"""

BODY = """
Dana 1 compound PROPN B-PERSON
Ruiz 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
. 2 punct PUNCT
"""


def test_a_photo_caption_gives_its_meeting_with_a_rule_of_its_own():
    _, (ev,) = events(TITLE, CAPTION, BODY)
    assert {k.split(":")[1] for k in ev.participants} == {"Anna Berg", "Carl Holt"}
    assert ev.evidence.rule == "meet-verb-caption" and [k.split(":")[1] for k in ev.places] == ["Oslo"]


def test_the_title_line_gives_no_meeting():
    title_meeting = CAPTION  # the same words as the document's first line are its title
    _, found = events(title_meeting, BODY)
    assert found == []


HELD_THE_NAMED_TALKS = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
held 2 ROOT VERB
the 5 det DET
{name} 5 compound PROPN B-GPE
talks 2 dobj NOUN
with 5 prep ADP
Carl 8 compound PROPN B-PERSON
Holt 6 pobj PROPN I-PERSON
. 2 punct PUNCT
"""


@pytest.mark.parametrize("name, places", [("Oslo", ["Oslo"]), ("Norway", [])])
def test_a_city_naming_the_talks_is_their_place_a_country_is_a_side(name, places):
    # "Anna Berg held the Oslo talks with Carl Holt." / "the Norway talks": a side, not a place
    _, (ev,) = events(HELD_THE_NAMED_TALKS.format(name=name))
    assert [k.split(":")[1] for k in ev.places] == places


def test_met_one_person_in_one_city_and_then_another_in_another_is_two_meetings():
    # "Ana Reyes first met Carl Holt in Lima and then Dana Ruiz with European leaders in Paris."
    parse = """
Ana 1 compound PROPN B-PERSON
Reyes 3 nsubj PROPN I-PERSON
first 3 advmod ADV
met 3 ROOT VERB
Carl 5 compound PROPN B-PERSON
Holt 3 dobj PROPN I-PERSON
in 3 prep ADP
Lima 6 pobj PROPN B-GPE
and 3 cc CCONJ
then 11 advmod ADV
Dana 11 compound PROPN B-PERSON
Ruiz 3 conj PROPN I-PERSON
with 11 prep ADP
European 14 amod ADJ B-NORP
leaders 12 pobj NOUN
in 14 prep ADP
Paris 15 pobj PROPN B-GPE
. 3 punct PUNCT
"""
    _, found = events(parse)
    got = {(frozenset(k.split(":")[1] for k in e.participants), tuple(k.split(":")[1] for k in e.places), e.evidence.rule)
           for e in found}
    assert got == {(frozenset({"Ana Reyes", "Carl Holt"}), ("Lima",), "meet-verb"),
                   (frozenset({"Ana Reyes", "Dana Ruiz"}), ("Paris",), "meet-verb-gapped")}
