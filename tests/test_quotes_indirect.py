"""Reported speech whose content is a phrase or names a claim, on hand-built parses: "X denied
any role", "X called for elections", "X vowed to end the talks", "X's claim that ...", "In X's
view, ...", "As X put it, ...". Rows are ``word head dep pos [ent]`` as in ``test_quotes``."""
from __future__ import annotations

import pytest

from test_quotes import build, quotes

# the lemmas and Penn tags the statistical model gives these words (the builder guesses others)
LEMMAS = {"denied": "deny", "called": "call", "accused": "accuse", "lying": "lie", "vowed": "vow", "urged": "urge",
          "knows": "know", "put": "put", "ending": "end", "declined": "decline", "'s": "'s", "cited": "cite",
          "criticized": "criticize", "proposed": "propose", "doing": "do", "questioned": "question",
          "pledged": "pledge", "invited": "invite", "views": "view", "hopes": "hop", "continues": "continue", "announce": "announce", "renewed": "renew", "noted": "note"}
TAGS = {"was": "VBD", "doing": "VBG", "invited": "VBN", "is": "VBZ", "'s": "POS", "put": "VBD", "to": "TO",
        "that": "IN", "did": "VBD"}


def doc_of(*paragraphs):
    doc = build(*paragraphs)
    for t in doc:
        t.lemma_ = LEMMAS.get(t.lower_, t.lemma_)
        t.tag_ = TAGS.get(t.lower_, t.tag_)
    return doc


def only(doc):
    """The one statement found in ``doc``, as (text, speaker, kind, rule, cue)."""
    [q] = quotes(doc)
    return q.text, q.speaker, q.kind, q.evidence.rule, q.cue


DENIED = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
denied 2 ROOT VERB
any 4 det DET
role 2 dobj NOUN
in 4 prep ADP
the 7 det DET
talks 5 pobj NOUN
. 2 punct PUNCT
"""


def test_the_object_of_a_verb_that_reports_it_is_what_was_said():
    assert only(doc_of([DENIED])) == ("any role in the talks", "Person:Anna Berg", "indirect", "indirect-content",
                                      "denied")


CITED = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
cited 2 ROOT VERB
her 4 poss PRON
work 2 dobj NOUN
after 2 prep ADP
the 7 det DET
floods 5 pobj NOUN
. 2 punct PUNCT
"""


def test_a_phrase_the_parse_hangs_on_the_verb_right_after_the_object_belongs_to_it():
    assert only(doc_of([CITED]))[0] == "her work after the floods"


CALLED_FOR = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
called 2 ROOT VERB
for 2 prep ADP
new 5 amod ADJ
elections 3 pobj NOUN
in 5 prep ADP
the 8 det DET
spring 6 pobj NOUN
. 2 punct PUNCT
"""

ACCUSED_OF = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
accused 2 ROOT VERB
the 4 det DET
minister 2 dobj NOUN
of 2 prep ADP
lying 5 pcomp VERB
to 6 prep ADP
parliament 7 pobj NOUN
. 2 punct PUNCT
"""


@pytest.mark.parametrize("rows, text", [(CALLED_FOR, "new elections in the spring"),
                                        (ACCUSED_OF, "the minister of lying to parliament")], ids=["for", "of"])
def test_the_phrase_after_a_content_preposition_is_what_was_said(rows, text):
    assert only(doc_of([rows]))[:4] == (text, "Person:Anna Berg", "indirect", "indirect-content")


VOWED_TO = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
vowed 2 ROOT VERB
to 4 aux PART
end 2 xcomp VERB
the 6 det DET
talks 4 dobj NOUN
. 2 punct PUNCT
"""

URGED_TO = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
urged 2 ROOT VERB
voters 2 dobj NOUN
to 5 aux PART
reject 2 xcomp VERB
the 7 det DET
plan 5 dobj NOUN
. 2 punct PUNCT
"""

CALLED_ON = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
called 2 ROOT VERB
on 2 prep ADP
the 5 det DET
minister 3 pobj NOUN
to 7 aux PART
resign 2 xcomp VERB
. 2 punct PUNCT
"""


@pytest.mark.parametrize("rows, text", [(VOWED_TO, "to end the talks"), (URGED_TO, "voters to reject the plan"),
                                        (CALLED_ON, "the minister to resign")], ids=["vowed", "urged", "called-on"])
def test_the_to_clause_of_a_promise_or_an_appeal_is_what_was_said(rows, text):
    assert only(doc_of([rows]))[:4] == (text, "Person:Anna Berg", "indirect", "indirect-content")


CALLED_IT = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
called 2 ROOT VERB
the 4 det DET
plan 2 dobj NOUN
a 7 det DET
dangerous 7 amod ADJ
gamble 2 oprd NOUN
. 2 punct PUNCT
"""


