"""The installable package holds every module and data file kg needs."""
from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def listed_packages() -> set[str]:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(cfg["tool"]["setuptools"]["packages"])


def test_every_python_package_of_kg_is_listed():
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    found |= {"kg.ontologies" + ("." + ".".join(p.parent.relative_to(ROOT / "ontologies").parts) if p.parent != ROOT / "ontologies" else "")
              for p in (ROOT / "ontologies").rglob("__init__.py")}
    assert found == listed_packages()


@pytest.mark.slow
def test_wheel_carries_ontology_patterns_queries_and_assets(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                        str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    (wheel,) = tmp_path.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ["kg/ontologies/kg.ttl", "kg/ontologies/shapes.ttl", "kg/ontologies/context.jsonld",
                   "kg/ontologies/queries/evidence.rq", "kg/nlp/patterns/titles.txt",
                   "kg/nlp/patterns/countries.tsv", "kg/gazetteer_countries.tsv", "kg/viz/assets/page.html"]:
        assert needed in names, needed
