"""Build parsed spaCy Docs by hand, so rule tests do not depend on the statistical model.

A sentence is written as rows ``word head dep pos [ent]`` where ``head`` is the 0-based index of
the head word within the sentence (the root points at itself) and ``ent`` is a BIO tag such as
``B-PERSON``. Several sentences are joined into one Doc.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc

from kg.nlp.actors import find_actors
from kg.nlp.boilerplate import caption_ranges, non_narrative_ranges
from kg.nlp.context import Context
from kg.nlp.positions import positions_of
from kg.nlp.titles import TitleMarker

_LEMMAS = {"met": "meet", "meets": "meet", "meeting": "meeting", "held": "hold", "holds": "hold", "spoke": "speak",
           "speaks": "speak", "called": "call", "said": "say", "says": "say", "told": "tell", "gathered": "gather",
           "was": "be", "is": "be", "did": "do", "joined": "join", "refused": "refuse", "hosted": "host",
           "talks": "talk", "will": "will", "not": "not", "n't": "not", "agreed": "agree",
           "negotiated": "negotiate", "sat": "sit", "telephoned": "telephone", "took": "take", "visited": "visit", "received": "receive", "spoken": "speak", "signed": "sign", "wrote": "write", "had": "have", "tweeted": "tweet", "accompanied": "accompany", "arrived": "arrive", "urged": "urge", "attended": "attend", "attend": "attend", "sitting": "sit", "seemed": "seem", "meets": "meet", "visited": "visit", "won": "win", "spoke": "speak", "rang": "ring", "phoned": "phone", "quit": "quit", "resignation": "resignation", "hosted": "host", "ordered": "order", "sent": "send"}


@lru_cache(maxsize=1)
def blank():
    return spacy.blank("en")


def make_doc(*sentences: str) -> Doc:
    """A Doc from sentences written as whitespace-separated rows ``word head dep pos [ent]``.

    The word ``¶`` is a paragraph break (two newlines), so that a sentence can be a line of its own;
    a word ending in ``⁀`` is glued to the next one ("ex⁀" then "-" then "King" reads "ex-King").
    """
    nlp = blank()
    words, heads, deps, pos, ents, spaces, starts = [], [], [], [], [], [], []
    for sent in sentences:
        rows = [r.split() for r in sent.strip().splitlines() if r.strip()]
        offset = len(words)
        for i, row in enumerate(rows):
            w, h, d, p = row[:4]
            glued = w.endswith("\u2040") and len(w) > 1
            w = w[:-1] if glued else w
            words.append("\n\n" if w == "\u00b6" else w)
            heads.append(offset + int(h))
            deps.append(d)
            pos.append(p)
            ents.append(row[4] if len(row) > 4 else "O")
            starts.append(i == 0)
            nxt = rows[i + 1][0] if i + 1 < len(rows) else None
            spaces.append(not (glued or nxt in (".", ",", "'s", "n't", ";", ":", "\u00b6") or w == "\u00b6"))
    lemmas = [_LEMMAS.get(w.lower(), w.lower()) for w in words]
    penn = {"PROPN": "NNP", "NOUN": "NN", "ADJ": "JJ", "ADP": "IN", "DET": "DT", "PRON": "PRP", "CCONJ": "CC",
            "PUNCT": ".", "PART": "POS", "AUX": "MD", "ADV": "RB", "NUM": "CD"}
    tags = ["VBD" if p == "VERB" and w.endswith("ed") else ("VB" if p == "VERB" else penn.get(p, p))
            for w, p in zip(words, pos)]
    for i, w in enumerate(words):
        if pos[i] in ("VERB", "AUX") and w.lower() in ("met", "spoke", "held", "told", "said"):
            tags[i] = "VBD"
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              ents=ents, sent_starts=starts)
    return TitleMarker(nlp)(doc)


def context(doc: Doc) -> Context:
    """The Context ``extract`` builds: captions name actors and are read for meetings only."""
    skip = non_narrative_ranges(doc.text)
    captions = caption_ranges(doc.text)
    return Context(doc, find_actors(doc, skip=[r for r in skip if r not in captions]), skip, captions,
                   find_positions=positions_of)
