// The actor network: nodes are resolved actors (merged across articles), arrows point
// from actor to target, edge width grows with the number of events and each edge is
// labelled with its event types. Drawn with the vendored cytoscape. The layout is
// deterministic: nodes start on a circle in a fixed (server-given) order and the
// force layout runs with a fixed seed-free setup, so a reload draws the same graph.
// Clicking an edge or a node opens its events.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("network-data");
  var container = document.getElementById("actor-network");
  if (!node || !container || !window.cytoscape) { return; }
  var payload = JSON.parse(node.textContent);
  var graph = payload.network;

  function eventsHref(extra) {
    var params = new URLSearchParams(payload.query || "");
    Object.keys(extra).forEach(function (key) { params.set(key, extra[key]); });
    return "/events?" + params.toString();
  }

  var count = graph.nodes.length;
  var elements = graph.nodes.map(function (n, i) {
    var angle = (2 * Math.PI * i) / Math.max(1, count);
    return {
      data: { id: n.id, label: n.label, match: n.match, events: n.events },
      position: { x: 400 * Math.cos(angle), y: 400 * Math.sin(angle) }
    };
  }).concat(graph.edges.map(function (e, i) {
    var types = Object.keys(e.types).map(function (t) {
      return e.types[t] > 1 ? t + " ×" + e.types[t] : t;
    }).join(", ");
    return { data: { id: "e" + i, source: e.source_id, target: e.target_id, weight: e.weight,
                     label: types, from: e.source_match, to: e.target_match } };
  }));
  var cy = cytoscape({
    container: container,
    elements: elements,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000,
              idealEdgeLength: 110, nodeOverlap: 20, numIter: 1500, fit: true, padding: 30 },
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#ffffff",
        "text-background-opacity": 0.8, "text-background-padding": 1,
        "min-zoomed-font-size": 7,
        "background-color": "#1f5fa8", "color": "#1d232a",
        "width": "mapData(events, 1, 20, 10, 26)", "height": "mapData(events, 1, 20, 10, 26)" } },
      { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1.5, 8)",
        "curve-style": "bezier", "target-arrow-shape": "triangle",
        "line-color": "#8899aa", "target-arrow-color": "#8899aa",
        "label": "data(label)", "font-size": 9, "color": "#5b6570",
        "text-rotation": "autorotate", "min-zoomed-font-size": 8,
        "text-background-color": "#ffffff", "text-background-opacity": 0.7 } },
      { selector: "edge:active, edge.hover", style: { "line-color": "#c0392b",
        "target-arrow-color": "#c0392b" } }
    ]
  });
  cy.on("tap", "edge", function (event) {
    var d = event.target.data();
    window.location.assign(eventsHref({ from_actor: d.from, to_actor: d.to }));
  });
  cy.on("tap", "node", function (event) {
    window.location.assign(eventsHref({ actor: event.target.data("match") }));
  });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });
  window.newsgraphNetwork = cy;
});
