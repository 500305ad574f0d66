// The actor network: nodes are actors, arrows point from actor to target, and edge
// width grows with the number of events. Drawn with the vendored cytoscape.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("network-data");
  var container = document.getElementById("actor-network");
  if (!node || !container || !window.cytoscape) { return; }
  var edges = JSON.parse(node.textContent);
  var names = {};
  edges.forEach(function (e) { names[e.source] = true; names[e.target] = true; });
  var elements = Object.keys(names).sort().map(function (name) {
    return { data: { id: "n:" + name, label: name } };
  }).concat(edges.map(function (e, i) {
    return { data: { id: "e" + i, source: "n:" + e.source, target: "n:" + e.target,
                     weight: e.weight } };
  }));
  window.newsgraphNetwork = cytoscape({
    container: container,
    elements: elements,
    layout: { name: "cose", animate: false, randomize: false },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11,
        "background-color": "#1f5fa8", "color": "#1d232a", "width": 14, "height": 14 } },
      { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1, 8)",
        "curve-style": "bezier", "target-arrow-shape": "triangle",
        "line-color": "#8899aa", "target-arrow-color": "#8899aa" } }
    ]
  });
});
