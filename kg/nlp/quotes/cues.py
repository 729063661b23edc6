"""Cues of speech outside quotation marks: reporting verbs ("said", "told", "pointed out"),
verbs of belief or finding ("believes that", "the poll found"), "according to X", verbs whose
phrase is what was said ("denied any role", "called for elections", "vowed to resign"), nouns of
a claim ("X's claim that ...", "in X's view"); the subject of a cue, and the speaker of every cue
of a document, resolved once in text order."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from spacy.tokens import Token

from ..vocab import vocab
from .document import Memory, QuoteDocument, Speaker
from .speakers import SUBJECT, principal_of, speaker_of_np

__all__ = ["CUE_WORDS", "CONTENT_CUE_WORDS", "CONTENT_NOUN_WORDS", "is_reporting", "is_belief", "is_according",
           "is_content_cue", "content_of_cue", "is_content_noun", "noun_content", "noun_holder", "lemma_of",
           "as_parenthetical", "clause_without", "cue_text", "subject_of", "resolve_cues"]

#: The vocabulary keys that find cues and their subjects.
CUE_WORDS = ("reporting_verbs", "misread_lemmas", "phrasal_particles", "according_to", "according_to_prepositions",
             "speaker_relative_pronouns", "subject_climb_steps", "adjacent_name_window")
#: The vocabulary keys of the cues whose content is a phrase, not a clause.
CONTENT_CUE_WORDS = ("object_cue_verbs", "characterising_objects", "content_prepositions", "infinitive_cue_verbs",
                     "infinitive_cue_prepositions", "as_cue_objects", "parenthetical_marks")
#: The vocabulary keys of claims named by a noun ("X's claim that ...").
CONTENT_NOUN_WORDS = ("content_nouns", "content_noun_verbs", "complementizers", "viewpoint_nouns",
                      "viewpoint_prepositions", "content_noun_prepositions", "content_noun_infinitives")
_CLIMB = frozenset({"conj", "advcl", "xcomp", "parataxis"})
_PASSIVE = frozenset({"auxpass", "nsubjpass", "csubjpass"})


def is_reporting(d: QuoteDocument, tok: Token) -> bool:
    """A reporting verb outside quotation marks, not negated."""
    if tok.i in d.quoted or tok.pos_ not in ("VERB", "AUX") or not tok.tag_.startswith("VB"):
        return False
    lemma = lemma_of(tok)
    if lemma not in vocab().words("reporting_verbs"):
        return False
    particles = vocab().table("phrasal_particles").get(lemma)
    if particles and not any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children):
        return False
    return not _negated(d, tok) and not _wanted_only(tok)


def lemma_of(tok: Token) -> str:
    """The lower-cased lemma of a verb, corrected where the model misreads it ("hopes" as "hop")."""
    fixed = vocab().table("misread_lemmas").get(tok.lower_)
    return next(iter(fixed)) if fixed else tok.lemma_.casefold()


def _negated(d: QuoteDocument, tok: Token) -> bool:
    """"did not say" (a "not" inside the quotation marks is the quote's own)."""
    return any(c.dep_ == "neg" and c.i not in d.quoted for c in tok.children)


def is_belief(d: QuoteDocument, tok: Token) -> bool:
    """A verb of belief or finding ("believes that", "the poll found") with a content clause."""
    return (tok.i not in d.quoted and tok.pos_ == "VERB" and lemma_of(tok) in vocab().words("belief_verbs")
            and any(c.dep_ == "ccomp" for c in tok.children)
            and not _negated(d, tok) and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children))


def is_content_cue(d: QuoteDocument, tok: Token) -> bool:
    """An active verb outside quotation marks, not negated, whose phrase says what was said,
    claimed or demanded: "denied any involvement", "called for a moratorium", "vowed to repeal
    the law", "called the charges unsubstantiated" (see :func:`content_of_cue`)."""
    if tok.i in d.quoted or tok.pos_ != "VERB" or not tok.tag_.startswith("VB"):
        return False
    if any(c.dep_ in _PASSIVE for c in tok.children) or _negated(d, tok):
        return False
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "veterans invited to take part": a passive
        return False
    if _unasserted(tok):
        return False
    # "the target it pledged to reach": the relative clause's gap is in the content, which is incomplete
    relatives = vocab().words("speaker_relative_pronouns")
    if tok.dep_ == "relcl" and not any(c.dep_ == "nsubj" and c.lower_ in relatives for c in tok.children):
        return False
    return bool(content_of_cue(d, tok))


