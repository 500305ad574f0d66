// Side-panel links light up their evidence: every text segment whose data-keys names one
// of the link's target keys gets the "active" class, and the first one is scrolled to and
// focused. Links are ordinary anchors (#key), so keyboard and no-script use still works.
"use strict";
(function () {
  function segmentsFor(keys) {
    var wanted = keys.split(/\s+/).filter(Boolean);
    return Array.prototype.filter.call(
      document.querySelectorAll("#article-text .seg"),
      function (seg) {
        var own = (seg.getAttribute("data-keys") || "").split(" ");
        return wanted.some(function (k) { return own.indexOf(k) !== -1; });
      }
    );
  }
  function activate(found) {
    document.querySelectorAll("#article-text .active").forEach(function (s) {
      s.classList.remove("active");
    });
    found.forEach(function (s) { s.classList.add("active"); });
    var first = found[0];
    first.setAttribute("tabindex", "-1");
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  }
  // Arriving with #V3 (from the events table) lights up that event's trigger and sentence.
  document.addEventListener("DOMContentLoaded", function () {
    var key = decodeURIComponent(location.hash.slice(1));
    if (!key) { return; }
    var found = segmentsFor(key + " " + key + "-sentence");
    if (found.length) { activate(found); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.evidence-link") : null;
    if (!link) { return; }
    var found = segmentsFor(link.getAttribute("data-target") || "");
    if (!found.length) { return; }
    event.preventDefault();
    activate(found);
  });
})();
