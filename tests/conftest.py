"""Shared fixtures.

* ``shared_eval``: the ../shared/eval folder (tests that need it skip with a reason when absent).
* ``seed_text`` / ``seed_gold``: the example article of ../shared/eval/seed and its gold file.
* ``example_path``: the project's own example article (examples/).
* ``nlp``: the real spaCy model with kg's components (session scope; marks nothing by itself,
  tests using it carry ``@pytest.mark.model``).
* ``seed_store`` / ``example_store``: a store built from the seed / example article
  (session scope, read-only use please), with ``.path`` and ``.ttl`` (exported Turtle).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
EXAMPLE = ROOT / "examples" / "geneva-talks.txt"


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_EVAL} (it is present in CI)")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def seed_path(shared_eval) -> Path:
    return shared_eval / "seed" / "riyadh-talks.txt"


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold(shared_eval) -> dict:
    return json.loads((shared_eval / "seed" / "riyadh-talks.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.model import load_model

    return load_model()


def _built(tmp_path_factory, name: str, source: Path, published: str | None = None) -> SimpleNamespace:
    from kg.pipeline.build import build_into
    from kg.output.export import export
    from kg.storage.disk import open_store

    d = tmp_path_factory.mktemp(name)
    st = open_store(d / "store")
    try:
        report = build_into(st, [str(source)], published=published)
        ttl = export(st, d / f"{name}.ttl")
    finally:
        st.close()
    return SimpleNamespace(path=d / "store", ttl=ttl, report=report, dir=d)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, seed_path) -> SimpleNamespace:
    return _built(tmp_path_factory, "seed", seed_path)


@pytest.fixture(scope="session")
def example_store(tmp_path_factory, example_path) -> SimpleNamespace:
    return _built(tmp_path_factory, "example", example_path, published="2025-03-12")