def _wanted_only(verb: Token) -> bool:
    """An infinitive after a verb of need, wish or refusal: "X needed to explain how ...", "X
    declined to say" (not said); "X was wrong to say" was said."""
    return (any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.head.i != verb.i
            and lemma_of(verb.head) in vocab().words("unasserting_verbs"))


def _unasserted(verb: Token) -> bool:
    """An infinitive the sentence does not say happened: after a noun, an adjective, a passive or
    a verb of need, wish or refusal ("a good opportunity to question ...", "is expected to
    announce ...", "needed to explain ...", "declined to say ...")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or verb.head.i == verb.i:
        return False
    head = verb.head
    # "the opposition needed to explain how ...", "declined to say": not said (yet)
    return head.pos_ not in ("VERB", "AUX") or any(c.dep_ in _PASSIVE for c in head.children) or _wanted_only(verb)


def content_of_cue(d: QuoteDocument, tok: Token) -> list[Token]:
    """The words a content cue reports, in text order, or none: the "to" clause of a verb of
    promising or urging with its addressee ("urged Republicans to join"; "called on Y to stop"),
    the phrase after a content preposition with the object before it ("called for a moratorium";
    "accused Y of lying"), a characterised object with what it is called ("called the charges
    unsubstantiated"; "described the plan as a betrayal"), else the object of a verb that
    reports it ("denied any involvement")."""
    v = vocab()
    lemma = lemma_of(tok)
    kids = [c for c in tok.children if c.i not in d.quoted]
    objs = [c for c in kids if c.dep_ == "dobj"]
    said = v.table("as_cue_objects").get(lemma)
    if said and as_parenthetical(tok) and any(o.lower_ in said for o in objs):
        return clause_without(tok.head, tok)
    if lemma in v.words("infinitive_cue_verbs"):
        preps = v.table("infinitive_cue_prepositions").get(lemma)
        addressee = ([g for c in kids if c.dep_ == "prep" and c.lower_ in preps for g in c.children
                      if g.dep_ == "pobj"] if preps else objs)
        clause = [c for t in (tok, *addressee) for c in t.children
                  if c.dep_ in ("xcomp", "ccomp") and _to_clause(c) and c.i > tok.i]
        if clause and (addressee or not preps):
            return _words(*addressee[:1], clause[0])
    preps = v.table("content_prepositions").get(lemma)
    if preps:
        phrase = [c for t in (tok, *objs) for c in t.children if c.dep_ == "prep" and c.lower_ in preps
                  and c.i > tok.i and c.i not in d.quoted and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
        if phrase:
            # "called for contestants to wear ...": the parse hangs the "to" clause on the verb
            clause = [c for c in kids if c.dep_ == "xcomp" and c.i > phrase[0].i and _to_clause(c)]
            before = [o for o in objs if o.i < phrase[0].i]  # "accused the minister [of] lying": keep "of"
            return _words(*before, *([phrase[0]] if before else [g for g in phrase[0].children
                                                                 if g.dep_ in ("pobj", "pcomp")]), *clause[:1])
        # "called for the United States to step up ...": the parse takes "for" as the clause's mark
        clause = [c for c in kids if c.dep_ == "advcl" and c.i > tok.i
                  and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children)]
        if clause:
            return [t for t in _words(clause[0]) if not (t.dep_ == "mark" and t.head.i == clause[0].i
                                                         and t.lower_ in preps)]
    called = v.table("characterising_objects").get(lemma)
    if called and objs:
        what = [c for c in kids if c.i > objs[0].i and (c.dep_ == "oprd" and "oprd" in called
                                                        or c.dep_ == "prep" and c.lower_ in called)]
        what += [c for c in objs[0].children if c.dep_ == "prep" and c.lower_ in called and "as" in called]
        if what:
            return _words(objs[0], *what)
    # "denied poor families health care": giving, not saying
    if lemma in v.words("object_cue_verbs") and not any(c.dep_ == "dative" for c in kids):
        # a gerund is an object too: "proposed doing away with the mandate"
        objs = objs or [c for c in kids if c.dep_ == "xcomp" and c.tag_ == "VBG"]
        # what is reported is a thing said, not a name or a pronoun ("mentioned Poland", "cited it")
        if objs and objs[0].i > tok.i and objs[0].pos_ in ("NOUN", "VERB") and not objs[0].ent_type_:
            return _words(objs[0], *_attached_after(tok, objs[0]))
    return []


def is_content_noun(d: QuoteDocument, tok: Token) -> bool:
    """A noun of a claim, view, demand or promise outside quotation marks with what it names:
    "Berg's claim that ...", "Berg's view is that ...", "in Berg's view, ...", "the call for new
    elections" (see :func:`noun_content`; who holds it: :func:`noun_holder`)."""
    return tok.i not in d.quoted and tok.pos_ == "NOUN" and bool(noun_content(d, tok))


def noun_content(d: QuoteDocument, tok: Token) -> list[Token]:
    """The words a content noun names, or none: "the claim that [the talks failed]", "his view is
    [that the talks failed]", "in his view, [the talks failed]", "the call for [new elections]",
    "his pledge [to cut taxes]"; a relative clause ("the claim that he made") is none."""
    v = vocab()
    if (tok.lower_ in v.words("viewpoint_nouns") and tok.dep_ == "pobj" and tok.head.lower_ in
            v.words("viewpoint_prepositions") and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "poss" for c in tok.children)):
        return clause_without(tok.head.head, tok.head)
    clause = _noun_clause(d, tok) if tok.lower_ in v.words("content_nouns") else None
    if clause is not None:
        return sorted(clause.subtree, key=lambda t: t.i)
    # "the call for new elections", "his pledge to cut taxes"
    kids = [c for c in tok.children if c.i > tok.i and c.i not in d.quoted]
    preps = v.table("content_noun_prepositions").get(tok.lower_, ())
    phrase = [g for c in kids if c.dep_ == "prep" and c.lower_ in preps for g in c.children
              if g.dep_ in ("pobj", "pcomp")]
    if not phrase and tok.lower_ in v.words("content_noun_infinitives"):
        phrase = [c for c in kids if c.dep_ in ("acl", "relcl") and _to_clause(c)]
    return _words(phrase[0]) if phrase else []


