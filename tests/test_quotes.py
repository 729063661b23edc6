"""Quotation rules on hand-built parses (no statistical model), and the pure text helpers.

Each parse is written as rows ``word head dep pos [ent]`` (``head`` is the 0-based index within
the sentence, the root points at itself); a paragraph is a list of such sentences. The builder
spaces quotation marks like news text (``"We will win," Anna Berg said.``).
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.nlp.actors import find_actors
from kg.nlp.boilerplate import non_narrative_ranges
from kg.nlp.context import Context
from kg.nlp.positions import positions_of
from kg.nlp.quotes import find_quotations, is_title, quote_spans

LEMMAS = {"said": "say", "says": "say", "told": "tell", "insisted": "insist", "added": "add", "saying": "say",
          "met": "meet", "did": "do", "was": "be", "is": "be", "are": "be", "had": "have", "issued": "issue",
          "arrived": "arrive", "failed": "fail", "according": "accord", "left": "leave", "needs": "need",
          "went": "go", "believes": "believe", "admitted": "admit", "accused": "accuse", "welcomed": "welcome",
          "needed": "need", "thought": "think"}
_NO_SPACE_BEFORE = {".", ",", ":", ";", "'s", "n't", "?", "!"}

_NLP = spacy.blank("en")


def build(*paragraphs: list[str]) -> Doc:
    """A Doc of paragraphs (lists of sentences written as rows), joined by newlines."""
    words, heads, deps, pos, ents, starts = [], [], [], [], [], []
    for p, sentences in enumerate(paragraphs):
        if p:  # a newline token closes the previous paragraph (attached to its last token)
            words.append("\n")
            heads.append(len(words) - 2)
            deps.append("dep")
            pos.append("SPACE")
            ents.append("O")
            starts.append(False)
        for sent in sentences:
            rows = [r.split() for r in sent.strip().splitlines() if r.strip()]
            offset = len(words)
            for i, row in enumerate(rows):
                w, h, d, ps = row[:4]
                words.append(w)
                heads.append(offset + int(h))
                deps.append(d)
                pos.append(ps)
                ents.append(row[4] if len(row) > 4 else "O")
                starts.append(i == 0)
    spaces = []
    opened = False
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == '"':
            opened = not opened
        if nxt is None or w == "\n" or nxt == "\n":
            spaces.append(False)
        elif w == '"' and opened:
            spaces.append(False)  # an opening mark
        elif nxt == '"' and opened:
            spaces.append(False)  # before a closing mark
        else:
            spaces.append(nxt not in _NO_SPACE_BEFORE)
    tags = ["VBD" if p == "VERB" and w.endswith(("ed", "id", "ld", "ft", "et")) else
            "VBG" if p == "VERB" and w.endswith("ing") else "VBZ" if p == "VERB" and w.endswith("s") else
            "VB" if p in ("VERB", "AUX") else "NNP" if p == "PROPN" else "NN" if p == "NOUN" else "XX"
            for w, p in zip(words, pos)]
    lemmas = [LEMMAS.get(w.lower(), w.lower()) for w in words]
    return Doc(_NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas, ents=ents, sent_starts=[s or None for s in starts])


def quotes(doc: Doc):
    skip = non_narrative_ranges(doc.text)
    return find_quotations(Context(doc, find_actors(doc, skip=skip), skip, find_positions=positions_of))


WE_WILL_WIN = """
" 8 punct PUNCT
We 3 nsubj PRON
will 3 aux AUX
win 8 ccomp VERB
, 8 punct PUNCT
" 8 punct PUNCT
Anna 7 compound PROPN B-PERSON
Berg 8 nsubj PROPN I-PERSON
said 8 ROOT VERB
. 8 punct PUNCT
"""

TALKS_WENT_WELL = """
" 3 punct PUNCT
The 2 det DET
talks 3 nsubj NOUN
went 3 ROOT VERB
well 3 advmod ADV
. 3 punct PUNCT
" 3 punct PUNCT
"""

NOBODY_CAN_STOP_US = """
" 3 punct PUNCT
Nobody 3 nsubj PRON
can 3 aux AUX
stop 3 ROOT VERB
us 3 dobj PRON
. 3 punct PUNCT
" 3 punct PUNCT
"""


def test_direct_quote_with_cue_after():
    doc = build([WE_WILL_WIN])
    assert doc.text == '"We will win," Anna Berg said.'
    [q] = quotes(doc)
    assert (q.text, q.speaker, q.kind, q.cue) == ("We will win", "Person:Anna Berg", "direct", "said")
    assert q.evidence.rule == "direct-quote"
    assert (q.evidence.start, q.evidence.end, q.evidence.sentence) == (0, len(doc.text), doc.text)
    assert q.evidence.confidence >= 0.8


def test_quote_after_the_cue_in_the_same_paragraph_keeps_the_speaker():
    doc = build([WE_WILL_WIN, TALKS_WENT_WELL])
    assert doc.text == '"We will win," Anna Berg said. "The talks went well."'
    first, second = quotes(doc)
    assert first.text == "We will win"
    assert (second.text, second.speaker, second.cue) == ("The talks went well.", "Person:Anna Berg", None)
    assert second.evidence.rule == "direct-quote-same-paragraph"
    assert second.evidence.sentence == '"The talks went well."'


def test_paragraph_of_quote_continues_the_previous_speaker():
    doc = build([WE_WILL_WIN], [NOBODY_CAN_STOP_US])
    assert doc.text == '"We will win," Anna Berg said.\n"Nobody can stop us."'
    second = quotes(doc)[1]
    assert (second.text, second.speaker) == ("Nobody can stop us.", "Person:Anna Berg")
    assert second.evidence.rule == "direct-quote-continued-paragraph"
    assert second.evidence.confidence < quotes(doc)[0].evidence.confidence


def test_quote_without_any_cue_has_no_speaker():
    [q] = quotes(build([NOBODY_CAN_STOP_US]))
    assert (q.speaker, q.kind, q.evidence.rule) == (None, "direct", "direct-quote-no-cue")
    assert q.evidence.confidence < 0.5


PARTIAL = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
her 4 poss PRON
country 5 nsubj NOUN
needs 2 ccomp VERB
" 11 punct PUNCT
robust 11 amod ADJ
and 7 cc CCONJ
reliable 7 conj ADJ
" 11 punct PUNCT
guarantees 5 dobj NOUN
. 2 punct PUNCT
"""


