// Timeline bars and the event map, drawn with the vendored d3 from data the server
// embedded in the page (JSON blocks, never executed). Tables beside them carry the
// same numbers for screen readers and for use without scripts.
"use strict";
(function () {
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function timeline() {
    var series = data("timeline-data");
    var svg = document.getElementById("timeline-chart");
    if (!series || !svg || !window.d3) { return; }
    var width = 960, height = 280, margin = { top: 10, right: 10, bottom: 40, left: 40 };
    var chart = d3.select(svg).attr("viewBox", "0 0 " + width + " " + height);
    var x = d3.scaleBand().domain(series.map(function (d) { return d.period; }))
      .range([margin.left, width - margin.right]).padding(0.15);
    var y = d3.scaleLinear().domain([0, d3.max(series, function (d) { return d.count; }) || 1])
      .nice().range([height - margin.bottom, margin.top]);
    chart.append("g").attr("transform", "translate(0," + (height - margin.bottom) + ")")
      .call(d3.axisBottom(x).tickValues(x.domain().filter(function (d, i) {
        return i % Math.ceil(series.length / 12 || 1) === 0;
      })));
    chart.append("g").attr("transform", "translate(" + margin.left + ",0)")
      .call(d3.axisLeft(y).ticks(5));
    chart.append("g").attr("class", "bars").selectAll("rect").data(series).join("rect")
      .attr("x", function (d) { return x(d.period); })
      .attr("y", function (d) { return y(d.count); })
      .attr("width", x.bandwidth())
      .attr("height", function (d) { return y(0) - y(d.count); })
      .append("title").text(function (d) { return d.period + ": " + d.count; });
  }

  function map() {
    var places = data("map-data");
    var svg = document.getElementById("event-map");
    if (!places || !svg || !window.d3 || !window.topojson) { return; }
    var width = 960, height = 500;
    var chart = d3.select(svg).attr("viewBox", "0 0 " + width + " " + height);
    var projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    var path = d3.geoPath(projection);
    chart.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); })
      .then(function (world) {
        var countries = topojson.feature(world, world.objects.countries);
        chart.insert("g", ".places").attr("class", "countries").selectAll("path")
          .data(countries.features).join("path").attr("d", path);
      });
    var most = d3.max(places, function (d) { return d.events; }) || 1;
    var radius = d3.scaleSqrt().domain([0, most]).range([0, 18]);
    chart.append("g").attr("class", "places").selectAll("circle").data(places).join("circle")
      .attr("cx", function (d) { return projection([d.lon, d.lat])[0]; })
      .attr("cy", function (d) { return projection([d.lon, d.lat])[1]; })
      .attr("r", function (d) { return Math.max(3, radius(d.events)); })
      .append("title").text(function (d) { return d.name + ": " + d.events + " event(s)"; });
  }

  document.addEventListener("DOMContentLoaded", function () { timeline(); map(); });
})();