def _noun_clause(d: QuoteDocument, tok: Token) -> Token | None:
    marks = vocab().words("complementizers")

    def complement(c: Token) -> bool:
        return c.i > tok.i and c.i not in d.quoted and c.pos_ in ("VERB", "AUX") and any(
            m.dep_ == "mark" and m.lower_ in marks for m in c.children)

    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and complement(c)), None)
    if clause is None and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        clause = next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i
                       and c.i not in d.quoted and c.pos_ in ("VERB", "AUX")), None)
    return clause


def noun_holder(d: QuoteDocument, tok: Token) -> Token | None:
    """Who holds the claim a content noun names: its possessor ("Berg's claim"), else the subject
    of the verb that makes it ("Berg made the argument")."""
    poss = [c for c in tok.children if c.dep_ == "poss" and c.i not in d.quoted]
    if poss:
        return poss[0]
    if tok.dep_ == "dobj" and tok.head.lemma_.casefold() in vocab().words("content_noun_verbs"):
        return subject_of(d, tok.head)
    return None


def as_parenthetical(verb: Token) -> bool:
    """A cue in an "as" clause: "As Berg said, ...", "..., as Berg put it"; not a verb with a
    complement of its own ("as the workforce continues to age": "as" is "while")."""
    return verb.dep_ == "advcl" and verb.head.i != verb.i and any(
        c.dep_ == "mark" and c.lower_ in vocab().words("parenthetical_marks") for c in verb.children) and not any(
        c.dep_ in ("xcomp", "ccomp", "dative") or c.dep_ == "dobj" and c.lower_ != "it" for c in verb.children)


def clause_without(head: Token, cue: Token) -> list[Token]:
    """The clause of ``head`` without the cue's phrase and the commas around it."""
    removed = {t.i for t in cue.subtree}
    lo, hi = min(removed), max(removed)
    return [t for t in head.subtree
            if t.i not in removed and not (t.is_punct and t.i in (lo - 1, hi + 1) and not t.is_quote)]


def _to_clause(verb: Token) -> bool:
    """An infinitive clause: "to repeal the law"."""
    return verb.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _attached_after(verb: Token, obj: Token) -> list[Token]:
    """The verb's prepositional phrases right after its object, which the parse often hangs on
    the verb ("citing her work [after the attacks]"), but no date ("[on Tuesday]")."""
    out, end = [], max(t.i for t in obj.subtree)
    for c in verb.children:
        if c.i == end + 1 and c.dep_ == "prep" and not any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree):
            out.append(c)
            end = max(t.i for t in c.subtree)
    return out


def _words(*heads: Token) -> list[Token]:
    return sorted({t for h in heads for t in h.subtree}, key=lambda t: t.i)


def is_according(d: QuoteDocument, tok: Token) -> bool:
    """"according" with its "to X" outside quotation marks."""
    return (tok.i not in d.quoted and tok.lower_ in vocab().words("according_to")
            and _according_object(tok) is not None)