def test_partial_quote_inside_reported_speech_and_the_indirect_statement():
    doc = build([PARTIAL])
    assert doc.text == 'Anna Berg said her country needs "robust and reliable" guarantees.'
    by_kind = {q.kind: q for q in quotes(doc)}
    assert set(by_kind) == {"partial", "indirect"}
    partial, indirect = by_kind["partial"], by_kind["indirect"]
    assert (partial.text, partial.speaker, partial.cue) == ("robust and reliable", "Person:Anna Berg", "said")
    assert partial.evidence.rule == "partial-quote"
    assert indirect.text == 'her country needs "robust and reliable" guarantees'
    assert indirect.speaker == "Person:Anna Berg"


INSISTED_THAT = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
insisted 2 ROOT VERB
that 6 mark SCONJ
the 5 det DET
deal 6 nsubj NOUN
was 2 ccomp AUX
dead 6 acomp ADJ
. 2 punct PUNCT
"""


def test_indirect_statement_drops_the_complementizer():
    [q] = quotes(build([INSISTED_THAT]))
    assert (q.text, q.speaker, q.kind, q.cue) == ("the deal was dead", "Person:Anna Berg", "indirect", "insisted")
    assert q.evidence.rule == "indirect-statement"


NOT_SAY = """
Anna 1 compound PROPN B-PERSON
Berg 4 nsubj PROPN I-PERSON
did 4 aux AUX
not 4 neg PART
say 4 ROOT VERB
that 8 mark SCONJ
the 7 det DET
deal 8 nsubj NOUN
was 4 ccomp AUX
dead 8 acomp ADJ
. 4 punct PUNCT
"""


def test_negated_reporting_verb_reports_nothing():
    assert quotes(build([NOT_SAY])) == []


ACCORDING_TO_SPOKESPERSON = """
According 12 prep VERB
to 0 prep ADP
a 3 det DET
spokesperson 1 pobj NOUN
for 3 prep ADP
the 7 det DET
Foreign 7 compound PROPN B-ORG
Ministry 4 pobj PROPN I-ORG
, 12 punct PUNCT
the 10 det DET
talks 12 nsubj NOUN
will 12 aux AUX
resume 12 ROOT VERB
. 12 punct PUNCT
"""


def test_according_to_an_unnamed_spokesperson_is_the_organisation():
    [q] = quotes(build([ACCORDING_TO_SPOKESPERSON]))
    assert (q.text, q.speaker, q.kind, q.cue) == ("the talks will resume", "Organization:Foreign Ministry",
                                                  "indirect", "According to")
    assert q.evidence.rule == "according-to"


SPOKESPERSON_SAID = """
" 10 punct PUNCT
We 3 nsubj PRON
will 3 aux AUX
act 10 ccomp VERB
, 10 punct PUNCT
" 10 punct PUNCT
the 9 det DET
Foreign 8 compound PROPN B-ORG
Ministry 9 compound PROPN I-ORG
spokesperson 10 nsubj NOUN
said 10 ROOT VERB
. 10 punct PUNCT
"""


def test_the_organisation_spokesperson_is_the_organisation():
    [q] = quotes(build([SPOKESPERSON_SAID]))
    assert (q.text, q.speaker, q.kind) == ("We will act", "Organization:Foreign Ministry", "direct")


STATEMENT_SAYING = """
The 2 det DET
Foreign 2 compound PROPN B-ORG
Ministry 3 nsubj PROPN I-ORG
issued 3 ROOT VERB
a 5 det DET
statement 3 dobj NOUN
saying 5 acl VERB
the 8 det DET
talks 10 nsubj NOUN
had 10 aux AUX
failed 6 ccomp VERB
. 3 punct PUNCT
"""


def test_a_statement_issued_by_an_organisation_is_its_statement():
    [q] = quotes(build([STATEMENT_SAYING]))
    assert (q.text, q.speaker, q.cue) == ("the talks had failed", "Organization:Foreign Ministry", "saying")


WHO_SAID = """
Carl 1 compound PROPN B-PERSON
Holt 10 nsubj PROPN I-PERSON
, 1 punct PUNCT
who 4 nsubj PRON
said 1 relcl VERB
the 6 det DET
deal 7 nsubj NOUN
was 4 ccomp AUX
dead 7 acomp ADJ
, 1 punct PUNCT
left 10 ROOT VERB
. 10 punct PUNCT
"""


def test_relative_who_said_is_the_noun_it_modifies():
    [q] = quotes(build([WHO_SAID]))
    assert (q.text, q.speaker) == ("the deal was dead", "Person:Carl Holt")


ARRIVED = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
arrived 2 ROOT VERB
. 2 punct PUNCT
"""

