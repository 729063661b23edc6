"""kg: turn news articles into a knowledge graph of actors (RDF, SPARQL, SHACL).

The public Python API. Everything is imported on first use, so ``import kg`` stays fast.

* :func:`open_store` -- open (or create) a store; its ``.query(sparql, bindings=...)`` gives rows
  (:class:`pyoxigraph.QuerySolution`, indexable by variable name or position).
* :func:`build` -- extract documents into a store (also the module :mod:`kg.build`).
* :func:`select` -- rows of a SPARQL text, ``@file.rq`` or named query as dicts of plain values.
* :func:`run_query` -- any query (SELECT, ASK, CONSTRUCT, DESCRIBE) with bound parameters and an
  optional time limit; :func:`named_queries` lists the named queries.
* :func:`push` -- send the store to a SPARQL 1.1 Graph Store Protocol endpoint (also the module
  :mod:`kg.push`).
* :class:`KgError` -- the base class of every error kg reports.

Examples
--------
>>> import os, tempfile
>>> import kg
>>> from kg.records import Document, Entity, Extraction
>>> from kg.rdf.mapping import extraction_to_graph
>>> st = kg.open_store(os.path.join(tempfile.mkdtemp(), "store"))
>>> ex = Extraction(Document("d1", "Ann Lee spoke."), entities=(Entity("a", "Person", "Ann Lee"),))
>>> _ = st.add_graphs([extraction_to_graph(ex, base="http://ex.org/")])
>>> [row["name"].value for row in st.query("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }")]
['Ann Lee']
>>> for name, in st.query("SELECT ?name WHERE { ?p rdfs:label ?name }"):
...     print(name.value)
Ann Lee
>>> kg.select(st, "SELECT ?p ?n WHERE { ?p rdfs:label ?n }", {"n": "Ann Lee"})
[{'p': 'http://ex.org/person/ann-lee', 'n': 'Ann Lee'}]
"""
from __future__ import annotations

import importlib
import sys
import types

from .errors import KgError

__all__ = ["open_store", "build", "select", "run_query", "named_queries", "push", "KgError", "__version__"]

#: Public functions and the module each lives in (imported on first use).
_FUNCTIONS = {
    "open_store": "kg.store",
    "select": "kg.query",
    "run_query": "kg.query",
    "named_queries": "kg.query",
}


class _CallableModule:
    """``kg.build`` and ``kg.push``: call it to run the function of the same name; read any other
    attribute to reach the module (``kg.build.build_into``). The module is imported on first use.
    """

    def __init__(self, module: str):
        self._module = module

    def _target(self):
        mod = importlib.import_module(self._module)
        return getattr(mod, self._module.rpartition(".")[2])

    def __call__(self, *args, **kwargs):
        return self._target()(*args, **kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__") and name not in ("__doc__", "__all__", "__file__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self._module), name)

    @property
    def __doc__(self):  # help(kg.build) shows the function's documentation
        return self._target().__doc__

    def __repr__(self) -> str:
        return f"<kg function and module {self._module}>"


_CALLABLE_MODULES = {"build": "kg.build", "push": "kg.push"}


class _KgPackage(types.ModuleType):
    """The ``kg`` package: importing the submodules ``kg.build``/``kg.push`` keeps the callable
    entries above in place (the modules stay reachable in ``sys.modules`` and through them)."""

    def __setattr__(self, name, value):
        if name in _CALLABLE_MODULES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _KgPackage
build = _CallableModule("kg.build")
push = _CallableModule("kg.push")


def __getattr__(name: str):
    if name in _FUNCTIONS:
        value = getattr(importlib.import_module(_FUNCTIONS[name]), name)
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("kg")
        except PackageNotFoundError:
            return "0+unknown"
    if not name.startswith("_"):
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
