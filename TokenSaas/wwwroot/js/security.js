// Behaviour that used to be inline (the Content-Security-Policy allows no inline script or style
// attribute): confirm before a form posts, select a read-only field on click, bar widths, and
// forms that submit themselves (the PayU hand-off page).
(function () {
  "use strict";

  // Capture phase: runs before site.js marks the form busy, so a "Cancel" leaves it untouched.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var field = event.target.closest && event.target.closest("[data-select-on-click]");
    if (field && field.select) {
      field.select();
    }
  });

  // <span data-width="40"> is a bar 40% wide; set through the DOM, which the policy allows.
  function setWidth(bar) {
    bar.style.width = Math.max(0, Math.min(100, Number(bar.getAttribute("data-width")) || 0)) + "%";
  }
  function widths(root) {
    if (!root.querySelectorAll) { return; }
    if (root.hasAttribute && root.hasAttribute("data-width")) { setWidth(root); }
    root.querySelectorAll("[data-width]").forEach(setWidth);
  }

  function ready() {
    widths(document);
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) { form.submit(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  document.addEventListener("htmx:load", function (event) { widths(event.detail.elt); });
})();
