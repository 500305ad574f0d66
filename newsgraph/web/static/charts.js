// Timeline bars and the event map, drawn with the vendored d3 from data the server
// embedded in the page (JSON blocks, never executed). Tables beside them carry the
// same numbers for screen readers and for use without scripts. Every bar and circle
// links to the events it counts: the page's own filter plus the bar's period and type,
// or the circle's place.
"use strict";
(function () {
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // The events page for the current filter with some parameters set.
  function eventsHref(query, extra) {
    var params = new URLSearchParams(query || "");
    Object.keys(extra).forEach(function (key) { params.set(key, extra[key]); });
    return "/events?" + params.toString();
  }

  var NEXT = {
    day: function (d) { return d3.utcDay.offset(d, 1); },
    week: function (d) { return d3.utcDay.offset(d, 7); },
    month: function (d) { return d3.utcMonth.offset(d, 1); },
    year: function (d) { return d3.utcYear.offset(d, 1); }
  };
  var day = window.d3 ? window.d3.utcFormat("%Y-%m-%d") : null;

  function timeline() {
    var payload = data("timeline-data");
    var svg = document.getElementById("timeline-chart");
    if (!payload || !svg || !window.d3) { return; }
    var series = payload.series, next = NEXT[payload.by] || NEXT.month;
    var width = 960, height = 320, margin = { top: 10, right: 16, bottom: 40, left: 44 };
    var chart = d3.select(svg).attr("viewBox", "0 0 " + width + " " + height);
    var byPeriod = {}, types = [];
    series.forEach(function (p) {
      var row = byPeriod[p.period] || (byPeriod[p.period] = { period: p.period });
      row[p.type] = p.count;
      if (types.indexOf(p.type) === -1) { types.push(p.type); }
    });
    types.sort();
    var rows = Object.keys(byPeriod).sort().map(function (k) {
      var row = byPeriod[k];
      row.start = new Date(k + "T00:00:00Z");
      row.end = next(row.start);
      types.forEach(function (t) { row[t] = row[t] || 0; });
      return row;
    });
    if (!rows.length) { return; }
    var x = d3.scaleUtc()
      .domain([rows[0].start, rows[rows.length - 1].end])
      .range([margin.left, width - margin.right]);
    var stacked = d3.stack().keys(types)(rows);
    var top = d3.max(stacked.length ? stacked[stacked.length - 1] : [], function (d) { return d[1]; });
    var y = d3.scaleLinear().domain([0, top || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    var colour = d3.scaleOrdinal(d3.schemeTableau10).domain(types);
    chart.append("g").attr("class", "axis x-axis")
      .attr("transform", "translate(0," + (height - margin.bottom) + ")")
      .call(d3.axisBottom(x).ticks(Math.min(10, width / 90)));
    chart.append("g").attr("class", "axis").attr("transform", "translate(" + margin.left + ",0)")
      // Counts are whole numbers: no tick between two of them.
      .call(d3.axisLeft(y).ticks(Math.min(5, top || 1)).tickFormat(d3.format("d")));
    var layers = chart.append("g").attr("class", "bars").selectAll("g").data(stacked).join("g")
      .attr("data-type", function (s) { return s.key; })
      .attr("fill", function (s) { return colour(s.key); });
    layers.selectAll("a").data(function (s) {
      return s.filter(function (d) { return d[1] > d[0]; })
        .map(function (d) { return { d: d, type: s.key }; });
    }).join("a")
      .attr("class", "bar-link")
      .attr("href", function (b) {
        var last = d3.utcDay.offset(b.d.data.end, -1);
        return eventsHref(payload.query, {
          since: day(b.d.data.start), until: day(last), type: b.type
        });
      })
      .append("rect")
      .attr("x", function (b) { return x(b.d.data.start) + 0.5; })
      .attr("width", function (b) {
        return Math.max(1, x(b.d.data.end) - x(b.d.data.start) - 1);
      })
      .attr("y", function (b) { return y(b.d[1]); })
      .attr("height", function (b) { return y(b.d[0]) - y(b.d[1]); })
      .attr("data-period", function (b) { return b.d.data.period; })
      .append("title").text(function (b) {
        return b.d.data.period + " · " + b.type + ": " + (b.d[1] - b.d[0]) + " event(s)";
      });
    var legend = document.getElementById("timeline-legend");
    if (legend) {
      types.forEach(function (t) {
        var item = document.createElement("span");
        item.className = "legend-item";
        var swatch = document.createElementNS("http://www.w3.org/2000/svg", "svg");
        swatch.setAttribute("width", "12");
        swatch.setAttribute("height", "12");
        var box = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        box.setAttribute("width", "12");
        box.setAttribute("height", "12");
        box.setAttribute("fill", colour(t));
        swatch.appendChild(box);
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(" " + t));
        legend.appendChild(item);
      });
    }
  }

  // Country- and region-level places are only "somewhere in it": drawn as hollow dashed
  // rings, provinces as lighter discs, cities as solid discs.
  function precisionClass(p) {
    if (p.precision === "city") { return "place-city"; }
    if (p.precision === "admin1") { return "place-admin1"; }
    return "place-country";
  }

  function map() {
    var payload = data("map-data");
    var svg = document.getElementById("event-map");
    if (!payload || !svg || !window.d3 || !window.topojson) { return; }
    var places = payload.places;
    var width = 960, height = 500;
    var chart = d3.select(svg).attr("viewBox", "0 0 " + width + " " + height);
    var projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    var path = d3.geoPath(projection);
    var world = chart.append("g").attr("class", "world");
    world.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    var land = world.append("g").attr("class", "countries");
    fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); })
      .then(function (atlas) {
        var countries = topojson.feature(atlas, atlas.objects.countries);
        land.selectAll("path").data(countries.features).join("path").attr("d", path);
      });
    var most = d3.max(places, function (d) { return d.events; }) || 1;
    var radius = d3.scaleSqrt().domain([0, most]).range([0, 18]);
    // Cities drawn last, so a country ring never hides the city inside it.
    var order = { "place-country": 0, "place-admin1": 1, "place-city": 2 };
    var sorted = places.slice().sort(function (a, b) {
      return order[precisionClass(a)] - order[precisionClass(b)] || b.events - a.events;
    });
    var dots = world.append("g").attr("class", "places").selectAll("a").data(sorted).join("a")
      .attr("class", "place-link")
      .attr("href", function (d) { return eventsHref(payload.query, { place: d.name }); })
      .attr("data-place", function (d) { return d.name; });
    dots.append("circle")
      .attr("class", precisionClass)
      .attr("cx", function (d) { return projection([d.lon, d.lat])[0]; })
      .attr("cy", function (d) { return projection([d.lon, d.lat])[1]; })
      .attr("r", function (d) { return Math.max(3, radius(d.events)); })
      .append("title").text(function (d) {
        var written = (d.texts || []).map(function (t) { return "“" + t + "”"; }).join(", ");
        return d.name + (d.country ? " (" + d.country + ")" : "") + " · precision: " +
          (d.precision || "unknown") + (written ? " · written as " + written : "") +
          " · " + d.events + " event(s)";
      });

    // Zoom and pan; circles and strokes keep their size on screen.
    var zoom = d3.zoom().scaleExtent([1, 64]).on("zoom", function (event) {
      world.attr("transform", event.transform);
      world.selectAll(".places circle").attr("transform", null)
        .attr("r", function (d) { return Math.max(3, radius(d.events)) / event.transform.k; })
        .style("stroke-width", 1 / event.transform.k + "px");
      land.style("stroke-width", 0.5 / event.transform.k + "px");
    });
    chart.call(zoom);
    function fit() {
      if (!places.length) { return; }
      var xs = places.map(function (d) { return projection([d.lon, d.lat]); });
      var x0 = d3.min(xs, function (p) { return p[0]; }), x1 = d3.max(xs, function (p) { return p[0]; });
      var y0 = d3.min(xs, function (p) { return p[1]; }), y1 = d3.max(xs, function (p) { return p[1]; });
      var pad = 40;
      var k = Math.min(64, 0.9 / Math.max((x1 - x0 + pad) / width, (y1 - y0 + pad) / height));
      k = Math.max(1, Math.min(k, 16));
      var t = d3.zoomIdentity.translate(width / 2, height / 2).scale(k)
        .translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
      chart.call(zoom.transform, t);
    }
    var fitButton = document.getElementById("map-fit");
    var worldButton = document.getElementById("map-world");
    if (fitButton) { fitButton.addEventListener("click", fit); }
    if (worldButton) {
      worldButton.addEventListener("click", function () {
        chart.call(zoom.transform, d3.zoomIdentity);
      });
    }
    fit();
    window.newsgraphMap = { fit: fit, zoom: zoom };
  }

  document.addEventListener("DOMContentLoaded", function () { timeline(); map(); });
})();
