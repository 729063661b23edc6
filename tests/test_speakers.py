"""Who speaks (kg/nlp/quotes/speakers.py, names.py, coreference): hand-built parses (no statistical
model), in the style of test_quotes.py. Each parse is written as rows ``word head dep pos [ent]``."""
from __future__ import annotations

from handbuilt import context, make_doc
from test_quotes import LONE_SURNAME_ADMITTED, build, quotes

from kg.nlp.quotes import find_quotations, quote_spans
from kg.nlp.vocab import vocab

HOLT_SAID = """
Carl 1 compound PROPN B-PERSON
Holt 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
the 4 det DET
talks 6 nsubj NOUN
had 6 aux AUX
failed 2 ccomp VERB
. 2 punct PUNCT
"""

BUDGET_CUT = """
The 1 det DET
budget 3 nsubjpass NOUN
was 3 auxpass AUX
cut 3 ROOT VERB
. 3 punct PUNCT
"""

SHE_SAID_DEAD = """
She 1 nsubj PRON
said 1 ROOT VERB
the 3 det DET
plan 4 nsubj NOUN
was 1 ccomp AUX
dead 4 acomp ADJ
. 1 punct PUNCT
"""

MS_BERG_SAID = """
Ms 2 compound PROPN B-PERSON
Anna 2 compound PROPN I-PERSON
Berg 3 nsubj PROPN I-PERSON
said 3 ROOT VERB
the 5 det DET
talks 7 nsubj NOUN
had 7 aux AUX
failed 3 ccomp VERB
. 3 punct PUNCT
"""


def _speakers(doc) -> dict[str, str | None]:
    return {q.text: q.speaker for q in quotes(doc)}


def test_she_is_no_recent_speaker_whose_gender_the_text_does_not_state():
    doc = build([HOLT_SAID, BUDGET_CUT, SHE_SAID_DEAD])
    assert doc.text == "Carl Holt said the talks had failed. The budget was cut. She said the plan was dead."
    assert _speakers(doc) == {"the talks had failed": "Person:Carl Holt", "the plan was dead": None}


def test_she_is_the_recent_speaker_the_text_shows_to_be_a_woman():
    doc = build([MS_BERG_SAID, BUDGET_CUT, SHE_SAID_DEAD])
    assert _speakers(doc)["the plan was dead"] == "Person:Anna Berg"


def test_she_is_the_person_whose_cue_opened_the_sentence_before():
    # Okoro is no actor of the document (a lone surname the speaker rules add), so only the
    # speaker of the sentence just before can tell who "she" is
    doc = build([LONE_SURNAME_ADMITTED, SHE_SAID_DEAD])
    assert doc.text == "Okoro admitted that the plan failed. She said the plan was dead."
    assert _speakers(doc)["the plan was dead"] == "Person:Okoro"
    assert _speakers(build([LONE_SURNAME_ADMITTED, BUDGET_CUT, SHE_SAID_DEAD]))["the plan was dead"] is None


HOLT_WRONG_TO_SAY = """
Carl 1 compound PROPN B-PERSON
Holt 2 nsubj PROPN I-PERSON
was 2 ROOT AUX
wrong 2 acomp ADJ
to 5 aux PART
say 3 xcomp VERB
the 7 det DET
law 8 nsubj NOUN
was 5 ccomp AUX
unfair 8 acomp ADJ
. 2 punct PUNCT
"""

HOLT_QUICK_TO_SAY = HOLT_WRONG_TO_SAY.replace("wrong 2 acomp ADJ", "quick 2 acomp ADJ")


def test_who_was_wrong_to_say_something_is_not_its_speaker():
    # the words are reported as another's judgement of them: no speaker rather than the one judged
    doc = build([HOLT_WRONG_TO_SAY])
    assert doc.text == "Carl Holt was wrong to say the law was unfair."
    assert _speakers(doc) == {"the law was unfair": None}
    assert _speakers(build([HOLT_QUICK_TO_SAY])) == {"the law was unfair": "Person:Carl Holt"}


UNIVERSITIES_SCOTLAND = """
Universities 1 compound PROPN
Scotland 7 nsubj PROPN B-GPE
, 1 punct PUNCT
which 4 nsubj PRON
represents 1 relcl VERB
colleges 4 dobj NOUN
, 1 punct PUNCT
said 7 ROOT VERB
that 10 mark SCONJ
fees 10 nsubj NOUN
were 7 ccomp AUX
too 12 advmod ADV
low 10 acomp ADJ
. 7 punct PUNCT
"""

