"""Render an actor graph as one self-contained HTML file (vis-network inlined, no remote
resource of any kind). Text from articles only reaches the page as JSON data, which vis-network
displays as text; the JSON is escaped so that it cannot close the script element."""
from __future__ import annotations

import html as html_lib
import json
from importlib import resources
from pathlib import Path

import networkx as nx

__all__ = ["TYPE_STYLE", "EDGE_STYLE", "render_html", "graph_payload"]

TYPE_STYLE = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Organization": {"color": "#f28e2b", "shape": "square"},
    "Country": {"color": "#59a14f", "shape": "diamond"},
    "Place": {"color": "#b07aa1", "shape": "triangle"},
}
EDGE_STYLE = {
    "metWith": {"color": "#e15759", "dashes": False},
    "spokeWith": {"color": "#76b7b2", "dashes": True},
    "represents": {"color": "#9c9c9c", "dashes": False},
    "advises": {"color": "#edc948", "dashes": False},
    "locatedIn": {"color": "#bab0ac", "dashes": True},
}


def _vis_js() -> str:
    lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", "vis-network.min.js")
    return lib.read_text(encoding="utf-8")


def _safe_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def graph_payload(g: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records, built through pyvis."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    ids = {}
    degree = dict(g.degree())
    for i, (n, d) in enumerate(g.nodes(data=True)):
        ids[n] = i
        style = TYPE_STYLE.get(d.get("type"), {"color": "#999999", "shape": "dot"})
        lines = [d.get("label", n), f"type: {d.get('type', '?')}"]
        if d.get("positions"):
            lines.append("positions: " + "; ".join(d["positions"]))
        if d.get("aliases"):
            lines.append("aliases: " + ", ".join(d["aliases"]))
        lines.append(f"articles: {d.get('articles', 0)}")
        net.add_node(i, label=d.get("label", n), title="\n".join(lines), color=style["color"], shape=style["shape"],
                     size=10 + 4 * degree.get(n, 0), group=d.get("type"), iri=n, kgtype=d.get("type"))
    for u, v, k, d in g.edges(keys=True, data=True):
        p = d.get("predicate", k)
        style = EDGE_STYLE.get(p, {"color": "#999999", "dashes": False})
        ev = d.get("evidence") or []
        tip = [f"{g.nodes[u].get('label')} {p} {g.nodes[v].get('label')}"]
        for e in ev[:5]:
            tip.append(f"\u201c{e['sentence']}\u201d ({e['article'].rsplit('/', 1)[-1]}{', ' + e['published'] if e.get('published') else ''})")
        net.add_edge(ids[u], ids[v], label=p, title="\n".join(tip), color=style["color"], dashes=style["dashes"],
                     arrows="" if p in ("metWith", "spokeWith") else "to", predicate=p)
    return net.nodes, net.edges


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; }}
#bar {{ padding: 6px 10px; border-bottom: 1px solid #ddd; font-size: 14px; }}
#graph {{ width: 100%; height: calc(100vh - 40px); }}
.legend span {{ display: inline-block; margin-right: 12px; }}
.sw {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; }}
div.vis-tooltip {{ white-space: pre-wrap; max-width: 480px; }}
</style>
<script>{visjs}</script>
</head><body>
<div id="bar"><strong>{title}</strong> &middot; <span id="counts"></span> <span class="legend">{legend}</span></div>
<div id="graph"></div>
<script>
const nodes = new vis.DataSet({nodes});
const edges = new vis.DataSet({edges});
document.getElementById("counts").textContent = nodes.length + " actors, " + edges.length + " relations";
const network = new vis.Network(document.getElementById("graph"), {{nodes: nodes, edges: edges}}, {{
  physics: {{ stabilization: {{ iterations: 300, fit: true }}, barnesHut: {{ gravitationalConstant: -8000, springLength: 140 }} }},
  layout: {{ randomSeed: 7 }},
  interaction: {{ hover: true, tooltipDelay: 150 }},
  edges: {{ font: {{ size: 10, align: "middle" }}, smooth: {{ type: "dynamic" }} }}
}});
network.once("stabilizationIterationsDone", function () {{ network.setOptions({{ physics: false }}); window.kgStabilized = true; }});
window.kgNetwork = network; window.kgNodes = nodes; window.kgEdges = edges;
</script>
</body></html>
"""


def render_html(g: nx.MultiDiGraph, path: str | Path | None = None, *, title: str = "kg actor graph") -> str:
    """The HTML page of an actor graph; written to ``path`` when given."""
    nodes, edges = graph_payload(g)
    legend = "".join(
        f'<span><i class="sw" style="background:{s["color"]}"></i>{html_lib.escape(t)}</span>' for t, s in TYPE_STYLE.items()
    )
    page = _TEMPLATE.format(title=html_lib.escape(title), visjs=_vis_js(), nodes=_safe_json(nodes),
                            edges=_safe_json(edges), legend=legend)
    if path is not None:
        Path(path).write_text(page, encoding="utf-8")
    return page