SHE_SAID = """
" 7 punct PUNCT
We 2 nsubj PRON
are 7 ccomp AUX
ready 2 acomp ADJ
, 7 punct PUNCT
" 7 punct PUNCT
she 7 nsubj PRON
said 7 ROOT VERB
. 7 punct PUNCT
"""


def test_pronoun_speaker_resolves_to_the_previous_subject():
    doc = build([ARRIVED, SHE_SAID])
    assert doc.text == 'Anna Berg arrived. "We are ready," she said.'
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("We are ready", "Person:Anna Berg")
    assert q.evidence.confidence < 0.9  # discounted: the speaker comes from a pronoun


MEET_THE_PRESS = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
on 2 prep ADP
" 7 punct PUNCT
Meet 7 compound PROPN
the 7 det DET
Press 3 pobj PROPN
" 7 punct PUNCT
. 2 punct PUNCT
"""

SO_CALLED = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
the 7 det DET
so-called 7 amod ADJ
" 7 punct PUNCT
peace 7 compound NOUN
plan 9 nsubj NOUN
" 7 punct PUNCT
failed 2 ccomp VERB
. 2 punct PUNCT
"""

SCARE = """
The 3 det DET
" 3 punct PUNCT
peace 3 compound NOUN
plan 5 nsubj NOUN
" 3 punct PUNCT
failed 5 ROOT VERB
. 5 punct PUNCT
"""

RELATED = """
RELATED 1 compound PROPN
STORY 3 nsubj PROPN
| 3 punct PUNCT
Berg 3 ROOT PROPN B-PERSON
says 3 acl VERB
" 8 punct PUNCT
we 8 nsubj PRON
will 8 aux AUX
win 4 ccomp VERB
" 8 punct PUNCT
"""