DECIDED_IN_SCOTLAND = """
But 3 cc CCONJ
the 2 det DET
nationalists 3 nsubj NOUN
say 3 ROOT VERB
the 5 det DET
issue 8 nsubjpass NOUN
should 8 aux AUX
be 8 auxpass AUX
decided 3 ccomp VERB
in 8 prep ADP
Scotland 9 pobj PROPN B-GPE
and 8 cc CCONJ
believe 8 conj VERB
the 14 det DET
executive 16 nsubj NOUN
is 16 aux AUX
shirking 12 ccomp VERB
its 18 poss PRON
duty 16 dobj NOUN
. 3 punct PUNCT
"""


def test_a_place_that_ends_another_name_does_not_speak():
    doc = build([UNIVERSITIES_SCOTLAND])
    assert doc.text.startswith("Universities Scotland, which represents colleges, said")
    assert _speakers(doc) == {"fees were too low": None}


def test_a_place_after_a_preposition_does_not_speak():
    doc = build([DECIDED_IN_SCOTLAND])
    assert _speakers(doc).get("the executive is shirking its duty") is None


THE_MINISTER_SAID = """
The 1 det DET
minister 2 nsubj NOUN
said 2 ROOT VERB
the 4 det DET
talks 6 nsubj NOUN
had 6 aux AUX
failed 2 ccomp VERB
. 2 punct PUNCT
"""

MINISTER_BERG_ARRIVED = """
Foreign 1 compound PROPN
Minister 3 compound PROPN
Anna 3 compound PROPN B-PERSON
Berg 4 nsubj PROPN I-PERSON
arrived 4 ROOT VERB
. 4 punct PUNCT
"""


def test_a_definite_title_refers_back_to_a_holder_named_before_it():
    # "the minister" of the first sentence is not the minister the story names later
    later = make_doc(THE_MINISTER_SAID, MINISTER_BERG_ARRIVED)
    assert later.text.strip() == "The minister said the talks had failed. Foreign Minister Anna Berg arrived."
    assert [q.speaker for q in find_quotations(context(later))] == [None]
    bare = MINISTER_BERG_ARRIVED.replace("Foreign 1 compound PROPN\n", "").replace(" 3 ", " 2 ").replace(" 4 ", " 3 ")
    assert make_doc(bare).text.strip() == "Minister Anna Berg arrived."
    assert _said(THE_MINISTER_SAID, bare) == [None]  # even when her title is the same one word
    before = make_doc(MINISTER_BERG_ARRIVED, THE_MINISTER_SAID)
    assert [q.speaker for q in find_quotations(context(before))] == ["Person:Anna Berg"]


HOLT_BUSINESSMAN_ARRIVED = """
Carl 1 compound PROPN B-PERSON
Holt 8 nsubj PROPN I-PERSON
, 1 punct PUNCT
a 6 det DET
New 5 compound PROPN B-GPE
York 6 compound PROPN I-GPE
businessman 1 appos NOUN
, 1 punct PUNCT
arrived 8 ROOT VERB
. 8 punct PUNCT
"""

THE_BUSINESSMAN_SAID = """
The 3 det DET
New 2 compound PROPN B-GPE
York 3 compound PROPN I-GPE
businessman 4 nsubj NOUN
said 4 ROOT VERB
the 6 det DET
talks 8 nsubj NOUN
had 8 aux AUX
failed 4 ccomp VERB
. 4 punct PUNCT
"""


def _said(*sentences: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(context(make_doc(*sentences)))]


def test_a_description_is_the_one_person_the_article_described_so():
    assert make_doc(HOLT_BUSINESSMAN_ARRIVED, THE_BUSINESSMAN_SAID).text.strip() == (
        "Carl Holt, a New York businessman, arrived. The New York businessman said the talks had failed.")
    assert _said(HOLT_BUSINESSMAN_ARRIVED, THE_BUSINESSMAN_SAID) == ["Person:Carl Holt"]
    [q] = find_quotations(context(make_doc(HOLT_BUSINESSMAN_ARRIVED, THE_BUSINESSMAN_SAID)))
    assert q.evidence.confidence < vocab().confidence("indirect-statement")  # found by description


