"""Actor relations from the dependency parse: metWith, spokeWith and their meeting/call events.

Rules (each named in the evidence it produces):

``meet-verb``
    "X met (with) Y", "X and Y met", "X conferred with Y": subjects x objects, or all pairs of
    coordinated subjects when there is no object.
``meet-with-verb``
    "X negotiated with Y", "X sat down with Y": a meeting only with a "with" partner.
``hold-talks``
    "X held talks/a meeting with Y".
``host``
    "X hosted/received Y".
``visit`` / ``call-on``
    "X visited Y", "X called on Y at his hotel" (a person; a visited place is no meeting, "called
    on Y to resign" is a demand).
``meeting-between``
    "a meeting/talks between X and Y".
``gather``
    "X, Y and Z gathered/convened": all pairs.
``speak-with`` / ``call``
    "X spoke with/to Y", "X called Y", "X telephoned Y to discuss ...", "X received a call from Y",
    "a phone call between/with ...", "held talks with Y by video link": spokeWith ("X called Y a liar", "X called Y to testify" are no calls).

Coordinated subjects and objects expand to all pairs. Pronoun subjects resolve through
:meth:`Context.resolve_pronoun`; group subjects ("the two leaders met", "both sides held talks",
"the pair spoke by phone") through :meth:`Context.resolve_group`, to exactly two actors of the
preceding text or to nothing. The evidence is always the sentence of the trigger. Modal, infinitive and negated triggers ("will meet", "refused
to meet", "did not meet") give relations with status ``planned`` or ``negated``, never a past
metWith.
"""
from __future__ import annotations

from itertools import combinations

from ..records import Relation
from . import calls, meetings  # noqa: F401  (the rules register on import)
from .context import Context
from .participants import Interaction, PARTICIPANT_TYPES, clause_subjects
from .rules import registered
from .vocab import vocab

__all__ = ["Interaction", "find_interactions", "interaction_relations", "clause_subjects", "PARTICIPANT_TYPES"]

#: The kinds of rules that find interactions, asked at every token.
KINDS = ("meetings", "calls")


def find_interactions(ctx: Context) -> list[Interaction]:
    """All meetings and calls of the narrative sentences of a document: every meeting and call
    rule is asked at every token of a narrative sentence or caption."""
    rules = [r.function for kind in KINDS for r in registered(kind)]
    out: list[Interaction] = []
    for sent in ctx.sents:
        caption = not ctx.narrative(sent)
        if caption and not ctx.caption(sent):
            continue
        for tok in sent:
            for f in rules:
                for it in f(ctx, tok) or ():
                    if it is None:
                        continue
                    if caption:  # "X (left) meets with Y on Saturday": its own rule name
                        it = Interaction(it.kind, it.sides, it.rule + "-caption", it.trigger, it.status, it.sentence_start)
                    out.append(_without_own_body(ctx, it))
    return [it for it in out if it is not None]


def _without_own_body(ctx: Context, it: Interaction) -> Interaction | None:
    """The interaction without the country or body one side holds a post of ("Trump sat down
    with representatives of the United States, Britain ...": not with the United States)."""
    a, b = it.sides
    own = ctx.posts_of(a + b)
    a2, b2 = tuple(k for k in a if k not in own), tuple(k for k in b if k not in own)
    if (a2, b2) == (a, b):
        return it
    if not ((a2 and b2) or (not b and len(a2) >= 2)):
        return None
    return Interaction(it.kind, (a2, b2), it.rule, it.trigger, it.status, it.sentence_start)


def interaction_relations(ctx: Context, interactions: list[Interaction]) -> list[Relation]:
    """Pairwise relations of each interaction (coordinated sides expand to all pairs)."""
    v = vocab()
    out = []
    for it in interactions:
        a, b = it.sides
        pairs = [(x, y) for x in a for y in b] if b else list(combinations(a, 2))
        sent = ctx.sent_of(it.trigger)
        conf = v.confidence("interaction" if it.status == "asserted" else "interaction-unasserted")
        if it.rule.endswith("-caption"):
            conf *= v.confidence("caption-discount")
        ev = ctx.evidence(sent, it.rule, conf)
        for x, y in pairs:
            if x != y:
                out.append(Relation(x, it.kind, y, ev, it.status))
    return out