def test_what_a_characterising_verb_calls_its_object_is_what_was_said():
    assert only(doc_of([CALLED_IT]))[:4] == ("the plan a dangerous gamble", "Person:Anna Berg", "indirect",
                                            "indirect-content")


CALLED_THE_MINISTER = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
called 2 ROOT VERB
the 4 det DET
new 4 amod ADJ
minister 2 dobj NOUN
. 2 punct PUNCT
"""

DECLINED_TO_COMMENT = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
declined 2 ROOT VERB
to 4 aux PART
comment 2 xcomp VERB
on 4 prep ADP
the 7 det DET
talks 5 pobj NOUN
. 2 punct PUNCT
"""

DID_NOT_CALL_FOR = """
Anna 1 compound PROPN B-PERSON
Berg 4 nsubj PROPN I-PERSON
did 4 aux AUX
not 4 neg PART
call 4 ROOT VERB
for 4 prep ADP
new 7 amod ADJ
elections 5 pobj NOUN
in 7 prep ADP
the 10 det DET
spring 8 pobj NOUN
. 4 punct PUNCT
"""

PLAN_WAS_DENIED = """
The 1 det DET
plan 3 nsubjpass NOUN
was 3 auxpass AUX
denied 3 ROOT VERB
any 5 det DET
role 3 dobj NOUN
in 5 prep ADP
the 8 det DET
talks 6 pobj NOUN
. 3 punct PUNCT
"""


@pytest.mark.parametrize("rows", [CALLED_THE_MINISTER, DECLINED_TO_COMMENT, DID_NOT_CALL_FOR, PLAN_WAS_DENIED],
                         ids=["phoned", "declined", "negated", "passive"])
def test_no_statement_from_a_call_a_refusal_a_negation_or_a_passive(rows):
    assert quotes(doc_of([rows])) == []


CLAIM_THAT = """
Anna 1 compound PROPN B-PERSON
Berg 3 poss PROPN I-PERSON
's 1 case PART
claim 9 nsubj NOUN
that 8 mark SCONJ
the 6 det DET
talks 8 nsubj NOUN
had 8 aux AUX
failed 3 acl VERB
was 9 ROOT AUX
false 9 acomp ADJ
. 9 punct PUNCT
"""

VIEW_IS_THAT = """
Anna 1 compound PROPN B-PERSON
Berg 3 poss PROPN I-PERSON
's 1 case PART
view 4 nsubj NOUN
is 4 ROOT AUX
that 8 mark SCONJ
the 7 det DET
deal 8 nsubj NOUN
is 4 ccomp AUX
dead 8 acomp ADJ
. 4 punct PUNCT
"""

IN_HER_VIEW = """
In 8 prep ADP
Anna 2 compound PROPN B-PERSON
Berg 4 poss PROPN I-PERSON
's 2 case PART
view 0 pobj NOUN
, 8 punct PUNCT
the 7 det DET
deal 8 nsubj NOUN
is 8 ROOT AUX
dead 8 acomp ADJ
. 8 punct PUNCT
"""


@pytest.mark.parametrize("rows, text, cue", [(CLAIM_THAT, "the talks had failed", "claim"),
                                             (VIEW_IS_THAT, "the deal is dead", "view"),
                                             (IN_HER_VIEW, "the deal is dead", "view")],
                         ids=["claim-that", "view-is-that", "in-her-view"])
def test_a_claim_or_view_named_by_a_noun_is_its_holders(rows, text, cue):
    assert only(doc_of([rows])) == (text, "Person:Anna Berg", "indirect", "indirect-noun", cue)


CLAIM_HE_MADE = """
The 1 det DET
claim 6 nsubj NOUN
that 4 dobj PRON
Berg 4 nsubj PROPN B-PERSON
made 1 relcl VERB
was 6 aux AUX
false 6 ROOT ADJ
. 6 punct PUNCT
"""


def test_a_relative_clause_on_a_claim_noun_is_no_claim():
    assert quotes(doc_of([CLAIM_HE_MADE])) == []


AS_SHE_PUT_IT = """
As 3 mark SCONJ
Anna 2 compound PROPN B-PERSON
Berg 3 nsubj PROPN I-PERSON
put 8 advcl VERB
it 3 dobj PRON
, 8 punct PUNCT
the 7 det DET
deal 8 nsubj NOUN
is 8 ROOT AUX
dead 8 acomp ADJ
. 8 punct PUNCT
"""


