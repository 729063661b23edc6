"""Quotation extraction on PolNeAR: content precision/recall and named-speaker accuracy, fast.

Parses the articles of a PolNeAR split once (the parses are cached as a spaCy DocBin next to the
output), runs only the actor and quotation rules, writes the quotations as TriG and scores them
with ``../shared/tools/score_datasets.py`` (the same scorer as after ``kg build``, which gives the
same figures). With ``--misses N`` it also prints, matching within each article, samples of gold
attributions no quotation covers, of quotations that cover no gold attribution, and of found
attributions whose named source is not our speaker, to see which language patterns matter. It
also prints the figures with matching restricted to each article (the scorer matches a quotation
with gold content of any article, which flatters a large split).

Usage (from the repository root)::

    .venv/bin/python bench/polnear_eval.py ../shared/eval/polnear/polnear_dev.jsonl \
        --out /tmp/polnear-q.trig [--misses 20] [--limit 300]

Tune on the dev and train splits only; the test splits are held out.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

from rdflib import Dataset

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "tools"


def _articles(path: Path) -> list[dict]:
    seen, out = set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["article"] in seen:  # one annotator per article, as the scorer does
            continue
        seen.add(rec["article"])
        out.append(rec)
    return out


def _parse(texts: list[str], cache: Path):
    from spacy.tokens import DocBin

    from kg.nlp.model import load_model

    nlp = load_model()
    digest = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:12]
    cache.mkdir(parents=True, exist_ok=True)
    file = cache / f"polnear-{digest}.spacy"
    if file.exists():
        return list(DocBin().from_disk(file).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    db = DocBin(store_user_data=True, docs=docs)
    db.to_disk(file)
    return docs


def extract(records: list[dict], cache: Path, limit: int | None = None):
    """(record, Extraction with entities and quotations) for each of the first ``limit`` articles
    (all parsed, so that the cache of the whole split serves every limit)."""
    from kg.nlp.actors import find_actors
    from kg.nlp.boilerplate import non_narrative_ranges
    from kg.nlp.context import Context
    from kg.nlp.positions import positions_of
    from kg.nlp.quotes import find_quotations
    from kg.records import Document, Extraction

    docs = _parse([r["text"] for r in records], cache)
    out = []
    for rec, doc in zip(records[:limit], docs[:limit]):
        skip = non_narrative_ranges(rec["text"])
        actors = find_actors(doc, skip=skip)
        quotes = find_quotations(Context(doc, actors, skip, find_positions=positions_of))
        document = Document(id=rec["article"], text=rec["text"])
        out.append((rec, Extraction(document, entities=tuple(actors.entities.values()), quotations=tuple(quotes))))
    return out


def to_dataset(extractions) -> Dataset:
    from kg.rdf.mapping import extraction_to_graph

    ds = Dataset(default_union=True)
    for _, ex in extractions:
        g = extraction_to_graph(ex)
        ctx = ds.graph(g.identifier)
        for t in g:
            ctx.add(t)
    return ds


def compare(extractions, sd) -> tuple[list, list, list, dict]:
    """Matching within each article: the missed gold attributions, the quotations that cover no
    gold attribution, the found ones whose named source is not our speaker, and the counts."""
    missed, spurious, wrong = [], [], []
    gold = found = outputs = 0
    for rec, ex in extractions:
        names = {e.key: {w.casefold() for n in (e.name, *e.aliases) for w in n.split()} for e in ex.entities}
        preds = [(sd.toks(q.text), q) for q in ex.quotations]
        preds = [p for p in preds if p[0]]
        outputs += len(preds)
        used = set()
        for a in rec["attributions"]:
            gold += 1
            content = " ".join(c["text"] for c in a["content"])
            gt = sd.toks(content)
            hits = [i for i, (pt, _) in enumerate(preds) if gt and sd.overlaps(gt, pt)]
            used.update(hits)
            if not hits:
                missed.append(((a.get("source") or {}).get("text"), (a.get("cue") or {}).get("text"), content))
                continue
            found += 1
            src = (a.get("source") or {}).get("text") or ""
            named = {w.casefold() for w in re.findall(r"\b[A-Z][a-z]+\b", src)} - {
                "he", "she", "it", "they", "the", "a", "an", "his", "her"}
            if named and not any(named & names.get(preds[i][1].speaker, set()) for i in hits):
                q = preds[hits[0]][1]
                wrong.append((src, q.speaker, q.evidence.rule, q.text))
        for i, (_, q) in enumerate(preds):
            if i not in used:
                spurious.append((q.kind, q.evidence.rule, q.speaker, q.text))
    counts = {"gold": gold, "found": found, "output": outputs, "unmatched": len(spurious)}
    return missed, spurious, wrong, counts


def misses(extractions, sd, n: int, seed: int = 0) -> None:
    """Print up to ``n`` missed gold attributions, unmatched quotations and wrong speakers."""
    missed, spurious, wrong, _ = compare(extractions, sd)
    rnd = random.Random(seed)
    print(f"\n-- {len(missed)} missed gold attributions (sample) --")
    for m in rnd.sample(missed, min(n, len(missed))):
        print(f"  [{m[1]}] <{m[0]}> {m[2][:160]!r}")
    print(f"\n-- {len(spurious)} quotations matching no gold attribution (sample) --")
    for s in rnd.sample(spurious, min(n, len(spurious))):
        print(f"  {s[0]}/{s[1]} <{s[2]}> {s[3][:160]!r}")
    print(f"\n-- {len(wrong)} found attributions with a named source but another speaker (sample) --")
    for w in rnd.sample(wrong, min(n, len(wrong))):
        print(f"  gold <{w[0]}> ours <{w[1]}> {w[2]} {w[3][:120]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", type=Path, help="a PolNeAR split in the JSON Lines of ../shared/eval/polnear")
    ap.add_argument("--out", type=Path, default=Path("/tmp/polnear-quotes.trig"), help="Turtle/TriG file to write")
    ap.add_argument("--cache", type=Path, default=None, help="folder for the parse cache (default: next to --out)")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses and spurious quotations")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles of the split")
    args = ap.parse_args(argv)
    if not (TOOLS / "score_datasets.py").exists():
        print(f"scorer not found at {TOOLS}; run from a checkout next to ../shared", file=sys.stderr)
        return 2
    sys.path.insert(0, str(TOOLS))
    import score_datasets as sd  # noqa: E402

    records = _articles(args.split)
    extractions = extract(records, args.cache or args.out.parent, args.limit)
    records = records[:args.limit]
    ds = to_dataset(extractions)
    fmt = "trig" if args.out.suffix == ".trig" else "turtle"
    ds.serialize(args.out, format=fmt)
    result, line = sd.polnear(records, sd.load_graph(str(args.out)))
    kinds = {}
    for _, ex in extractions:
        for q in ex.quotations:
            kinds[q.kind] = kinds.get(q.kind, 0) + 1
    print(json.dumps({**result, "by_kind": kinds}))
    print(line)
    _, _, _, c = compare(extractions, sd)
    r, p = c["found"] / max(c["gold"], 1), 1 - c["unmatched"] / max(c["output"], 1)
    print(f"within each article: content P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f} "
          f"({c['found']} of {c['gold']} gold found; {c['unmatched']} of {c['output']} quotations match none)")
    if args.misses:
        misses(extractions, sd, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