@pytest.mark.parametrize("rows,why", [
    (MEET_THE_PRESS, "a programme title after 'on'"),
    (SCARE, "a quoted fragment no reporting verb governs"),
    (RELATED, "a related-story link line"),
])
def test_not_quotations(rows, why):
    assert quotes(build([rows])) == [], why


def test_so_called_is_a_scare_quote_even_in_reported_speech():
    doc = build([SO_CALLED])
    assert doc.text == 'Anna Berg said the so-called "peace plan" failed.'
    assert [(q.kind, q.text, q.speaker) for q in quotes(doc)] == [
        ("indirect", 'the so-called "peace plan" failed', "Person:Anna Berg")]


def test_dash_after_a_quote_names_the_speaker():
    dash = """
    " 2 punct PUNCT
    We 2 nsubj PRON
    win 2 ROOT VERB
    . 2 punct PUNCT
    " 2 punct PUNCT
    \u2015 2 punct PUNCT
    Anna 7 compound PROPN B-PERSON
    Berg 2 appos PROPN I-PERSON
    . 2 punct PUNCT
    """
    doc = build([dash])
    assert doc.text == '"We win." \u2015 Anna Berg.'
    [q] = quotes(doc)
    assert (q.text, q.speaker, q.evidence.rule) == ("We win.", "Person:Anna Berg", "direct-quote-dash")


COLON_CUE = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
: 2 punct PUNCT
"""

WE_MUST_ACT = """
" 3 punct PUNCT
We 3 nsubj PRON
must 3 aux AUX
act 3 ROOT VERB
now 3 advmod ADV
. 3 punct PUNCT
" 3 punct PUNCT
"""


def test_cue_ending_the_previous_sentence_with_a_colon():
    doc = build([COLON_CUE, WE_MUST_ACT])
    assert doc.text == 'Anna Berg said: "We must act now."'
    [q] = quotes(doc)
    assert (q.text, q.speaker, q.cue, q.evidence.rule) == ("We must act now.", "Person:Anna Berg", "said",
                                                           "direct-quote-colon")
    assert q.evidence.sentence == doc.text  # the cue's sentence and the quote's


HERE_IS = """
Here 1 advmod ADV
is 1 ROOT AUX
Anna 3 compound PROPN B-PERSON
Berg 1 nsubj PROPN I-PERSON
in 1 prep ADP
1992 4 pobj NUM
: 1 punct PUNCT
" 10 punct PUNCT
We 10 nsubj PRON
must 10 aux AUX
act 1 parataxis VERB
now 10 advmod ADV
. 10 punct PUNCT
" 10 punct PUNCT
"""


def test_clause_ending_in_a_colon_without_reporting_verb_names_the_speaker():
    doc = build([HERE_IS])
    assert doc.text == 'Here is Anna Berg in 1992: "We must act now."'
    [q] = quotes(doc)
    assert (q.speaker, q.evidence.rule) == ("Person:Anna Berg", "direct-quote-colon-subject")


PARENTHETICAL = """
The 1 det DET
deal 7 nsubj NOUN
, 7 punct PUNCT
Anna 4 compound PROPN B-PERSON
Berg 5 nsubj PROPN I-PERSON
said 7 parataxis VERB
, 7 punct PUNCT
was 7 ROOT AUX
dead 7 acomp ADJ
. 7 punct PUNCT
"""


def test_parenthetical_cue_reports_the_clause_around_it():
    doc = build([PARENTHETICAL])
    assert doc.text == "The deal, Anna Berg said, was dead."
    [q] = quotes(doc)
    assert (q.text, q.speaker, q.kind, q.evidence.rule) == ("The deal was dead", "Person:Anna Berg", "indirect",
                                                            "indirect-statement")


BELIEVES = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
believes 2 ROOT VERB
that 6 mark SCONJ
the 5 det DET
deal 6 nsubj NOUN
is 2 ccomp AUX
dead 6 acomp ADJ
. 2 punct PUNCT
"""


def test_belief_is_an_indirect_statement_with_low_confidence():
    [q] = quotes(build([BELIEVES]))
    assert (q.text, q.speaker, q.kind, q.evidence.rule) == ("the deal is dead", "Person:Anna Berg", "indirect",
                                                            "indirect-belief")
    assert q.evidence.confidence <= 0.5


RUSSIA_REJECTED = """
Russia 1 nsubj PROPN B-GPE
rejected 1 ROOT VERB
the 3 det DET
plan 1 dobj NOUN
. 1 punct PUNCT
"""