def test_a_description_nobody_or_two_persons_fit_has_no_speaker():
    boston = HOLT_BUSINESSMAN_ARRIVED.replace("New 5 compound PROPN B-GPE\nYork 6 compound PROPN I-GPE",
                                              "from 6 prep ADP\nBoston 5 pobj PROPN B-GPE")
    assert _said(boston, THE_BUSINESSMAN_SAID) == [None]
    ruiz = HOLT_BUSINESSMAN_ARRIVED.replace("Carl", "Dan").replace("Holt", "Ruiz")
    assert _said(HOLT_BUSINESSMAN_ARRIVED, ruiz, THE_BUSINESSMAN_SAID) == [None]
    # described only after the words: not yet
    assert _said(THE_BUSINESSMAN_SAID, HOLT_BUSINESSMAN_ARRIVED) == [None]


NOMINEE_HOLT_ARRIVED = """
Republican 1 amod ADJ B-NORP
nominee 3 compound NOUN
Carl 3 compound PROPN B-PERSON
Holt 4 nsubj PROPN I-PERSON
arrived 4 ROOT VERB
. 4 punct PUNCT
"""

THE_REPUBLICAN_NOMINEE_SAID = """
The 2 det DET
Republican 2 amod ADJ B-NORP
nominee 3 nsubj NOUN
said 3 ROOT VERB
the 5 det DET
talks 7 nsubj NOUN
had 7 aux AUX
failed 3 ccomp VERB
. 3 punct PUNCT
"""

THE_GOP_NOMINEE_SAID = THE_REPUBLICAN_NOMINEE_SAID.replace("Republican 2 amod ADJ B-NORP", "GOP 2 compound PROPN B-ORG")


def test_a_nominee_is_the_person_not_the_party_that_modifies_the_title():
    assert _said(NOMINEE_HOLT_ARRIVED, THE_REPUBLICAN_NOMINEE_SAID) == ["Person:Carl Holt"]
    # "GOP" is not a word said of Holt here: no speaker, and never the party
    assert _said(NOMINEE_HOLT_ARRIVED, THE_GOP_NOMINEE_SAID) == [None]


PRESIDENT_BERG_OF_UKRAINE = """
President 2 compound PROPN
Ana 2 compound PROPN B-PERSON
Berg 5 nsubj PROPN I-PERSON
of 2 prep ADP
Ukraine 3 pobj PROPN B-GPE
arrived 5 ROOT VERB
. 5 punct PUNCT
"""

UKRAINES_PRESIDENT_SAID = """
Ukraine 2 poss PROPN B-GPE
's 0 case PART
president 3 nsubj NOUN
said 3 ROOT VERB
the 5 det DET
talks 7 nsubj NOUN
had 7 aux AUX
failed 3 ccomp VERB
. 3 punct PUNCT
"""


def test_a_country_s_title_is_the_person_holding_it_there():
    assert _said(PRESIDENT_BERG_OF_UKRAINE, UKRAINES_PRESIDENT_SAID) == ["Person:Ana Berg"]


THE_BARE_BUSINESSMAN_SAID = """
The 1 det DET
businessman 2 nsubj NOUN
said 2 ROOT VERB
the 4 det DET
talks 6 nsubj NOUN
had 6 aux AUX
failed 2 ccomp VERB
. 2 punct PUNCT
"""

RUIZ_ARRIVED = """
Dan 1 compound PROPN B-PERSON
Ruiz 2 nsubj PROPN I-PERSON
arrived 2 ROOT VERB
. 2 punct PUNCT
"""


def test_a_one_word_description_is_the_last_person_named_or_nobody():
    assert _said(HOLT_BUSINESSMAN_ARRIVED, THE_BARE_BUSINESSMAN_SAID) == ["Person:Carl Holt"]
    # another person came in between: "the businessman" may be him, whom the text never called so
    assert _said(HOLT_BUSINESSMAN_ARRIVED, RUIZ_ARRIVED, THE_BARE_BUSINESSMAN_SAID) == [None]
    # the full description still fits only Holt
    assert _said(HOLT_BUSINESSMAN_ARRIVED, RUIZ_ARRIVED, THE_BUSINESSMAN_SAID) == ["Person:Carl Holt"]
    # too long ago
    assert _said(HOLT_BUSINESSMAN_ARRIVED, RUIZ_ARRIVED, RUIZ_ARRIVED, RUIZ_ARRIVED, RUIZ_ARRIVED,
                 THE_BUSINESSMAN_SAID) == [None]


THE_FOREIGN_MINISTER_SAID = """
The 2 det DET
foreign 2 amod ADJ
minister 3 nsubj NOUN
said 3 ROOT VERB
the 5 det DET
talks 7 nsubj NOUN
had 7 aux AUX
failed 3 ccomp VERB
. 3 punct PUNCT
"""


