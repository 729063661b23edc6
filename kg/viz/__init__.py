"""Actor graph: from the store to networkx, and from networkx to a self-contained HTML page.

* :mod:`kg.viz.graph` -- :func:`~kg.viz.graph.actor_graph`, the store's actors and relations as a
  networkx MultiDiGraph (also used by the GraphML/GEXF export);
* :mod:`kg.viz.views` -- find an actor by name or alias, focus (ego graph), most central actors,
  Louvain communities;
* :mod:`kg.viz.paths` -- the chain of relations linking two actors, with evidence (``kg path``);
* :mod:`kg.viz.layout` -- seeded node positions computed in Python;
* :mod:`kg.viz.html` -- the offline, safe HTML page (vis-network inlined; ``assets/`` holds the
  page template, its script and its style);
* :mod:`kg.viz.notebook` -- the same page inline in Jupyter.
"""
