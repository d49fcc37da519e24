// Site-wide behaviour: antiforgery for htmx, the loading bar, and busy states on form submit.
(function () {
  "use strict";

  // Every htmx request carries the antiforgery token as a header (forms keep their hidden field).
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["RequestVerificationToken"] = meta.content;
    }
  });

  var pending = 0;
  function setBusy(delta) {
    pending = Math.max(0, pending + delta);
    var bar = document.getElementById("loading-bar");
    if (bar) {
      bar.classList.toggle("active", pending > 0);
      bar.setAttribute("aria-hidden", pending > 0 ? "false" : "true");
    }
  }
  document.addEventListener("htmx:beforeRequest", function () { setBusy(1); });
  document.addEventListener("htmx:afterRequest", function () { setBusy(-1); });

  // Plain form posts: disable the button and say what is happening, so nothing is sent twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.hasAttribute("hx-post")) {
      return;
    }
    var button = form.querySelector("button[type=submit][data-loading-text]");
    if (button) {
      button.dataset.idleText = button.textContent;
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      button.textContent = button.getAttribute("data-loading-text");
    }
    setBusy(1);
  });

  // Coming back through the browser's history restores a page from cache with the button still busy.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("button[aria-busy=true]").forEach(function (b) {
        b.disabled = false;
        b.removeAttribute("aria-busy");
        b.textContent = b.dataset.idleText || b.textContent;
      });
      setBusy(-pending);
    }
  });
  // Countdowns (<time class="countdown" data-deadline="ISO">) tick once a minute; the server renders the first value.
  function tick() {
    document.querySelectorAll("time.countdown[data-deadline]").forEach(function (el) {
      var left = Math.max(0, new Date(el.getAttribute("data-deadline")) - Date.now());
      var minutes = Math.floor(left / 60000);
      el.textContent = left <= 0 ? "a moment" : minutes >= 60
        ? Math.floor(minutes / 60) + " h " + (minutes % 60) + " min"
        : Math.max(1, minutes) + " min";
    });
  }
  document.addEventListener("DOMContentLoaded", tick);

  // Escape closes an htmx modal (its container empties).
  document.addEventListener("keydown", function (event) {
    var modal = document.getElementById("modal");
    if (event.key === "Escape" && modal && modal.firstElementChild) {
      modal.innerHTML = "";
    }
  });
  setInterval(tick, 60000);
})();
