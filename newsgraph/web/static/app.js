// Clicking an entity in the side panel scrolls to its evidence span and marks it.
// Keyboard users get the same through the links (Enter) and focusable marks.
"use strict";
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.evidence-link") : null;
  if (!link) { return; }
  var mark = document.getElementById(link.getAttribute("data-target"));
  if (!mark) { return; }
  event.preventDefault();
  document.querySelectorAll("mark.ent.active").forEach(function (m) { m.classList.remove("active"); });
  mark.classList.add("active");
  mark.setAttribute("tabindex", "-1");
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
  history.replaceState(null, "", "#" + mark.id);
});
