"""Actor candidates of one parsed document: the entities of the model cut at titles, trimmed of
determiners, courtesy titles and possessives, extended over the name words the model left out, and
typed (the country and organisation lexicons and the titles overrule the model); names after
titles and country names the model missed; junk dropped."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from .candidate import Candidate, clean_name
from .lexicon import countries, honorifics, name_heads, organizations, read_lines
from .name_fixes import organizations_by_title, places_by_noun, with_place_of
from .titles import SPAN_KEY, title_above
from .vocab import vocab

__all__ = ["LABEL_TYPES", "candidates", "clean_name", "is_junk"]

#: spaCy entity labels -> actor types (GPE is refined by the country lexicon).
LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
#: Model labels that a name right after a title overrides (they are no actor type of ours).
_RELABELLED = frozenset({"", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_JUNK = re.compile(r"^[\W\d_]+$")


@lru_cache(maxsize=1)
def _not_entities() -> frozenset[str]:
    return frozenset(l.strip().casefold() for l in read_lines("not_entities.txt"))


@lru_cache(maxsize=1)
def _credit_words() -> re.Pattern:
    return re.compile(r"(?i)\b(" + "|".join(sorted(map(re.escape, vocab().words("credit_words")))) + r")\b")


def _credit(text: str) -> bool:
    """A photo credit's words ("AP Photo/Jane Roe", "REUTERS/Kham/Pool")."""
    return bool(_credit_words().search(text))