RUSSIAN_OFFICIALS = """
Russian 1 amod ADJ B-NORP
officials 2 nsubj NOUN
said 2 ROOT VERB
the 4 det DET
talks 6 nsubj NOUN
would 6 aux AUX
resume 2 ccomp VERB
. 2 punct PUNCT
"""


def test_officials_of_a_nationality_speak_for_the_country():
    doc = build([RUSSIA_REJECTED, RUSSIAN_OFFICIALS])
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("the talks would resume", "Country:Russia")


THE_SPOKESPERSON = """
The 1 det DET
spokesperson 2 nsubj NOUN
said 2 ROOT VERB
the 4 det DET
deal 5 nsubj NOUN
was 2 ccomp AUX
dead 5 acomp ADJ
. 2 punct PUNCT
"""


def test_the_spokesperson_is_the_organisation_of_the_last_spokesperson():
    first, second = quotes(build([ACCORDING_TO_SPOKESPERSON, THE_SPOKESPERSON]))
    assert first.speaker == "Organization:Foreign Ministry"
    assert (second.text, second.speaker) == ("the deal was dead", "Organization:Foreign Ministry")


SURNAME_SAID = """
Berg 1 nsubj PROPN
said 1 ROOT VERB
the 3 det DET
deal 4 nsubj NOUN
was 1 ccomp AUX
dead 4 acomp ADJ
. 1 punct PUNCT
"""


def test_surname_the_entity_recogniser_missed_is_the_known_person():
    doc = build([ARRIVED, SURNAME_SAID])
    assert doc[4].ent_type_ == ""  # "Berg" is not tagged here
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("the deal was dead", "Person:Anna Berg")


# -- text helpers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,inner", [
    ('He said "yes we can" and left.', ["yes we can"]),
    ("\u201cIt is \u201chell\u201d here,\u201d she said.", ["It is \u201chell\u201d here,"]),
    ("He said ''not now'' twice.", ["not now"]),
    ('"Mixed marks\u201d are closed.', ["Mixed marks"]),
    ("\u201cOpen to the end of the line\nNext line.", ["Open to the end of the line"]),
    ("\u201d Typo opener.\u201d", [" Typo opener."]),
    ("No quotes at all.", []),
    ("Mr Blair said: 'We will not go back.'", ["We will not go back."]),
    ("She called it \u2018a great day for us\u2019, aides said.", ["a great day for us"]),
    ("'It's the MPs' vote that counts,' he said.", ["It's the MPs"]),  # a plural possessive closes early
    ('He said "I told them \'no\' twice" today.', ["I told them 'no' twice"]),
    ("'We will keep going\n'And we will win,' she said.", ["We will keep going", "And we will win,"]),
    ("The 'crisis', he said, is over 'in my view' now", ["crisis", "in my view"]),
])
def test_quote_spans(text, inner):
    assert [text[q.inner_start:q.inner_end] for q in quote_spans(text)] == inner


def test_quote_spans_skip_ranges_and_paragraphs():
    text = 'RELATED | "Not this"\n"First" and\n\n"second"'
    spans = quote_spans(text, skip=[(0, 20)])
    assert [text[q.inner_start:q.inner_end] for q in spans] == ["First", "second"]
    assert [q.paragraph for q in spans] == [1, 2]


@pytest.mark.parametrize("inner,before,expected", [
    ("Meet the Press.", "Okoro said Sunday on NBC News' ", True),
    ("Face the Nation", "he told CBS's ", True),
    ("The Art of the Deal", "in his book ", True),
    ("Patriot", "", True),
    ("reform", "the so-called ", True),
    ("robust and reliable", "will need ", False),
    ("will never accept", "he ", False),
    ("We're moving along,", "", False),
    ("No Deal Is Better Than a Bad Deal For Britain And Its People Now", "", False),
])
def test_is_title(inner, before, expected):
    assert is_title(inner, before) is expected


# -- speakers the actor rules leave out, colons across paragraphs, publications -------------------------
LONE_SURNAME_ADMITTED = """
Okoro 1 nsubj PROPN B-PERSON
admitted 1 ROOT VERB
that 5 mark SCONJ
the 4 det DET
plan 5 nsubj NOUN
failed 1 ccomp VERB
. 1 punct PUNCT
"""


