/* kg actor graph: controls around vis-network. Text from articles is only ever set with
   textContent, input values or vis-network's plain-text titles, never parsed as HTML. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta;
  var nf = new Intl.NumberFormat("en");

  function el(tag, props, text) {
    var e = document.createElement(tag);
    if (props) Object.keys(props).forEach(function (k) { e[k] = props[k]; });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function plural(n, one, many) { return nf.format(n) + " " + (n === 1 ? one : many); }

  var events = data.events || [];
  var eventEdges = data.event_edges || [];
  var nodes = new vis.DataSet(data.nodes.concat(events));
  var edges = new vis.DataSet(data.edges.concat(eventEdges));
  var typeOf = {};
  data.nodes.forEach(function (n) { typeOf[n.id] = n.kgtype; });
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();
  /* the date range (ISO strings compare as dates) and the event toggle */
  var when = { from: "", to: "", events: false };
  function dated() { return when.from !== "" || when.to !== ""; }
  function inRange(dates) {
    if (!dated()) return true;
    return (dates || []).some(function (d) { return (!when.from || d >= when.from) && (!when.to || d <= when.to); });
  }
  function edgeShown(e) {
    if (hiddenTypes.has(typeOf[e.to]) || !inRange(e.dates)) return false;
    if (e.event) return when.events;
    return !hiddenRelations.has(e.predicate) && !hiddenTypes.has(typeOf[e.from]);
  }
  var active = new Set();  /* with a date range: the actors with a relation or event in it */
  function recompute() {
    active = new Set();
    if (!dated()) return;
    edges.get().forEach(function (e) { if (edgeShown(e)) { active.add(e.from); active.add(e.to); } });
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) {
    if (n.event) return when.events && inRange(n.dates);
    return !hiddenTypes.has(n.kgtype) && (!dated() || active.has(n.id));
  } });
  var edgeView = new vis.DataView(edges, { filter: edgeShown });

  var kg = window.kg = {
    data: data, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    network: null, stabilized: false, when: when
  };
  function refresh() {
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
  }

  /* ---- legend and filters ------------------------------------------------------------- */
  function shapeSwatch(shape, color) {
    var s = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "class": "kg-swatch", "aria-hidden": "true" });
    var attrs = { fill: color, stroke: "#333", "stroke-width": 0.8 };
    var e;
    if (shape === "square") e = svg("rect", Object.assign({ x: 3, y: 3, width: 10, height: 10 }, attrs));
    else if (shape === "diamond") e = svg("polygon", Object.assign({ points: "8,1.5 14.5,8 8,14.5 1.5,8" }, attrs));
    else if (shape === "triangle") e = svg("polygon", Object.assign({ points: "8,2 14.5,13.5 1.5,13.5" }, attrs));
    else if (shape === "star") e = svg("polygon", Object.assign({ points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" }, attrs));
    else e = svg("circle", Object.assign({ cx: 8, cy: 8, r: 6 }, attrs));
    s.appendChild(e);
    return s;
  }
  function lineSwatch(style) {
    var s = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "class": "kg-swatch", "aria-hidden": "true" });
    var line = svg("line", { x1: 1, y1: 6, x2: style.arrows ? 26 : 33, y2: 6, stroke: style.color, "stroke-width": style.width || 2 });
    if (style.dashes && style.dashes.length) line.setAttribute("stroke-dasharray", style.dashes.join(" "));
    s.appendChild(line);
    if (style.arrows) s.appendChild(svg("polygon", { points: "26,2 33,6 26,10", fill: style.color }));
    return s;
  }
  function checkbox(box, key, name, swatch, count, hidden, id) {
    var input = el("input", { type: "checkbox", checked: true, value: key, id: id });
    input.addEventListener("change", function () {
      if (input.checked) hidden.delete(key); else hidden.add(key);
      refresh();
    });
    var label = el("label", { htmlFor: id });
    label.appendChild(input);
    label.appendChild(swatch);
    label.appendChild(el("span", null, name));
    label.appendChild(el("span", { className: "kg-count" }, nf.format(count)));
    box.appendChild(label);
  }
  var typeBox = document.getElementById("kg-types");
  data.types.forEach(function (t) {
    checkbox(typeBox, t.name, t.name, shapeSwatch(t.shape, meta.communities ? "#d0d0d0" : t.color), t.count,
             hiddenTypes, "kg-type-" + t.name);
  });
  var relBox = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    checkbox(relBox, r.name, r.name, lineSwatch(r), r.count, hiddenRelations, "kg-rel-" + r.name);
  });
  if (data.communities) {
    var comBox = document.getElementById("kg-communities");
    comBox.hidden = false;
    comBox.appendChild(el("p", { className: "kg-note" }, "Colour shows the community (Louvain); shape shows the type."));
    data.communities.forEach(function (c) {
      var row = el("div", { className: "kg-community" });
      var dot = el("i");
      dot.style.background = c.color;
      row.appendChild(dot);
      row.appendChild(el("span", null, "#" + (c.id + 1) + " (" + nf.format(c.size) + "): " + c.members.join(", ") +
                                        (c.size > c.members.length ? ", \u2026" : "")));
      comBox.appendChild(row);
    });
    if (meta.alone > 0) {
      var alone = el("div", { className: "kg-community" });
      var grey = el("i");
      grey.style.background = "#c8c8c8";
      alone.appendChild(grey);
      alone.appendChild(el("span", null, plural(meta.alone, "actor", "actors") + " in no community"));
      comBox.appendChild(alone);
    }
  }

  /* ---- counts and notes ---------------------------------------------------------------- */
  function showCounts() {
    var shownActors = nodeView.get({ filter: function (n) { return !n.event; } }).length;
    var shownRels = edgeView.get({ filter: function (e) { return !e.event; } }).length;
    var shownEvents = nodeView.length - shownActors;
    var allActors = data.nodes.length, allRels = data.edges.length;
    document.getElementById("kg-counts").textContent =
      plural(shownActors, "actor", "actors") + " and " + plural(shownRels, "relation", "relations") + " shown" +
      (shownActors < allActors || shownRels < allRels
        ? " (filters hide " + plural(allActors - shownActors, "actor", "actors") + ", " +
          plural(allRels - shownRels, "relation", "relations") + ")"
        : "") +
      (events.length ? "; " + plural(shownEvents, "meeting or call", "meetings and calls") + " of " + nf.format(events.length) + " drawn" : "");
  }
  var notes = [];
  if (meta.focus) notes.push("Neighbourhood of " + meta.focus + " within " + plural(meta.hops, "hop", "hops") + ".");
  if (meta.left_out > 0) {
    notes.push("Showing the " + plural(meta.shown_nodes, "best-connected actor", "best-connected actors") +
               "; " + plural(meta.left_out, "actor was", "actors were") + " left out (max-nodes " + nf.format(meta.max_nodes) + ").");
  }
  if (meta.isolated > 0) {
    notes.push(plural(meta.isolated, "actor with no relation to another actor is", "actors with no relation to another actor are") +
               " not drawn.");
  }
  if (meta.left_out > 0 || meta.isolated > 0) {
    notes.push("To see them: kg viz FILE --max-nodes N (more actors), --focus NAME --hops 2 (one actor's neighbourhood)" +
               (meta.core ? ", or --all (every actor)." : "."));
  }
  if (meta.focus || meta.left_out > 0 || meta.isolated > 0) {
    notes.push("Whole graph: " + plural(meta.total_nodes, "actor", "actors") + ", " + plural(meta.total_edges, "relation", "relations") + ".");
  }
  document.getElementById("kg-view").textContent = notes.join("\n");
  showCounts();

  /* ---- dates and events ------------------------------------------------------------------ */
  var fromBox = document.getElementById("kg-from"), toBox = document.getElementById("kg-to");
  var whenNote = document.getElementById("kg-when-note");
  if (meta.date_min) {
    [fromBox, toBox].forEach(function (b) { b.min = meta.date_min; b.max = meta.date_max; });
    whenNote.textContent = "Articles and events from " + meta.date_min + " to " + meta.date_max +
      ". With a range set, undated relations and actors without a relation in it are hidden.";
  } else {
    whenNote.textContent = "No dated article or event in this graph (build with --published to date articles).";
  }
  function setDates() { when.from = fromBox.value || ""; when.to = toBox.value || ""; refresh(); }
  fromBox.addEventListener("change", setDates);
  toBox.addEventListener("change", setDates);
  document.getElementById("kg-dates-clear").addEventListener("click", function () {
    fromBox.value = ""; toBox.value = ""; setDates();
  });
  var eventBox = document.getElementById("kg-show-events");
  if (!events.length) { eventBox.disabled = true; eventBox.parentNode.appendChild(el("span", { className: "kg-count" }, "0")); }
  else eventBox.parentNode.appendChild(el("span", { className: "kg-count" }, nf.format(events.length)));
  eventBox.addEventListener("change", function () { when.events = eventBox.checked; refresh(); });
  kg.setDates = function (from, to) { fromBox.value = from || ""; toBox.value = to || ""; setDates(); };
  kg.showEvents = function (on) { eventBox.checked = !!on; when.events = !!on; refresh(); };

  /* ---- details panel ------------------------------------------------------------------- */
  var detailsTitle = document.getElementById("kg-details-title");
  var detailsText = document.getElementById("kg-details-text");
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    if (n.event) { detailsTitle.textContent = n.event === "Meeting" ? "Meeting" : "Phone call"; detailsText.textContent = n.detail || n.title; return; }
    var lines = [n.title, ""];
    edges.get({ filter: function (e) { return (e.from === id || e.to === id) && !e.event; } }).forEach(function (e) {
      lines.push(e.from === id ? e.predicate + " \u2192 " + nodes.get(e.to).label
                               : e.predicate + " \u2190 " + nodes.get(e.from).label);
      (e.detail || e.title).split("\n").slice(1).forEach(function (l) { lines.push("   " + l); });
    });
    detailsTitle.textContent = n.label;
    detailsText.textContent = lines.join("\n").trim();
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    detailsTitle.textContent = e.predicate;
    detailsText.textContent = e.detail || e.title;
  }

  /* ---- search --------------------------------------------------------------------------- */
  var names = document.getElementById("kg-names");
  var byName = new Map();
  var seen = new Set();
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases || []).forEach(function (name, i) {
      var key = name.trim().toLowerCase();
      if (i === 0 || !byName.has(key)) byName.set(key, n.id);
      if (!seen.has(name)) {
        seen.add(name);
        names.appendChild(el("option", { value: name, label: i === 0 ? n.kgtype : n.label }));
      }
    });
  });
  var msg = document.getElementById("kg-search-msg");
  function selectActor(name) {
    var id = byName.get(String(name).trim().toLowerCase());
    if (id === undefined) { msg.textContent = "No actor named \u201c" + name + "\u201d in this graph."; return false; }
    var n = nodes.get(id);
    if (hiddenTypes.has(n.kgtype)) {
      msg.textContent = n.label + " is hidden by the " + n.kgtype + " filter.";
      return false;
    }
    msg.textContent = "";
    kg.network.selectNodes([id]);
    kg.network.focus(id, { scale: Math.max(kg.network.getScale(), 1.0), animation: false });
    showNode(id);
    return true;
  }
  kg.selectActor = selectActor;
  var search = document.getElementById("kg-search");
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); selectActor(search.value); } });
  search.addEventListener("change", function () { if (search.value) selectActor(search.value); });

  /* ---- the network ---------------------------------------------------------------------- */
  var status = document.getElementById("kg-status");
  var options = {
    autoResize: true,
    layout: { randomSeed: meta.seed, improvedLayout: false },
    nodes: { font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff" }, borderWidth: 1 },
    edges: {
      width: 1.5, smooth: false, selectionWidth: 2,
      font: { size: 10, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" },
      arrows: { to: { scaleFactor: 0.6 } }
    },
    interaction: {
      hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false,
      hideEdgesOnDrag: !meta.physics, hideEdgesOnZoom: !meta.physics
    },
    physics: meta.physics ? {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -3000, springLength: 130, springConstant: 0.04, damping: 0.35, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: meta.iterations, updateInterval: 50, fit: true },
      minVelocity: 0.75
    } : { enabled: false }
  };
  var network = new vis.Network(document.getElementById("kg-graph"), { nodes: nodeView, edges: edgeView }, options);
  kg.network = network;

  function keepPositions(ids) {
    /* write positions back, so actors hidden by a filter come back where they were */
    var pos = network.getPositions(ids);
    nodes.update(Object.keys(pos).map(function (id) { return { id: Number(id), x: pos[id].x, y: pos[id].y }; }));
  }
  function settled(how) {
    if (kg.stabilized) return;
    network.setOptions({ physics: { enabled: false } });
    if (meta.physics) keepPositions();
    kg.stabilized = true;
    status.textContent = "Layout fixed (" + how + "); drag actors to move them.";
  }
  if (meta.physics) {
    status.textContent = "Arranging the graph\u2026";
    network.once("stabilizationIterationsDone", function () { settled("physics stopped after stabilising"); });
    network.once("stabilized", function () { settled("physics stopped after stabilising"); });
    setTimeout(function () { settled("physics stopped after 20 s"); }, 20000);  /* never spin forever */
  } else {
    network.once("afterDrawing", function () { settled("computed in Python, physics off"); });
    network.fit({ animation: false });
  }

  network.on("dragEnd", function (p) { if (p.nodes.length) keepPositions(p.nodes); });
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
})();