def test_the_clause_around_as_she_put_it_is_what_she_said():
    assert only(doc_of([AS_SHE_PUT_IT]))[:4] == ("the deal is dead", "Person:Anna Berg", "indirect",
                                                "indirect-content")


SAID_ENDING = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
ending 5 csubj VERB
talks 3 dobj NOUN
was 2 xcomp AUX
a 7 det DET
mistake 5 attr NOUN
. 2 punct PUNCT
"""


def test_a_finite_clause_the_parse_calls_an_xcomp_is_what_was_said():
    assert only(doc_of([SAID_ENDING]))[:4] == ("ending talks was a mistake", "Person:Anna Berg", "indirect",
                                              "indirect-statement")


KNOWS_THAT = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
knows 2 ROOT VERB
that 6 mark SCONJ
the 5 det DET
deal 6 nsubj NOUN
is 2 ccomp AUX
dead 6 acomp ADJ
. 2 punct PUNCT
"""


def test_knowing_that_is_a_belief():
    assert only(doc_of([KNOWS_THAT]))[:4] == ("the deal is dead", "Person:Anna Berg", "indirect", "indirect-belief")


PROPOSED_DOING = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
proposed 2 ROOT VERB
doing 2 xcomp VERB
away 3 advmod ADV
with 3 prep ADP
the 7 det DET
mandate 5 pobj NOUN
. 2 punct PUNCT
"""


def test_a_gerund_object_is_what_was_proposed():
    assert only(doc_of([PROPOSED_DOING]))[:4] == ("doing away with the mandate", "Person:Anna Berg", "indirect",
                                                 "indirect-content")


QUESTIONED_WHETHER = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
questioned 2 ROOT VERB
whether 6 mark SCONJ
the 5 det DET
deal 6 nsubj NOUN
was 2 ccomp AUX
legal 6 acomp ADJ
. 2 punct PUNCT
"""


def test_questioning_whether_reports_the_question():
    assert only(doc_of([QUESTIONED_WHETHER]))[:4] == ("whether the deal was legal", "Person:Anna Berg", "indirect",
                                                     "indirect-statement")


TARGET_IT_PLEDGED = """
Berg 1 nsubj PROPN B-PERSON
met 1 ROOT VERB
the 3 det DET
target 1 dobj NOUN
the 5 det DET
country 6 nsubj NOUN
pledged 3 relcl VERB
to 8 aux PART
reach 6 xcomp VERB
at 8 prep ADP
the 11 det DET
summit 9 pobj NOUN
. 1 punct PUNCT
"""

VOTERS_INVITED = """
Berg 1 nsubj PROPN B-PERSON
met 1 ROOT VERB
voters 1 dobj NOUN
invited 2 acl VERB
to 5 aux PART
attend 3 xcomp VERB
the 7 det DET
forum 5 dobj NOUN
. 1 punct PUNCT
"""

DENIED_FAMILIES_CARE = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
denied 2 ROOT VERB
poor 4 amod ADJ
families 2 dative NOUN
basic 7 amod ADJ
health 7 compound NOUN
care 2 dobj NOUN
. 2 punct PUNCT
"""


@pytest.mark.parametrize("rows", [TARGET_IT_PLEDGED, VOTERS_INVITED, DENIED_FAMILIES_CARE],
                         ids=["relative-gap", "passive-participle", "denied-someone-something"])
def test_no_statement_from_an_incomplete_clause_a_passive_participle_or_a_giving(rows):
    assert [q.text for q in quotes(doc_of([rows]))] == []


VIEWS_AS = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
views 2 ROOT VERB
the 4 det DET
deal 2 dobj NOUN
as 2 prep ADP
a 7 det DET
betrayal 5 pobj NOUN
. 2 punct PUNCT
"""


def test_what_someone_views_a_thing_as_is_their_view():
    assert only(doc_of([VIEWS_AS]))[:4] == ("the deal as a betrayal", "Person:Anna Berg", "indirect", "indirect-content")