def test_lone_surname_tagged_as_a_person_speaks_and_becomes_an_actor():
    doc = build([LONE_SURNAME_ADMITTED])
    assert doc.text == "Okoro admitted that the plan failed."
    skip = non_narrative_ranges(doc.text)
    ctx = Context(doc, find_actors(doc, skip=skip), skip, find_positions=positions_of)
    assert ctx.actors.entities == {}  # one mention, no title: the actor rules leave it out
    [q] = find_quotations(ctx)
    assert (q.text, q.speaker, q.cue) == ("the plan failed", "Person:Okoro", "admitted")
    assert ctx.actors.entities["Person:Okoro"].type == "Person"  # the speaker is an entity of the document


MISSED_POSSESSOR_CAMPAIGN = """
Berg 2 poss PROPN
's 0 case PART
campaign 3 nsubj NOUN
said 3 ROOT VERB
the 5 det DET
deal 6 nsubj NOUN
was 3 ccomp AUX
dead 6 acomp ADJ
. 3 punct PUNCT
"""


def test_campaign_of_a_surname_the_recogniser_missed_is_the_known_person():
    doc = build([ARRIVED, MISSED_POSSESSOR_CAMPAIGN])
    assert doc.text == "Anna Berg arrived. Berg's campaign said the deal was dead."
    assert doc[4].ent_type_ == ""
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("the deal was dead", "Person:Anna Berg")


ECHOED_COLON = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
echoed 2 ROOT VERB
: 2 punct PUNCT
"""

PLAN_FAILED_COLON = """
The 1 det DET
plan 5 nsubj NOUN
of 1 prep ADP
Anna 4 compound PROPN B-PERSON
Berg 2 pobj PROPN I-PERSON
failed 5 ROOT VERB
: 5 punct PUNCT
"""

WE_MUST_ACT = """
" 4 punct PUNCT
We 3 nsubj PRON
must 3 aux AUX
act 3 ROOT VERB
now 3 advmod ADV
. 3 punct PUNCT
" 3 punct PUNCT
"""


def test_subject_of_a_paragraph_ending_in_a_colon_speaks_the_quote_paragraph():
    doc = build([ECHOED_COLON], [WE_MUST_ACT])
    assert doc.text == 'Anna Berg echoed:\n"We must act now."'
    [q] = quotes(doc)
    assert (q.text, q.speaker, q.kind) == ("We must act now.", "Person:Anna Berg", "direct")
    assert q.evidence.rule == "direct-quote-colon-subject"


def test_across_paragraphs_only_the_subject_of_the_colon_clause_speaks():
    doc = build([PLAN_FAILED_COLON], [WE_MUST_ACT])
    assert doc.text == 'The plan of Anna Berg failed:\n"We must act now."'
    [q] = quotes(doc)
    assert (q.speaker, q.evidence.rule) == (None, "direct-quote-no-cue")


ACCORDING_TO_ARTICLE_IN = """
The 1 det DET
deal 2 nsubj NOUN
was 2 ROOT AUX
dead 2 acomp ADJ
, 2 punct PUNCT
according 2 prep VERB
to 5 prep ADP
an 8 det DET
article 6 pobj NOUN
in 8 prep ADP
the 12 det DET
Daily 12 compound PROPN B-ORG
Courier 9 pobj PROPN I-ORG
. 2 punct PUNCT
"""


def test_according_to_an_article_in_a_publication_is_the_publication():
    doc = build([ACCORDING_TO_ARTICLE_IN])
    assert doc.text == "The deal was dead, according to an article in the Daily Courier."
    [q] = quotes(doc)
    assert (q.text, q.speaker, q.cue) == ("The deal was dead", "Organization:Daily Courier", "according to")
    assert q.evidence.rule == "according-to"


TITLED_UNTAGGED_TOLD = """
Mr 1 compound PROPN
Okoro 2 nsubj PROPN
told 2 ROOT VERB
reporters 2 dobj NOUN
that 7 mark SCONJ
the 6 det DET
plan 7 nsubj NOUN
failed 2 ccomp VERB
. 2 punct PUNCT
"""


def test_untagged_name_after_a_courtesy_title_speaks():
    doc = build([TITLED_UNTAGGED_TOLD])
    assert doc.text == "Mr Okoro told reporters that the plan failed." and not doc.ents
    [q] = quotes(doc)
    assert (q.text, q.speaker, q.cue) == ("the plan failed", "Person:Okoro", "told")


UNTAGGED_TOLD = """
Okoro 1 nsubj PROPN
told 1 ROOT VERB
reporters 1 dobj NOUN
that 6 mark SCONJ
the 5 det DET
plan 6 nsubj NOUN
failed 1 ccomp VERB
. 1 punct PUNCT
"""


def test_untagged_capitalised_subject_without_a_title_is_no_speaker():
    doc = build([UNTAGGED_TOLD])
    assert doc.text == "Okoro told reporters that the plan failed."
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("the plan failed", None)


OFFICE_SAID = """
Anna 1 compound PROPN B-PERSON
Berg 3 poss PROPN I-PERSON
's 1 case PART
office 4 nsubj NOUN
said 4 ROOT VERB
the 6 det DET
deal 7 nsubj NOUN
was 4 ccomp AUX
dead 7 acomp ADJ
. 4 punct PUNCT
"""


def test_a_persons_office_speaks_for_that_person():
    doc = build([OFFICE_SAID])
    assert doc.text == "Anna Berg's office said the deal was dead."
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("the deal was dead", "Person:Anna Berg")


EMBASSY_CALLED = """
Chile 2 poss PROPN B-GPE
's 0 case PART
embassy 3 nsubj NOUN
said 3 ROOT VERB
the 5 det DET
move 6 nsubj NOUN
was 3 ccomp AUX
a 8 det DET
provocation 6 attr NOUN
. 3 punct PUNCT
"""


def test_an_embassy_speaks_for_its_country():
    doc = build([EMBASSY_CALLED])
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("the move was a provocation", "Country:Chile")


SAID_ON_THURSDAY = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
on 7 prep ADP B-DATE
Thursday 3 pobj PROPN I-DATE
it 7 nsubj PRON
would 7 aux AUX
send 2 ccomp VERB
troops 7 dobj NOUN
. 2 punct PUNCT
"""