def test_the_full_title_may_name_its_holder_after_it():
    # a lede's "the foreign minister said" is the Foreign Minister the story names next
    assert _said(THE_FOREIGN_MINISTER_SAID, MINISTER_BERG_ARRIVED) == ["Person:Anna Berg"]


ACME_CUT_JOBS = """
Acme 1 compound PROPN B-ORG
Corp. 2 nsubj PROPN I-ORG
cut 2 ROOT VERB
500 4 nummod NUM
jobs 2 dobj NOUN
. 2 punct PUNCT
"""

THE_COMPANY_SAID = """
The 1 det DET
company 2 nsubj NOUN
said 2 ROOT VERB
sales 5 nsubj NOUN
had 5 aux AUX
fallen 2 ccomp VERB
. 2 punct PUNCT
"""

BOLT_BANK_CUT_JOBS = ACME_CUT_JOBS.replace("Acme", "Bolt").replace("Corp.", "Bank")
VOLT_INC_CUT_JOBS = ACME_CUT_JOBS.replace("Acme", "Volt").replace("Corp.", "Inc.")


def test_the_company_is_the_one_company_named_just_before():
    doc = make_doc(ACME_CUT_JOBS, THE_COMPANY_SAID)
    assert doc.text.strip() == "Acme Corp. cut 500 jobs. The company said sales had fallen."
    assert _said(ACME_CUT_JOBS, THE_COMPANY_SAID) == ["Organization:Acme Corp."]
    # a bank is no company by its name; two companies: no speaker
    assert _said(BOLT_BANK_CUT_JOBS, ACME_CUT_JOBS, THE_COMPANY_SAID) == ["Organization:Acme Corp."]
    assert _said(VOLT_INC_CUT_JOBS, ACME_CUT_JOBS, THE_COMPANY_SAID) == [None]
    # named too long before
    assert _said(ACME_CUT_JOBS, *[RUIZ_ARRIVED] * 6, THE_COMPANY_SAID) == [None]


POLICE_SAID = """
Police 1 nsubj NOUN
said 1 ROOT VERB
the 3 det DET
man 5 nsubjpass NOUN
was 5 auxpass AUX
armed 1 ccomp VERB
. 1 punct PUNCT
"""

TULSA_POLICE_ARRIVED = """
The 3 det DET
Tulsa 2 compound PROPN B-ORG
Police 3 compound PROPN I-ORG
Department 4 nsubj PROPN I-ORG
arrived 4 ROOT VERB
. 4 punct PUNCT
"""


def test_police_are_the_police_force_named_nearby_or_nobody():
    assert _said(TULSA_POLICE_ARRIVED, POLICE_SAID) == ["Organization:Tulsa Police Department"]
    assert _said(ACME_CUT_JOBS, POLICE_SAID) == [None]


WELCOMED_BY_BEIJING = """
The 1 det DET
plan 3 nsubjpass NOUN
was 3 auxpass AUX
welcomed 3 ROOT VERB
by 3 agent ADP
Beijing 4 pobj PROPN B-GPE
, 5 punct PUNCT
which 8 nsubj PRON
said 5 relcl VERB
the 10 det DET
talks 12 nsubj NOUN
had 12 aux AUX
failed 8 ccomp VERB
. 3 punct PUNCT
"""


def test_a_place_that_is_an_agent_may_speak():
    # "in Scotland" is where; "by Beijing, which said" is who
    assert [q.speaker for q in quotes(build([WELCOMED_BY_BEIJING]))] == ["Place:Beijing"]


def test_a_sentence_opening_a_new_quote_closes_the_one_left_open():
    # paragraphs run together: the first quote was left open at "26 weeks."
    text = ('Ms Berg said: "It was 13 weeks, now it is 26 weeks. "We are going to extend it." '
            'She said ministers would consult.')
    assert [text[q.inner_start:q.inner_end] for q in quote_spans(text)] == [
        "It was 13 weeks, now it is 26 weeks.", "We are going to extend it."]
    # a straight mark after a space that closes a quote is still a closing one
    text = 'It is "fine. " she said, and "Good" he said.'
    assert [text[q.inner_start:q.inner_end] for q in quote_spans(text)] == ["fine. ", "Good"]


SECRETARY_MAY_SAID = """
The 2 det DET
Shadow 2 compound PROPN
Secretary 7 nsubj PROPN
, 2 punct PUNCT
Theresa 5 compound PROPN
May 2 appos PROPN
, 2 punct PUNCT
said 7 ROOT VERB
the 9 det DET
plan 10 nsubj NOUN
was 7 ccomp AUX
dead 10 acomp ADJ
. 7 punct PUNCT
"""