HOPES_THAT = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
hopes 2 ROOT VERB
that 6 mark SCONJ
the 5 det DET
talks 6 nsubj NOUN
resume 2 ccomp VERB
soon 6 advmod ADV
. 2 punct PUNCT
"""


def test_a_hope_is_a_belief_although_the_model_reads_hopes_as_hop():
    assert only(doc_of([HOPES_THAT]))[:4] == ("the talks resume soon", "Person:Anna Berg", "indirect",
                                             "indirect-belief")


CALL_FOR = """
Anna 1 compound PROPN B-PERSON
Berg 3 poss PROPN I-PERSON
's 1 case PART
call 10 nsubj NOUN
for 3 prep ADP
early 6 amod ADJ
elections 4 pobj NOUN
in 6 prep ADP
the 9 det DET
spring 7 pobj NOUN
went 10 ROOT VERB
unheard 10 acomp ADJ
. 10 punct PUNCT
"""

PLEDGE_TO = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
renewed 2 ROOT VERB
her 4 poss PRON
pledge 2 dobj NOUN
to 6 aux PART
cut 4 acl VERB
taxes 6 dobj NOUN
for 6 prep ADP
families 8 pobj NOUN
. 2 punct PUNCT
"""

DEMAND_FOR = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
noted 2 ROOT VERB
the 4 det DET
demand 2 dobj NOUN
for 4 prep ADP
thermal 7 amod ADJ
coal 5 pobj NOUN
. 2 punct PUNCT
"""


@pytest.mark.parametrize("rows, text, cue", [(CALL_FOR, "early elections in the spring", "call"),
                                             (PLEDGE_TO, "to cut taxes for families", "pledge")],
                         ids=["call-for", "pledge-to"])
def test_what_a_call_or_a_pledge_names_is_its_makers(rows, text, cue):
    assert text in {q.text for q in quotes(doc_of([rows])) if q.evidence.rule == "indirect-noun"}
    [q] = [q for q in quotes(doc_of([rows])) if q.text == text]
    assert (q.speaker, q.cue) == ("Person:Anna Berg", cue)


def test_the_demand_for_a_good_is_no_claim():
    assert [q.text for q in quotes(doc_of([DEMAND_FOR])) if q.evidence.rule.startswith("indirect-noun")] == []


AS_SHE_SAID = """
As 3 mark SCONJ
Anna 2 compound PROPN B-PERSON
Berg 3 nsubj PROPN I-PERSON
said 7 advcl VERB
, 7 punct PUNCT
the 6 det DET
deal 7 nsubj NOUN
is 7 ROOT AUX
dead 7 acomp ADJ
. 7 punct PUNCT
"""

CRITICIZED_FOR = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
criticized 2 ROOT VERB
the 4 det DET
minister 2 dobj NOUN
for 2 prep ADP
ignoring 5 pcomp VERB
the 8 det DET
floods 6 dobj NOUN
. 2 punct PUNCT
"""


@pytest.mark.parametrize("rows, text, rule", [(AS_SHE_SAID, "the deal is dead", "indirect-statement"),
                                              (CRITICIZED_FOR, "the minister for ignoring the floods",
                                               "indirect-content")], ids=["as-she-said", "criticized-for"])
def test_as_she_said_and_criticized_for(rows, text, rule):
    assert only(doc_of([rows]))[:4] == (text, "Person:Anna Berg", "indirect", rule)


AS_IT_CONTINUES = """
Problems 2 nsubjpass NOUN
are 2 auxpass AUX
expected 2 ROOT VERB
as 6 mark SCONJ
the 5 det DET
workforce 6 nsubj NOUN
continues 2 advcl VERB
to 8 aux PART
age 6 xcomp VERB
. 2 punct PUNCT
"""


def test_as_with_a_verb_that_has_its_own_complement_is_no_parenthetical_cue():
    assert quotes(doc_of([AS_IT_CONTINUES])) == []


AS_IT_CONTINUES_TO = """
Problems 2 nsubjpass NOUN
are 2 auxpass AUX
expected 2 ROOT VERB
as 6 mark SCONJ
the 5 det DET
workforce 6 nsubj NOUN
continues 2 advcl VERB
to 6 prep ADP
age 7 pobj NOUN
. 2 punct PUNCT
"""

EXPECTED_TO_ANNOUNCE = """
Anna 1 compound PROPN B-PERSON
Berg 3 nsubjpass PROPN I-PERSON
is 3 auxpass AUX
expected 3 ROOT VERB
to 5 aux PART
announce 3 xcomp VERB
new 7 amod ADJ
rules 5 dobj NOUN
for 7 prep ADP
schools 8 pobj NOUN
. 3 punct PUNCT
"""


@pytest.mark.parametrize("rows", [AS_IT_CONTINUES_TO, EXPECTED_TO_ANNOUNCE], ids=["as-no-one-named", "expected-to"])
def test_no_statement_from_as_meaning_while_nor_from_what_someone_is_expected_to_say(rows):
    assert quotes(doc_of([rows])) == []
