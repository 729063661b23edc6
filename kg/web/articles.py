"""What an article's page shows: its text with the actors and evidence sentences marked.

Article text is not kept in the store (only the evidence sentences and their offsets are), so
:func:`article_text` reads it again from the file named by ``kg:sourceFile`` and uses it only
when its SHA-256 equals the article's ``kg:checksum``: the offsets then point into exactly that
text. Otherwise the article page shows the evidence sentences alone, in text order."""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .browse import local, query_rows

__all__ = ["ArticlePage", "Segment", "article_text", "article_page", "evidence_anchor"]

@dataclass
class Segment:
    text: str
    evidence: list = field(default_factory=list)  # evidence IRIs of this stretch
    actor: str | None = None
    actor_label: str | None = None
    selected: bool = False
    anchor: str | None = None
    gap: bool = False


@dataclass
class ArticlePage:
    iri: str
    meta: dict
    full_text: bool
    paragraphs: list  # list of lists of Segment
    evidence: list
    actors: list


def article_text(meta: dict) -> str | None:
    """The article's text read again from its ``kg:sourceFile`` when its checksum matches, else ``None``."""
    source, checksum, doc_id = meta.get("sourceFile"), meta.get("checksum"), meta.get("documentId")
    if not source or not checksum or source == "-":
        return None
    path, line = source, None
    m = re.fullmatch(r"(.*\.jsonl):(\d+)", source)
    if m:
        path, line = m.group(1), int(m.group(2))
    p = Path(path)
    try:
        if not p.is_file():
            return None
        stat = p.stat()
        return _read_text(str(p.resolve()), stat.st_mtime_ns, stat.st_size, line, doc_id, checksum)
    except OSError:
        return None


@lru_cache(maxsize=64)
def _read_text(path: str, mtime: int, size: int, line: int | None, doc_id: str | None, checksum: str) -> str | None:
    from ..ingest.read import iter_documents
    from ..records import Document

    try:
        for item in iter_documents([path]):
            if isinstance(item, Document) and (line is None or item.id == doc_id):
                if hashlib.sha256(item.text.encode("utf-8")).hexdigest() == checksum:
                    return item.text
                if line is None:
                    return None
    except Exception:  # any reading problem: fall back to the sentences
        return None
    return None


def article_page(store, iri: str, *, selected: str | None = None) -> ArticlePage:
    """The article's metadata, its text (or sentences) cut into segments with the evidence
    highlighted and the actors marked, its evidence list and its actors."""
    node = ox.NamedNode(iri)
    meta: dict = {}
    for r in query_rows(store, "article", article=node):
        meta.setdefault(local(r["p"]), r["o"])
    evidence = query_rows(store, "article-evidence", article=node)
    spans: dict[tuple, list] = defaultdict(list)
    for r in evidence:
        try:
            b, e = int(r["begin"]), int(r["end"])
        except (TypeError, ValueError):
            continue
        if r["ev"] not in spans[(b, e)]:
            spans[(b, e)].append(r["ev"])
    names: dict[str, tuple[str, str]] = {}
    actors: dict[str, dict] = {}
    for r in query_rows(store, "article-actors", article=node):
        actors.setdefault(r["actor"], {"iri": r["actor"], "label": r["label"], "type": local(r["type"])})
        if len(r["name"]) >= 2:
            names.setdefault(r["name"], (r["actor"], r["label"]))
    text = article_text(meta)
    pieces: list[tuple[str, list, bool]] = []  # (text, evidence iris, gap)
    if text is not None:
        cuts = sorted({0, len(text)} | {b for b, _ in spans} | {e for _, e in spans})
        for b, e in zip(cuts, cuts[1:]):
            evs = [ev for (sb, se), lst in spans.items() if sb <= b and e <= se for ev in lst]
            pieces.append((text[b:e], evs, False))
    else:
        last = None
        for (b, e), lst in sorted(spans.items()):
            if last is not None and b > last:
                pieces.append(("\n", [], True))
            pieces.append((next(r["sentence"] for r in evidence if r["ev"] == lst[0]), list(lst), False))
            last = e
    matcher = _name_matcher(tuple(sorted(names, key=len, reverse=True)))
    paragraphs: list[list[Segment]] = [[]]
    anchored = set()
    for chunk, evs, gap in pieces:
        if gap:
            paragraphs[-1].append(Segment("[\u2026]", gap=True))
            paragraphs.append([])
            continue
        parts = re.split(r"(\n\s*\n)", chunk)
        for j, part in enumerate(parts):
            if j % 2 == 1:
                paragraphs.append([])
                continue
            for sub, who in _mark_names(part, matcher, names):
                seg = Segment(sub, evidence=evs, actor=who[0] if who else None, actor_label=who[1] if who else None,
                              selected=bool(selected and selected in evs))
                key = tuple(evs)
                if evs and key not in anchored:
                    anchored.add(key)
                    seg.anchor = evidence_anchor(evs)
                paragraphs[-1].append(seg)
    paragraphs = [p for p in paragraphs if p and any(s.text.strip() for s in p)]
    return ArticlePage(iri, meta, text is not None, paragraphs, evidence,
                       sorted(actors.values(), key=lambda a: a["label"].casefold()))


def evidence_anchor(evs: list[str]) -> str:
    """The fragment id of the highlighted stretch holding exactly the evidence ``evs``."""
    return "ev-" + hashlib.sha1("|".join(evs).encode("utf-8")).hexdigest()[:10]


@lru_cache(maxsize=32)
def _name_matcher(names: tuple[str, ...]):
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _mark_names(text: str, matcher, names: dict) -> list[tuple[str, tuple | None]]:
    if matcher is None or not text:
        return [(text, None)]
    out, pos = [], 0
    for m in matcher.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], None))
        out.append((m.group(0), names.get(m.group(0))))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return out
