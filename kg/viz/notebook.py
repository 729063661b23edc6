"""The actor graph inline in a Jupyter notebook.

:class:`GraphPage` wraps the same self-contained page that ``kg viz`` writes and shows it in an
``<iframe srcdoc=...>``: the page keeps its own Content-Security-Policy, and the sandbox (scripts
allowed, no same-origin access) keeps it apart from the notebook. Nothing is fetched.

>>> from kg.viz.notebook import show_graph        # doctest: +SKIP
>>> show_graph("kg-store", focus="Helen Marsh", hops=2)    # doctest: +SKIP
"""
from __future__ import annotations

import html as html_lib
from pathlib import Path

import networkx as nx

from .html import render_view
from .views import View, select_view

__all__ = ["GraphPage", "show_graph"]


class GraphPage:
    """An actor-graph page that Jupyter displays inline (``_repr_html_``).

    Parameters
    ----------
    view : View or networkx.MultiDiGraph
        What to show (see :func:`kg.viz.views.select_view`).
    title : str
        Page title.
    height : int
        Height of the inline frame in pixels.
    seed : int
        Layout seed.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="Ann <b>", type="Person", aliases=[], positions=[], articles=1)
    >>> page = GraphPage(g)
    >>> frame = page._repr_html_()
    >>> frame.startswith("<iframe") and 'sandbox="allow-scripts"' in frame
    True
    >>> "<b>" in frame            # the whole page is an escaped attribute value
    False
    """

    def __init__(self, view: View | nx.MultiDiGraph, *, title: str = "kg actor graph", height: int = 620,
                 seed: int = 7):
        self.view = view
        self.title = title
        self.height = int(height)
        self.seed = seed
        self._html: str | None = None

    @property
    def html(self) -> str:
        """The self-contained page (the same as ``kg viz`` writes)."""
        if self._html is None:
            self._html = render_view(self.view, title=self.title, seed=self.seed)
        return self._html

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path``."""
        p = Path(path)
        p.write_text(self.html, encoding="utf-8")
        return p

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html_lib.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'title="{html_lib.escape(self.title, quote=True)}" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd;"></iframe>'
        )


def show_graph(source, *, focus: str | None = None, hops: int = 1, max_nodes: int | None = None,
               communities: bool = False, seed: int = 7, title: str = "kg actor graph",
               height: int = 620) -> GraphPage:
    """A :class:`GraphPage` of a store (path or open store) or an actor graph, for a notebook cell.

    Raises
    ------
    StoreError
        When ``source`` is a path with no store.
    UnknownActorError
        When ``focus`` names no actor.
    """
    if isinstance(source, nx.Graph):
        g = source
    else:
        from ..storage.disk import open_store
        from ..storage.store import KgStore
        from .graph import actor_graph

        store = source if isinstance(source, KgStore) else open_store(source, read_only=True)
        g = actor_graph(store)
    view = select_view(g, focus=focus, hops=hops, max_nodes=max_nodes, with_communities=communities, seed=seed)
    return GraphPage(view, title=title, height=height, seed=seed)
