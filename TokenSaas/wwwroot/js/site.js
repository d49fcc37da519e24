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

  // Plain form posts: say what is happening and refuse a second submit, so nothing is sent twice.
  // The button is not disabled: the browser builds the form data after this event, and a
  // disabled submitter would drop its own name=value (a gateway choice, say).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.hasAttribute("hx-post")) {
      return;
    }
    if (form.dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    var button = event.submitter && event.submitter.hasAttribute("data-loading-text")
      ? event.submitter
      : form.querySelector("button[type=submit][data-loading-text]");
    if (button) {
      button.dataset.idleText = button.textContent;
      button.setAttribute("aria-busy", "true");
      button.textContent = button.getAttribute("data-loading-text");
    }
    setBusy(1);
  });

  // Coming back through the browser's history restores a page from cache with the button still busy.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("button[aria-busy=true]").forEach(function (b) {
        b.removeAttribute("aria-busy");
        b.textContent = b.dataset.idleText || b.textContent;
      });
      document.querySelectorAll("form[data-submitting=true]").forEach(function (f) { delete f.dataset.submitting; });
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

  // Razorpay's checkout opens in the page; its success handler goes to our verify endpoint,
  // which checks the signature on the server. Nothing here is trusted for the amount.
  function openRazorpay(status) {
    var order = JSON.parse(status.getAttribute("data-razorpay"));
    var paymentId = status.getAttribute("data-payment");
    function start() {
      var checkout = new window.Razorpay({
        key: order.key_id, amount: order.amount, currency: order.currency, order_id: order.order_id,
        name: status.getAttribute("data-name"), description: status.getAttribute("data-description"),
        handler: function (result) {
          status.textContent = "Confirming your payment…";
          fetch("/api/payments/verify", {
            method: "POST",
            headers: { "Content-Type": "application/json", "RequestVerificationToken": document.querySelector('meta[name="csrf-token"]').content },
            body: JSON.stringify(result)
          }).finally(function () { window.location.href = "/tokens/buy?payment=" + paymentId; });
        },
        modal: { ondismiss: function () { status.textContent = "The payment window was closed; nothing was charged."; } }
      });
      checkout.on("payment.failed", function (response) {
        status.textContent = "The payment failed: " + (response.error && response.error.description || "please try again") + ".";
      });
      checkout.open();
    }
    if (window.Razorpay) { start(); return; }
    var script = document.createElement("script");
    script.src = "https://checkout.razorpay.com/v1/checkout.js";
    script.onload = start;
    script.onerror = function () { status.textContent = "Razorpay could not be reached. Please try again in a moment."; };
    document.head.appendChild(script);
  }
  document.addEventListener("htmx:load", function (event) {
    event.detail.elt.querySelectorAll && event.detail.elt.querySelectorAll("[data-razorpay]").forEach(openRazorpay);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-razorpay]").forEach(openRazorpay);
  });

  // Charts: <canvas data-chart="{Chart.js config}"> drawn when it arrives (page or htmx swap).
  function drawCharts(root) {
    if (!window.Chart || !root.querySelectorAll) { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      canvas.dataset.drawn = "true";
      new window.Chart(canvas, JSON.parse(canvas.getAttribute("data-chart")));
    });
  }
  document.addEventListener("htmx:load", function (event) { drawCharts(event.detail.elt); });

  setInterval(tick, 60000);
})();

// A link to a question of the FAQ (/pricing#faq-12) opens its answer, not just scrolls to its closed summary.
(function () {
    function openTarget() {
        var target = location.hash && document.getElementById(location.hash.slice(1));
        if (target && target.tagName === "DETAILS") { target.open = true; }
    }
    document.addEventListener("DOMContentLoaded", openTarget);
    window.addEventListener("hashchange", openTarget);
})();
