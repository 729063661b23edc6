"""Seeded node positions for the actor graph, computed in Python so that the browser only draws.

Running vis-network's physics on a large graph in the browser takes minutes (a 1,000-node graph
needed about 64 s headless on our machines), so the page gets ready-made coordinates instead.
Each connected component is laid out on its own with a force-directed (Fruchterman-Reingold)
layout and the components are packed in rows, largest first, so small islands do not fly away.
Components of up to :data:`EXACT_MAX` actors use :func:`networkx.spring_layout`; larger ones use
:func:`force_layout`, the same forces with the repulsion estimated from a random sample of actors
per step (random vertex sampling), which is linear in the number of actors and needs only NumPy.
The same graph and seed always give the same positions.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

__all__ = ["EXACT_MAX", "SPACING", "force_layout", "layout_positions"]

#: Largest component laid out with networkx's exact spring layout.
EXACT_MAX = 300
#: Typical distance between neighbouring actors, in screen pixels at zoom 1.
SPACING = 120.0


def force_layout(n: int, edges: np.ndarray, *, seed: int = 7, iterations: int | None = None,
                 sample: int = 100) -> np.ndarray:
    """Fruchterman-Reingold positions in the unit square, repulsion estimated by sampling.

    Parameters
    ----------
    n : int
        Number of nodes (numbered ``0 .. n-1``).
    edges : numpy.ndarray
        Integer array of shape ``(m, 2)``: the node pairs that attract each other.
    seed : int
        Seed of the random start and of the samples: same input and seed, same output.
    iterations : int, optional
        Cooling steps (default grows slowly with ``n``).
    sample : int
        Nodes drawn per step to estimate the repulsion on every node.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, 2)``, coordinates in ``[0, 1]``.

    Examples
    --------
    >>> import numpy as np
    >>> pos = force_layout(4, np.array([[0, 1], [1, 2], [2, 3]]), seed=1)
    >>> pos.shape, bool((pos >= 0).all() and (pos <= 1).all())
    ((4, 2), True)
    >>> bool((force_layout(4, np.array([[0, 1]]), seed=1) == force_layout(4, np.array([[0, 1]]), seed=1)).all())
    True
    """
    rng = np.random.default_rng(seed)
    if n <= 1:
        return np.full((n, 2), 0.5)
    x, y = rng.random(n).astype(np.float32), rng.random(n).astype(np.float32)
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    src, dst = edges[:, 0], edges[:, 1]
    k2 = np.float32(1.0 / n)  # k = 1/sqrt(n): the ideal distance in the unit square
    inv_k = np.float32(math.sqrt(n))
    if iterations is None:
        iterations = int(min(120, 50 + 10 * math.log10(n)))
    temperature = 0.1
    cool = temperature / (iterations + 1)
    s = min(sample, n)
    scale = np.float32(n / s)
    for _ in range(iterations):
        picks = rng.choice(n, size=s, replace=False)
        dx = x[:, None] - x[None, picks]
        dy = y[:, None] - y[None, picks]
        force = k2 / np.maximum(dx * dx + dy * dy, np.float32(1e-9))  # repulsion k^2/d along (dx, dy)/d
        fx = (dx * force).sum(axis=1) * scale
        fy = (dy * force).sum(axis=1) * scale
        if len(src):
            ex, ey = x[src] - x[dst], y[src] - y[dst]
            pull = np.sqrt(ex * ex + ey * ey) * inv_k  # attraction d^2/k along (ex, ey)/d
            px, py = ex * pull, ey * pull
            fx += (np.bincount(dst, px, minlength=n) - np.bincount(src, px, minlength=n)).astype(np.float32)
            fy += (np.bincount(dst, py, minlength=n) - np.bincount(src, py, minlength=n)).astype(np.float32)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), np.float32(1e-9))
        step = np.minimum(length, np.float32(temperature)) / length
        x += fx * step
        y += fy * step
        temperature -= cool
    pos = np.stack([x, y], axis=1).astype(np.float64)
    return _normalise(pos)


def _normalise(pos: np.ndarray) -> np.ndarray:
    lo = pos.min(axis=0)
    span = float((pos.max(axis=0) - lo).max()) or 1.0
    return (pos - lo) / span


def _component_layout(h: nx.Graph, seed: int) -> np.ndarray:
    nodes = list(h)
    n = len(nodes)
    if n == 1:
        return np.array([[0.5, 0.5]])
    if n == 2:
        return np.array([[0.0, 0.5], [1.0, 0.5]])
    if n <= EXACT_MAX:
        raw = nx.spring_layout(h, seed=seed)
        return _normalise(np.array([raw[v] for v in nodes], dtype=float))
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in h.edges()], dtype=np.int64)
    return force_layout(n, edges, seed=seed)


def layout_positions(g: nx.Graph, *, seed: int = 7, spacing: float = SPACING) -> dict:
    """Screen coordinates ``{node: (x, y)}`` for every node of ``g`` (any networkx graph).

    Edge directions and parallel edges are ignored. Components are laid out one by one and
    packed in rows, each in a square whose side grows with the square root of its size. The
    result depends on the nodes, edges and seed, not on the order the graph was built in.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = layout_positions(g, seed=3)
    >>> sorted(pos) == ["a", "b", "c", "x", "y"]
    True
    >>> pos == layout_positions(g, seed=3)
    True
    >>> pos == layout_positions(nx.MultiDiGraph([("x", "y"), ("c", "b"), ("b", "a")]), seed=3)
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g, key=str))  # the same graph read in another order: same picture
    simple.add_edges_from(sorted(((u, v) for u, v in g.edges() if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    boxes = []
    for comp in components:
        # a fresh graph, not simple.subgraph(): a subgraph view may iterate its node set in hash order
        h = nx.Graph()
        h.add_nodes_from(sorted(comp, key=str))
        h.add_edges_from(sorted(((u, v) for u, v in simple.edges(comp)), key=lambda e: (str(e[0]), str(e[1]))))
        side = spacing * max(1.0, math.sqrt(len(comp)) * 1.1)
        boxes.append((list(h), _component_layout(h, seed) * side, side))
    total_area = sum((side + spacing) ** 2 for _, _, side in boxes)
    row_width = max(math.sqrt(total_area) * 1.2, boxes[0][2] + spacing if boxes else 0.0)
    out = {}
    x = y = row_height = 0.0
    for nodes, coords, side in boxes:
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for v, (cx, cy) in zip(nodes, coords):
            out[v] = (round(float(x + cx), 1), round(float(y + cy), 1))
        x += side + spacing
        row_height = max(row_height, side)
    return out
