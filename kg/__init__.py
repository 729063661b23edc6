"""kg: turn news articles into a knowledge graph of actors (RDF, SPARQL, SHACL).

The public Python API:

* :func:`open_store` -- open (or create) a store; its ``.query(sparql, bindings=...)`` gives rows
  (:class:`pyoxigraph.QuerySolution`, indexable by variable name or position).
* :mod:`build` -- extract documents into a store: ``kg.build.build_into(store, paths)`` or
  ``kg.build.build(paths, store=DIR)`` (the module :mod:`kg.pipeline.build`).
* :func:`select` -- rows of a SPARQL text, ``@file.rq`` or named query as dicts of plain values.
* :func:`run_query` -- any query (SELECT, ASK, CONSTRUCT, DESCRIBE) with bound parameters and an
  optional time limit; :func:`named_queries` lists the named queries.
* :mod:`push` -- send the store to a SPARQL 1.1 Graph Store Protocol endpoint:
  ``kg.push.push(store, url)`` (the module :mod:`kg.output.push`).
* :class:`KgError` -- the base class of every error kg reports.

The package follows the data flow: :mod:`kg.ingest` reads documents, :mod:`kg.nlp` extracts
records (:mod:`kg.records`), :mod:`kg.rdf` maps them to the ontology, :mod:`kg.pipeline` runs the
build into :mod:`kg.storage` (the store, its queries and results); :mod:`kg.check` validates,
:mod:`kg.viz` draws the actor graph, :mod:`kg.output` exports and pushes, :mod:`kg.web` serves,
:mod:`kg.evaluate` scores; :mod:`kg.commands` and :mod:`kg.cli` are the command line.

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

from .errors import KgError
from .output import push
from .pipeline import build
from .storage.named import named_queries
from .storage.query import run_query, select
from .storage.disk import open_store

__all__ = ["open_store", "build", "select", "run_query", "named_queries", "push", "KgError"]
