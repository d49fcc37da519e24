// Small accessibility helpers that work on every page and on what htmx swaps in.
(function () {
  "use strict";

  // A table too wide for the window scrolls sideways; keyboard users can only scroll it if it
  // takes focus, so the wide ones become named, focusable regions (the narrow ones stay out of the Tab order).
  function focusableScrollers(root) {
    if (!root || !root.querySelectorAll) { return; }
    var scrollers = root.matches && root.matches(".table-scroll") ? [root] : [];
    root.querySelectorAll(".table-scroll").forEach(function (el) { scrollers.push(el); });
    scrollers.forEach(function (el) {
      if (el.scrollWidth <= el.clientWidth + 1 || el.hasAttribute("tabindex")) { return; }
      el.setAttribute("tabindex", "0");
      if (!el.hasAttribute("role")) {
        el.setAttribute("role", "region");
        var caption = el.querySelector("caption");
        el.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table, scrolls sideways");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { focusableScrollers(document); });
  document.addEventListener("htmx:load", function (event) { focusableScrollers(event.detail.elt); });
  window.addEventListener("resize", function () { focusableScrollers(document); });

})();