def _according_object(tok: Token) -> Token | None:
    """X of "according to X"."""
    preps = vocab().words("according_to_prepositions")
    return next((g for c in tok.children if c.lower_ in preps for g in c.children if g.dep_ == "pobj"), None)


def cue_text(d: QuoteDocument, tok: Token) -> str:
    """The cue as written: "said", "pointed out", "according to"."""
    if is_according(d, tok):
        prep = _according_object(tok).head
        return f"{tok.text} {prep.lower_}"
    prt = [c.text for c in tok.children if c.dep_ == "prt"]
    return " ".join([tok.text, *prt])


def resolve_cues(d: QuoteDocument, mem: Memory) -> Mapping[int, Speaker]:
    """The speaker of every cue of the narrative sentences, in text order (so pronouns can fall
    back on recent speakers), as token index -> speaker; also kept in ``mem.spoken``."""
    for sent in d.ctx.sents:
        if not d.ctx.narrative(sent):
            continue
        for tok in sent:
            if is_according(d, tok):
                subj = _according_object(tok)
                key, how = speaker_of_np(d, mem, subj)
                kind = "according"
            elif is_content_noun(d, tok):
                subj = noun_holder(d, tok)
                key, how = speaker_of_np(d, mem, subj) if subj is not None else (None, None)
                kind = "noun"
            elif is_reporting(d, tok) or is_belief(d, tok) or is_content_cue(d, tok):
                subj = subject_of(d, tok)
                key, how = speaker_of_np(d, mem, subj) if subj is not None else (None, None)
                kind = "report" if is_reporting(d, tok) else "belief" if is_belief(d, tok) else "content"
            else:
                continue
            mem.spoken[tok.i] = Speaker(key, how, d.sent_index(tok), d.paragraph_of(tok.idx), tok.idx, kind=kind,
                                        principal=principal_of(d, mem, subj))
    return MappingProxyType(mem.spoken)


def subject_of(d: QuoteDocument, verb: Token) -> Token | None:
    """The subject of a reporting verb outside quotation marks, through participles and
    coordination ("..., saying"; "by saying"), object control ("forced X to admit"),
    relative clauses and participle modifiers ("X, who said ..."; "footage of X saying");
    else a name right next to the verb ("..., police Chief Ann Berg said", "said Ann Berg")."""
    v = verb
    for _ in range(int(vocab().number("subject_climb_steps"))):
        subj = [c for c in v.children if c.dep_ in SUBJECT and c.i not in d.quoted and not c.is_punct]
        if subj:
            s = min(subj, key=lambda c: (d.ctx.actors.at(c.i) is None, abs(c.i - v.i)))
            if s.lower_ in vocab().words("speaker_relative_pronouns") and v.dep_ == "relcl":
                return v.head
            for c in s.children:  # "To understand X, Justice Ann Berg said, ...": a misparse
                if c.dep_ == "appos" and c.i == v.i - 1 and d.ctx.actors.at(c.i):
                    return c
            return s
        if v.dep_ in ("relcl", "acl") and v.head.i != v.i:
            return v.head
        if v.dep_ == "xcomp":
            obj = [c for c in v.head.children if c.dep_ == "dobj" and c.i not in d.quoted]
            if obj:
                return obj[0]
        if v.dep_ in _CLIMB | {"pcomp", "pobj", "prep"} and v.head.i != v.i and v.head.i not in d.quoted:
            v = v.head
            continue
        break
    return _adjacent_name(d, verb)


def _adjacent_name(d: QuoteDocument, verb: Token) -> Token | None:
    """The last actor mention in the words just before the verb, or the first just after it,
    with no punctuation, quoted word or judging adjective the verb depends on in between."""
    doc, actors = d.doc, d.ctx.actors
    # "X was wrong to say ...": X's words as another judges them, X is not the speaker of this report
    above = {t.i for t in verb.ancestors if t.pos_ == "ADJ" and t.lemma_.casefold() in vocab().words("judging_adjectives")}
    i = verb.i - 1
    while i >= 0 and not doc[i].is_punct and i not in d.quoted and doc[i].pos_ != "VERB" and i not in above:
        if actors.at(i):
            return doc[i]
        i -= 1
    i = verb.i + 1
    window = vocab().number("adjacent_name_window")
    while i < len(doc) and not doc[i].is_punct and i not in d.quoted and i - verb.i <= window:
        if actors.at(i):
            m = actors.at(i)
            root = doc[m.start:m.end].root
            # "it was thought Mr X would ...": the subject of the reported clause, not the speaker
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.i != verb.i:
                return None
            return doc[m.end - 1]
        i += 1
    return None