def test_a_date_before_the_reported_clause_is_not_part_of_what_was_said():
    doc = build([SAID_ON_THURSDAY])
    assert doc.text == "Anna Berg said on Thursday it would send troops."
    [q] = quotes(doc)
    assert (q.text, q.speaker) == ("it would send troops", "Person:Anna Berg")


MS_PRICE_SAID = """
Ms 2 compound PROPN
Ana 2 compound PROPN B-PERSON
Price 3 nsubj PROPN I-PERSON
said 3 ROOT VERB
talks 6 nsubj NOUN
would 6 aux AUX
continue 3 ccomp VERB
. 3 punct PUNCT
"""

HE_TOLD_REPORTERS = """
" 4 punct PUNCT
We 3 nsubj PRON
will 3 aux AUX
sign 5 ccomp VERB
, 5 punct PUNCT
" 5 punct PUNCT
he 7 nsubj PRON
told 7 ROOT VERB
reporters 7 dobj NOUN
. 7 punct PUNCT
"""


def test_he_does_not_fall_back_on_the_last_speaker_when_she_is_a_woman():
    doc = build([MS_PRICE_SAID, HE_TOLD_REPORTERS])
    assert doc.text == 'Ms Ana Price said talks would continue. "We will sign," he told reporters.'
    spoken = {q.text: q.speaker for q in quotes(doc)}
    assert spoken["We will sign"] is None
    assert spoken["talks would continue"] == "Person:Ana Price"


