"""Helpers shared by the build tests: a small corpus written for the tests, and graph comparison
of two stores by rdflib isomorphism of their N-Quads exports."""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

#: Twelve short wire stories written for these tests (invented people). wire-011 names its
#: people by surname only ("Mr Holm met Ms Lindqvist"), so its graph depends on the persons
#: of earlier documents: a build that resolved documents out of order would differ.
WIRE = Path(__file__).resolve().parent / "data" / "wire.jsonl"


def wire_records() -> list[dict]:
    return [json.loads(line) for line in WIRE.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def export_nquads(store_path: Path, out: Path) -> Path:
    from kg.output.export import export
    from kg.storage.disk import open_store

    st = open_store(store_path, read_only=True)
    try:
        return export(st, out)
    finally:
        st.close()


def named_graphs(nquads: Path) -> dict[str, Graph]:
    """Graph name -> graph of an N-Quads file."""
    ds = Dataset()
    ds.parse(nquads, format="nquads")
    out = {}
    for g in ds.graphs():
        if len(g):
            out[str(g.identifier)] = g
    return out


def assert_same_graphs(a: Path, b: Path) -> None:
    """Two N-Quads files hold the same named graphs, each isomorphic; on failure say what is in
    one and not the other."""
    ga, gb = named_graphs(a), named_graphs(b)
    assert sorted(ga) == sorted(gb), f"graph names differ: only in {a.name}: {sorted(set(ga) - set(gb))}; " \
                                     f"only in {b.name}: {sorted(set(gb) - set(ga))}"
    for name in ga:
        if not isomorphic(ga[name], gb[name]):
            _, only_a, only_b = graph_diff(to_isomorphic(ga[name]), to_isomorphic(gb[name]))
            raise AssertionError(
                f"graph {name} differs:\n  only in {a.name}: {sorted(only_a)[:10]}\n  only in {b.name}: {sorted(only_b)[:10]}"
            )