def test_an_untagged_name_in_apposition_to_a_title_speaks():
    doc = make_doc(SECRETARY_MAY_SAID)
    assert doc.text.strip() == "The Shadow Secretary, Theresa May, said the plan was dead."
    assert _said(SECRETARY_MAY_SAID) == ["Person:Theresa May"]


ROE_SCOLDED = """
Ann 1 compound PROPN B-PERSON
Roe 2 nsubj PROPN I-PERSON
scolded 7 ccomp VERB
him 2 dobj PRON
: 2 punct PUNCT
" 7 punct PUNCT
plan 7 nsubj NOUN
is 12 ccomp AUX
dead 7 acomp ADJ
, 12 punct PUNCT
" 12 punct PUNCT
she 12 nsubj PRON
said 12 ROOT VERB
. 12 punct PUNCT
"""


def test_she_after_a_quote_is_the_subject_who_opened_its_sentence():
    """"Ann Roe scolded him: "Plan is dead," she said.": the parser hangs "scolded" on the quoted
    clause; Roe, whose gender the text does not state, is still the one "she" names."""
    doc = build([ROE_SCOLDED])
    assert _speakers(doc)["plan is dead"] == "Person:Ann Roe"


TRANSCRIPT = (
    ["""
Ann 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
spoke 2 ROOT VERB
. 2 punct PUNCT
"""],
    ["""
BERG 4 npadvmod PROPN
: 4 punct PUNCT
We 4 nsubj PRON
will 4 aux AUX
decide 4 ROOT VERB
later 4 advmod ADV
. 4 punct PUNCT
"""],
    ["""
Q 3 npadvmod PROPN
: 3 punct PUNCT
And 3 cc CCONJ
then 3 ROOT ADV
what 3 dobj PRON
? 3 punct PUNCT
"""],
)


def test_a_paragraph_after_a_persons_label_is_their_quotation_and_other_labels_give_nothing():
    """An interview transcript: "BERG: We will decide later." is Berg's; "Q: And then what?" names nobody."""
    doc = build(*TRANSCRIPT)
    assert doc.text.splitlines()[1] == "BERG: We will decide later."
    found = [(q.text, q.speaker, q.kind, q.evidence.rule) for q in quotes(doc)]
    assert found == [("We will decide later.", "Person:Ann Berg", "direct", "transcript-label")]


NEEDED_TO_EXPLAIN = """
Acme 1 nsubj PROPN B-ORG
said 1 ROOT VERB
Bolt 3 nsubj PROPN B-ORG
needed 1 ccomp VERB
to 5 aux PART
explain 3 xcomp VERB
how 9 advmod ADV
they 9 nsubj PRON
would 9 aux AUX
pay 5 ccomp VERB
. 1 punct PUNCT
"""


def test_what_someone_needed_to_explain_is_nothing_they_said():
    """"Acme said Bolt needed to explain how they would pay": Acme's statement, none of Bolt's."""
    doc = build([NEEDED_TO_EXPLAIN])
    assert _speakers(doc) == {"Bolt needed to explain how they would pay": "Organization:Acme"}


SAID_OF_HIM = """
" 7 punct PUNCT
Carl 2 compound PROPN B-PERSON
Holt 3 nsubj PROPN I-PERSON
won 7 ccomp VERB
. 3 punct PUNCT
" 7 punct PUNCT
Holt 7 nsubj PROPN B-PERSON
said 7 ROOT VERB
. 7 punct PUNCT
"""


def test_a_quotation_that_names_its_speaker_in_full_is_not_theirs():
    """'"Carl Holt won." Holt said.' reads as someone's words about Holt: no speaker rather than him."""
    doc = build([HOLT_SAID], [SAID_OF_HIM])
    assert _speakers(doc)["Carl Holt won."] is None


IT_WAS_THOUGHT = """
it 2 nsubjpass PRON
was 2 auxpass AUX
thought 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 6 nsubj PROPN I-PERSON
would 6 aux AUX
resign 2 ccomp VERB
. 2 punct PUNCT
"""


def test_the_subject_of_the_reported_clause_right_after_the_verb_is_not_its_speaker():
    """"it was thought Carl Holt would resign": nobody named thought it, least of all Holt."""
    doc = build([IT_WAS_THOUGHT])
    assert _speakers(doc) == {"Carl Holt would resign": None}