def _trim_span(doc: Doc, start: int, end: int, title_tokens: set[int]) -> tuple[int, int]:
    """Drop determiners, titles, honorifics and possessive markers from the edges of a span."""
    while start < end and (
        doc[start].lower_ in vocab().words("determiners") or doc[start].text in honorifics() or start in title_tokens
        or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _title_index(doc: Doc) -> tuple[set[int], dict[int, int], set[int]]:
    """Tokens inside title spans, title start -> end, and title ends."""
    tokens: set[int] = set()
    starts: dict[int, int] = {}
    for t in doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []:
        starts[t.start] = t.end
        tokens.update(range(t.start, t.end))
    return tokens, starts, set(starts.values())


def _person_cue_before(doc: Doc, start: int, title_ends: set[int]) -> bool:
    """A courtesy title ("Mr", "Ms") or a job title ends right before the mention."""
    if start in title_ends:
        return True
    return start > 0 and doc[start - 1].text in honorifics()


def _typed(doc: Doc, start: int, end: int, label: str, text: str, title_ends: set[int]) -> tuple[str | None, bool]:
    """(type, strong) of a cleaned mention, or (None, _) when it is not an actor."""
    if countries().canonical(text):
        return "Country", True
    if text in organizations()[0]:
        return "Organization", True
    if countries().from_adjective(text):
        return None, True  # a nationality ("Russian", "Welsh") is not an actor
    if label == "NORP":
        return None, False
    words = text.split()
    if len(words) > 1 and words[-1] in name_heads():
        head = name_heads()[words[-1]]
        return (None, True) if head == "-" else (head, True)  # "Political Funds Control Law": no actor
    if _person_cue_before(doc, start, title_ends) and label in ("PERSON", "ORG", "GPE", "NORP"):
        return "Person", True
    return LABEL_TYPES.get(label), False


def _plausible_name(doc: Doc, start: int, end: int) -> bool:
    """A one-word mention must be a proper noun (not "Nasty", "Groups", "Draconian")."""
    if end - start > 1:
        return any(t.tag_.startswith("NNP") or t.pos_ == "PROPN" for t in doc[start:end])
    tok = doc[start]
    if tok.text.isupper() and len(tok.text) > 1:
        return True  # acronyms
    return tok.tag_ in ("NNP",) or (tok.pos_ == "PROPN" and tok.tag_ != "NNPS")


def _titled_by_apposition(doc: Doc, head_i: int, title_tokens: set[int]) -> bool:
    """True when the name ending at ``head_i`` has a person's title in apposition: "Ana Reyes,
    the foreign minister," / "the foreign minister of Peru, Ana Reyes,"."""
    head = doc[head_i]
    if head.dep_ in ("compound", "nmod", "flat"):
        return False
    if head.dep_ == "appos":  # "the foreign minister of Peru, Ana Reyes,"
        t = title_above(head.head, lambda x: x.i in title_tokens)
        if t is not None and t.i < head_i:
            return True
    for c in head.children:
        if c.dep_ == "appos" and c.i > head_i and c.i in title_tokens and doc[head_i + 1].text == ",":
            return True
    return False


def _extend_given_names(doc: Doc, start: int, title_tokens: set[int]) -> int:
    """Take in capitalised proper nouns the model left out before a person's name ("Aoife" in
    "Taoiseach Aoife Byrne"), stopping at titles, courtesy titles, entities and nationalities."""
    while start > 0:
        tok = doc[start - 1]
        if (tok.i in title_tokens or tok.ent_type_ or not tok.text[:1].isupper() or tok.tag_ != "NNP"
                or tok.text in honorifics() or countries().from_adjective(tok.text)):
            break
        if tok.dep_ not in ("compound", "nmod") or tok.head.i < start:
            break
        start -= 1
        if tok.is_sent_start:
            break  # a given name may open the sentence ("Ana Reyes, the minister, said"), nothing before it
    return start


def _extend_family_name(doc: Doc, end: int, title_tokens: set[int]) -> int:
    """Take in the proper noun the model left out after a person's name when the name's last
    word hangs on it ("Pham Binh" + "Minh": "Binh" is a compound of "Minh"); never a title,
    courtesy title, tagged entity, nationality or the head word of an organisation or place."""
    while end < len(doc):
        last, tok = doc[end - 1], doc[end]
        if last.dep_ not in ("compound", "flat") or last.head.i != end:
            break
        if (tok.i in title_tokens or tok.ent_type_ or tok.tag_ != "NNP" or not tok.text[:1].isupper()
                or not tok.text.isalpha() or not tok.text.istitle() or tok.text in honorifics() or tok.text in name_heads()
                or countries().canonical(tok.text) or countries().from_adjective(tok.text)):
            break
        end += 1
    return end


def is_junk(text: str) -> bool:
    words, v = text.split(), vocab()
    return (
        len(text) < 2
        or bool(_JUNK.match(text))
        or text.casefold() in _not_entities()
        or not any(c.isupper() for c in text)
        or words[-1].casefold() in v.words("dangling_name_words")  # cut-off names: "U.S. Department of"
        or (len(words) > 1 and words[-1].isdigit())  # "Obama's 2008"
        or ("/" in text and _credit(text))  # photo credits: "AP Photo/Jane Roe", "REUTERS/Kham/Pool"
        or _country_pair(text)  # "U.S.-India" (ties), "US-China" (talks): no actor
    )


def _country_pair(text: str) -> bool:
    """A name made of countries joined by hyphens ("U.S.-India", "Japan-U.S.").

    >>> _country_pair("U.S.-India"), _country_pair("Guinea-Bissau"), _country_pair("Ras al-Ayn")
    (True, False, False)
    """
    parts = text.split("-")
    return len(parts) > 1 and not countries().canonical(text) and all(
        countries().canonical(p) or countries().from_adjective(p) for p in parts)


def _entity_candidate(doc: Doc, ent, title_tokens: set[int], title_starts: dict[int, int], title_ends: set[int]):
    """One entity of the model as a candidate: cut at a title, trimmed, extended over the given
    and family names the model left out, typed; ``None`` when it is no actor."""
    start, end = ent.start, ent.end
    # An entity running into a title ("U.S. National Security" + "National Security Advisor")
    # is cut where the title starts; the part before is typed again below.
    for i in range(start + 1, end):
        if i in title_starts:
            end = i
            break
    start, end = _trim_span(doc, start, end, title_tokens)
    if start >= end or all(i in title_tokens for i in range(start, end)):
        return None
    for i in range(start + 1, end):  # "Party of the Democratic Revolution ( PRD": a bracket ends a name
        if doc[i].text in vocab().words("name_end_brackets"):
            end = i
            break
    for i in range(start + 1, end):  # "Begg - have": a dash ends a name
        if doc[i].text in ("-", "\u2013", "\u2014") and doc[i].whitespace_ and doc[i - 1].whitespace_:
            end = i
            break
    while end > start and doc[end - 1].text in vocab().words("post_nominal_letters"):
        end -= 1  # post-nominal letters
    label = ent.label_
    while end - start > 1 and doc[end - 1].is_alpha and doc[end - 1].is_lower and doc[end - 1].pos_ == "NOUN":
        if doc[end - 1].lower_ in vocab().words("organization_nouns"):
            label = "ORG"  # "the Fianna Fáil party": whatever the recogniser said, an organisation
        end -= 1  # "Fianna Fáil party", "Syrian Observatory for Human Rights war": a common noun after the name
    if start >= end:
        return None
    if label in ("ORG", "GPE", "LOC", "FAC") and _titled_by_apposition(doc, end - 1, title_tokens):
        label = "PERSON"  # "Ana Reyes, the foreign minister, ..." with "Reyes" typed ORG
    if label == "PERSON":
        # "Crooked Hillary", "Injecting Clinton": words before a name that are not proper nouns
        while start < end - 1 and doc[start].tag_ not in ("NNP", "NNPS"):
            start += 1
        start = _extend_given_names(doc, start, title_tokens)
        if end == ent.end:
            end = _extend_family_name(doc, end, title_tokens)
    text = clean_name(doc[start:end].text)
    typ, strong = _typed(doc, start, end, label, text, title_ends)
    if label != ent.label_ and typ in ("Person", "Organization"):
        strong = True  # the apposition or the noun after the name is the evidence
    if typ is None or is_junk(text):
        return None
    if not strong and not _plausible_name(doc, start, end):
        return None
    return Candidate(start, end, text, typ, strong)


def _entity_candidates(doc: Doc, skip, index) -> list[Candidate]:
    """The entities of the model, cut, cleaned, extended and typed."""
    title_tokens, title_starts, title_ends = index
    out: list[Candidate] = []
    absorbed = -1  # the end of a place name taken into an organisation's name
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES and ent.label_ != "NORP" or ent.start < absorbed:
            continue
        if any(s <= ent.start_char < e for s, e in skip):
            continue
        cand = _entity_candidate(doc, ent, title_tokens, title_starts, title_ends)
        if cand is not None:
            cand = with_place_of(doc, cand)
            absorbed = cand.end
            out.append(cand)
    return out


def _titled_names(doc: Doc, skip, index, out: list[Candidate]) -> list[Candidate]:
    """A name right after a title that the model gave another label or none: "Crown Prince Nasser"
    tagged PRODUCT, "Emir Tamim" untagged. Proper nouns only, up to the head they modify; a one-word
    name the model typed as an organisation right after the title's name words becomes the surname."""
    title_tokens, title_starts, title_ends = index
    out = list(out)
    taken = {i for c in out for i in range(c.start, c.end)}
    for start in sorted(title_ends):
        end = start
        while (end < len(doc) and end not in taken and end not in title_tokens and doc[end].tag_ == "NNP"
               and doc[end].ent_type_ in _RELABELLED and doc[end].text[:1].isupper()
               and doc[end].text not in honorifics() and not countries().canonical(doc[end].text)
               and not countries().from_adjective(doc[end].text)):
            end += 1
            if doc[end - 1].dep_ not in ("compound", "nmod", "flat"):
                break  # the head of the name
        if end == start or any(s <= doc[start].idx < e for s, e in skip):
            continue
        if doc[end - 1].dep_ in ("compound", "nmod", "flat") and end in taken:
            # "Sen. Ana Reyes" with only "Reyes" tagged, as an organisation: a one-word name the
            # model typed ORG/GPE, the head of the name, that no lexicon knows, is the surname
            head = next((c for c in out if c.start == end), None)
            if (head is not None and head.end == end + 1 and not head.strong and head.type in ("Organization", "Place")
                    and doc[end].dep_ not in ("compound", "nmod", "flat") and doc[end].tag_ == "NNP"
                    and doc[end].text not in name_heads() and doc[end].text not in organizations()[0]):
                out.remove(head)
                end += 1
        if doc[end - 1].dep_ in ("compound", "nmod", "flat"):
            continue  # the name goes on into words we cannot take ("Cormac" of a hyphenated surname)
        if doc[end - 1].text in name_heads():
            continue  # "National Executive Committee": an organisation's name, not a titled person
        text = clean_name(doc[start:end].text)
        if text and not is_junk(text):
            out.append(Candidate(start, end, text, "Person", True))
            taken.update(range(start, end))
    return out


def _missed_countries(doc: Doc, skip, out: list[Candidate]) -> list[Candidate]:
    """Country names the model missed."""
    taken = {i for c in out for i in range(c.start, c.end)}
    found = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or any(s <= tok.idx < e for s, e in skip):
            continue
        if tok.ent_type_ in LABEL_TYPES or tok.ent_type_ == "NORP" or tok.pos_ != "PROPN":
            continue
        if countries().canonical(tok.text):
            found.append(Candidate(tok.i, tok.i + 1, tok.text, "Country", True))
    return found


def candidates(doc: Doc, skip: list[tuple[int, int]]) -> list[Candidate]:
    """The actor candidates of a Doc in text order: the model's entities, the names after titles
    it missed, and the country names it missed."""
    index = _title_index(doc)
    out = places_by_noun(doc, organizations_by_title(doc, _entity_candidates(doc, skip, index), index))
    out = _titled_names(doc, skip, index, out)
    return sorted(out + _missed_countries(doc, skip, out), key=lambda c: c.start)