ACCUSED_OF_DRIFTING = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
accused 2 ROOT VERB
the 4 det DET
government 2 dobj NOUN
of 2 prep ADP
" 7 punct PUNCT
drifting 5 pobj NOUN
" 7 punct PUNCT
. 2 punct PUNCT
"""


def test_words_quoted_in_an_accusation_are_the_accusers():
    doc = build([ACCUSED_OF_DRIFTING])
    assert doc.text == 'Anna Berg accused the government of "drifting".'
    found = {(q.text, q.speaker, q.kind) for q in quotes(doc)}
    # the quoted word, and the accusation around it (as for a quote inside reported speech)
    assert found == {("drifting", "Person:Anna Berg", "partial"),
                     ('the government of "drifting"', "Person:Anna Berg", "indirect")}


MINISTRY_STATEMENT = """
Chile 2 poss PROPN B-GPE
's 0 case PART
statement 3 nsubj NOUN
welcomed 3 ROOT VERB
the 5 det DET
deal 3 dobj NOUN
. 3 punct PUNCT
"""

THE_STATEMENT_SAID = """
The 1 det DET
statement 2 nsubj NOUN
said 2 ROOT VERB
talks 5 nsubj NOUN
would 5 aux AUX
continue 2 ccomp VERB
. 2 punct PUNCT
"""


def test_the_statement_is_the_one_named_before():
    doc = build([MINISTRY_STATEMENT, THE_STATEMENT_SAID])
    assert doc.text == "Chile's statement welcomed the deal. The statement said talks would continue."
    spoken = {q.text: q.speaker for q in quotes(doc)}
    assert spoken["talks would continue"] == "Country:Chile"


@pytest.mark.parametrize("text", [
    "Blair's government won't say whether the MPs' expenses rose in the '90s.",
    "It's rock 'n' roll, isn't it? The Joneses' car was Ana's.",
    "They'd say 'em lads wouldn't go, 'til the end of the '80s.",
    "Mr O'Neill's party said he'd go; the unions' leaders didn't.",
])
def test_apostrophes_are_never_quotation_marks(text):
    assert quote_spans(text) == []


def test_a_single_mark_left_open_mid_paragraph_is_no_quotation():
    assert quote_spans("The vote was 'close and he said so") == []


SAID_BY_TITLED_NAME = """
" 5 punct PUNCT
We 2 nsubj PRON
win 5 ccomp VERB
, 5 punct PUNCT
" 5 punct PUNCT
said 5 ROOT VERB
Jiwoo 7 compound PROPN
Shin 5 nsubj PROPN
, 7 punct PUNCT
director 7 appos NOUN
. 5 punct PUNCT
"""

ORG_TITLE_NAME_TELLING = """
Harbour 1 compound PROPN B-ORG
Authority 5 nsubj PROPN I-ORG
spokesman 4 compound NOUN
Ola 4 compound PROPN B-PERSON
Brekke 5 compound PROPN I-PERSON
telling 5 ROOT VERB
MPs 5 dobj PROPN
: 5 punct PUNCT
" 10 punct PUNCT
We 10 nsubj PRON
go 5 ccomp VERB
. 10 punct PUNCT
" 10 punct PUNCT
"""


def _with_titles(doc: Doc) -> Doc:
    from kg.nlp.titles import TitleMarker

    return TitleMarker(_NLP)(doc)


def test_an_untagged_name_with_a_title_in_apposition_is_the_speaker():
    """"said Jiwoo Shin, director of ...": the recogniser tagged nothing; the title says a person."""
    [q] = quotes(_with_titles(build([SAID_BY_TITLED_NAME])))
    assert (q.text, q.speaker) == ("We win", "Person:Jiwoo Shin")


def test_the_titled_person_after_an_organisation_speaks_however_parsed():
    """"Harbour Authority spokesman Ola Brekke telling MPs:" with the organisation as the subject."""
    [q] = quotes(_with_titles(build([ORG_TITLE_NAME_TELLING])))
    assert (q.text, q.speaker) == ("We go.", "Person:Ola Brekke")


SPOKESMAN_OF_PERSON = OFFICE_SAID.replace("office 4 nsubj", "spokesman 4 nsubj")

NAMED_SPOKESMAN_OF_BODY = """
Harbour 1 compound PROPN B-ORG
Authority 2 compound PROPN I-ORG
spokesman 4 compound NOUN
Ola 4 compound PROPN B-PERSON
Brekke 5 nsubj PROPN I-PERSON
said 5 ROOT VERB
the 7 det DET
deal 8 nsubj NOUN
was 5 ccomp AUX
dead 8 acomp ADJ
. 5 punct PUNCT
"""


def test_a_persons_spokesman_is_not_that_person_but_speaks_on_their_behalf():
    """"Anna Berg's spokesman said": the spokesman speaks (unnamed), on behalf of Anna Berg."""
    [q] = quotes(build([SPOKESMAN_OF_PERSON]))
    assert (q.text, q.speaker, q.on_behalf_of) == ("the deal was dead", None, "Person:Anna Berg")


def test_a_named_spokesman_speaks_on_behalf_of_the_body_named_with_him():
    [q] = quotes(build([NAMED_SPOKESMAN_OF_BODY]))
    assert (q.speaker, q.on_behalf_of) == ("Person:Ola Brekke", "Organization:Harbour Authority")
