"""Title rules read over the whole document (kind ``titles``): a title a person holds "as"
("her last week as prime minister"), and a title with an origin but no name ("Japan Prime
Minister Dodges Criticism") that gives its origin to the one person holding that title."""
from __future__ import annotations

from spacy.tokens import Token

from ..records import Position
from .context import Context
from .held import Found, countries_in, position, title_text
from .lexicon import countries, honorifics
from .origins import origin_after, origin_before
from .rules import rule
from .vocab import vocab

__all__ = ["title_as", "title_holder_origin"]


def _holder(ctx: Context, head: Token) -> str | None:
    """The one person who holds a role "as" ``head`` says: the possessor of a role noun ("Sir
    Kim Darroch's resignation as", "her last week as") or the subject of a role verb ("X quit
    as", "she served as")."""
    v = vocab()
    if head.pos_ == "NOUN" and head.lemma_.lower() in v.words("role_nouns"):
        owners = [c for c in head.children if c.dep_ == "poss"]
    elif head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in v.words("role_verbs"):
        owners = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        return None
    keys = [k for o in owners for k in ctx.actors_of(o) if ctx.actors.type_of(k) == "Person"]
    return keys[0] if len(set(keys)) == 1 else None


@rule("title-as", "titles", words=("role_nouns", "role_verbs", "role_prepositions"), confidence="position")
def title_as(ctx: Context, positions: list[Position]) -> list[Found]:
    """"Sir Kim Darroch's resignation as British ambassador", "X quit as UK ambassador", "her last week as prime minister": the person held the title."""
    out = []
    for end, span in ctx.title_spans()[1].items():
        t = ctx.doc[end - 1]
        sent = ctx.sent_of(t)
        if not ctx.narrative(sent) or t.dep_ != "pobj" or t.head.lower_ not in vocab().words("role_prepositions"):
            continue
        holder = _holder(ctx, t.head.head)
        before = t.head.i - 1
        if holder is None and before >= 0 and ctx.doc[before].pos_ == "NOUN":
            # "considering naming an envoy in her final days as premier": the parse
            # may hang "as" on the verb; the role noun right before it still names the holder
            holder = _holder(ctx, ctx.doc[before])
        if holder is None:
            continue
        origin, how = origin_before(ctx, span.start)
        if origin is None:
            origin, how = origin_after(ctx, t)
        out.append(Found((position(ctx, holder, title_text(ctx, span), origin, sent, "title-as", how),),
                         countries=countries_in(origin)))
    return out


def _named(ctx: Context, span) -> bool:
    """Whether a title span names its holder: a name right after it or in apposition."""
    after = ctx.doc[span.end] if span.end < len(ctx.doc) else None
    if after is not None and (ctx.actors.at(after.i) is not None or after.text in honorifics()):
        return True  # "Foreign Minister Anna Berg", "Foreign Minister Dr Berg"
    head = ctx.doc[span.end - 1]
    return any(c.dep_ == "appos" and ctx.actor(c) for c in head.children) or (
        head.dep_ == "appos" and ctx.actor(head.head) is not None)


@rule("title-holder", "titles", confidence="position")
def title_holder_origin(ctx: Context, positions: list[Position]) -> list[Found]:
    """"Japan Prime Minister Dodges Criticism", "the Russian foreign minister said": a title with a country and no name gives it to the one person of the article holding that title without one."""
    out = []
    for span in ctx.title_spans()[1].values():
        sent = ctx.sent_of(span.start)
        if ctx.caption(sent) or _named(ctx, span):
            continue
        origin, _ = origin_before(ctx, span.start)
        if origin is None and span.start > 0 and (country := countries().canonical(ctx.doc[span.start - 1].text)):
            origin = f"Country:{country}"  # a headline's "Japan Prime Minister", where no actor is read
        if origin is None or not origin.startswith("Country:"):
            continue
        title = " ".join(span.text.casefold().split())
        holders = {p.person for p in positions if " ".join(p.title.casefold().split()) == title}
        unplaced = [p for p in positions if p.person in holders and p.of is None
                    and " ".join(p.title.casefold().split()) == title]
        if len(holders) == 1 and unplaced:
            p = unplaced[0]
            out.append(Found((position(ctx, p.person, p.title, origin, sent, "title-holder", ""),),
                             countries=countries_in(origin)))
    return out
