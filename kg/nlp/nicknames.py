"""Other names an article gives an actor: "Tal Nour ... The city, also known as Beit Sawa",
"Ann Ruiz and Bo Lind, dubbed Paris Ann and Berlin Bo". The name after the cue is an
alias of the actor before it (pairwise for coordinated names), never an actor of its own.

>>> _cue_at(["also", "known", "as", "X"], 0, (("also", "known", "as"), ("dubbed",)))
3
>>> _cue_at(["well", "known", "as", "X"], 0, (("also", "known", "as"),)) is None
True
"""
from __future__ import annotations

from spacy.tokens import Doc

from .vocab import vocab

__all__ = ["nickname_merges"]

_PUNCT = {",", "(", "-", "\u2014", "\u2013", "--"}


def _cue_at(words: list[str], i: int, cues) -> int | None:
    """The token index after the cue that starts at ``i``, or ``None``."""
    for cue in cues:
        if tuple(w.lower() for w in words[i:i + len(cue)]) == cue:
            return i + len(cue)
    return None


def _coordinated(starts: dict, ends: dict, doc: Doc, i: int, step: int) -> list:
    """The mentions coordinated with "and"/"," from token ``i`` on, forwards (step 1) from a
    mention's start or backwards (step -1) from a mention's end."""
    found = []
    index = starts if step == 1 else ends
    while (m := index.get(i)) is not None:
        found.append(m)
        j = m.end if step == 1 else m.start - 1
        if 0 <= j < len(doc) and doc[j].lower_ in ("and", ","):
            i = j + 1 if step == 1 else j
            continue
        break
    return found if step == 1 else found[::-1]


def nickname_merges(doc: Doc, mentions: list, types: dict[str, str]) -> dict[str, str]:
    """Entity key of each alias -> entity key of the actor it names (mentions: token spans with
    ``start``, ``end``, ``key``; types: key -> type)."""
    v = vocab()
    cues = tuple(tuple(c.split()) for c in v.words("alias_cues"))
    places = v.words("place_nouns")
    starts = {m.start: m for m in mentions}
    ends = {m.end: m for m in mentions}
    words = [t.text for t in doc]
    firsts = {c[0] for c in cues}
    into: dict[str, str] = {}
    for i in (i for i, w in enumerate(words) if w.lower() in firsts):
        after = _cue_at(words, i, cues)
        if after is None:
            continue
        named = _coordinated(starts, ends, doc, after, 1)
        j = i
        while j > 0 and doc[j - 1].text in _PUNCT:
            j -= 1
        before = _coordinated(starts, ends, doc, j, -1)
        if not before and j > 0 and doc[j - 1].lower_ in places:  # "The city, also known as X"
            earlier = [m for m in mentions if m.end <= j - 1 and types.get(m.key) == "Place"]
            before = earlier[-1:]
        if not named or len(named) != len(before):
            continue
        for alias, actor in zip(named, before):
            if alias.key != actor.key and types.get(alias.key) != "Country" and alias.key not in into:
                into[alias.key] = actor.key
    return into
