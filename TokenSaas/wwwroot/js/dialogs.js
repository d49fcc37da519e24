// Keyboard use of the dialogs htmx swaps in (the buy modal in #modal, the studio's confirm gate in #gate):
// focus moves in when one opens, Tab stays inside while it is open, Escape or Cancel closes it, and
// focus goes back to the control that opened it. (Cancel links carry data-close-modal; without
// JavaScript they are plain links back to the page.)
(function () {
  "use strict";

  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  // Every dialog a page shows: the confirm modals, Razorpay's hand-over and the studio gate.
  var DIALOG = "[data-dialog], dialog.modal, .modal[role=dialog]";
  var open = null;      // the dialog element showing now
  var opener = null;    // what had focus when it was asked for
  var requester = null; // focus at the start of the latest htmx request

  function findDialog(root) {
    if (!root || !root.querySelector) { return null; }
    return root.querySelector(DIALOG);
  }

  function focusables(dialog) {
    return Array.prototype.filter.call(dialog.querySelectorAll(FOCUSABLE), function (el) {
      return el.offsetWidth > 0 || el.offsetHeight > 0 || el === document.activeElement;
    });
  }

  function host(dialog) {
    return dialog.closest("#modal, #gate") || dialog.parentElement;
  }

  function show(dialog) {
    var reopened = open !== null && !document.body.contains(open) && host(dialog) && host(dialog).contains(dialog);
    if (!reopened) {
      opener = requester && !requester.closest(DIALOG) ? requester : opener;
    }
    open = dialog;
    dialog.scrollIntoView({ block: "nearest" });
    // A dialog re-rendered in place (a discount code applied) keeps focus on the same control.
    var same = reopened && requester && requester.id ? document.getElementById(requester.id) : null;
    if (same && dialog.contains(same)) { same.focus({ preventScroll: true }); return; }
    // The heading, not a button: Enter right after opening must not confirm anything.
    var target = dialog.querySelector("h1, h2, h3") || dialog;
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus({ preventScroll: true });
  }

  function close() {
    if (open) {
      var place = host(open);
      if (place) { place.innerHTML = ""; }
    }
    settleClosed(true);
  }

  // Called whenever the dialog may have gone: closed here, emptied by a swap, or replaced by an answer
  // (a run's outcome), which stays in view rather than scrolling back to the opener.
  function settleClosed(scroll) {
    if (open && !document.body.contains(open)) {
      open = null;
      var back = opener;
      opener = null;
      if (back && document.body.contains(back)) { back.focus({ preventScroll: !scroll }); }
    }
  }

  document.addEventListener("htmx:beforeRequest", function () {
    requester = document.activeElement;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var dialog = findDialog(event.detail.target) || findDialog(document.getElementById("modal"));
    if (dialog && dialog !== open) {
      show(dialog);
    } else {
      settleClosed(false);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Rendered without htmx (no JS flow or a full page answer): the dialog still takes focus.
    var dialog = findDialog(document.getElementById("modal")) || findDialog(document.getElementById("gate"));
    if (dialog) { show(dialog); }
  });

  document.addEventListener("keydown", function (event) {
    if (!open || !document.body.contains(open)) { return; }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "Tab") { return; }
    var items = focusables(open);
    if (items.length === 0) { event.preventDefault(); return; }
    var first = items[0];
    var last = items[items.length - 1];
    var inside = open.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest && event.target.closest("[data-close-dialog], [data-close-modal]");
    if (cancel && open && open.contains(cancel)) {
      event.preventDefault();
      close();
    }
  });
})();
