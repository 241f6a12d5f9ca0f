// Keyboard shortcuts of the desk's own work, documented on screen (the
// "Keyboard shortcuts" panel and each form's heading). Alt+Shift keeps them
// clear of typing and of the browser's own Alt shortcuts. Kept out of the
// HTML for the Content Security Policy.
(function () {
  "use strict";

  function focusField(id) {
    var el = document.getElementById(id);
    if (el) { el.focus(); if (el.select) { el.select(); } return true; }
    return false;
  }

  function click(selector) {
    var el = document.querySelector(selector);
    if (el) { el.click(); return true; }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented) { return; }
    // Ctrl+Enter in the inquiry form: record and keep the form.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = event.target && event.target.closest && event.target.closest("#inquiry-form");
      if (form) { event.preventDefault(); click("#inquiry-keep"); }
      return;
    }
    if (!(event.altKey && event.shiftKey) || event.ctrlKey || event.metaKey) { return; }
    var code = event.code || "";
    var done = false;
    if (code === "KeyI") { done = focusField("id_inq-channel"); }
    else if (code === "KeyC") { done = focusField("id_cb-name"); }
    else if (code === "KeyW") { done = focusField("id_wait-name"); }
    else if (code === "KeyN") { done = click("#waiting-next"); }
    else if (/^Digit[1-9]$/.test(code)) {
      done = click('[data-tally-key="' + code.slice(5) + '"]');
    }
    if (done) { event.preventDefault(); }
  });

  // A work form saved (the server sends no form back): reset it, or for
  // "record and keep" clear only its text and focus the keep button, so
  // that Enter records the next question of the same kind. Otherwise the
  // focus goes back to the scan field (or, on a work page, to the form).
  document.body.addEventListener("deskWorkSaved", function (event) {
    var detail = event.detail || {};
    var form = document.getElementById(detail.form);
    if (!form) { return; }
    if (detail.keep) {
      form.querySelectorAll("textarea").forEach(function (t) { t.value = ""; });
      var keepButton = document.getElementById("inquiry-keep");
      if (keepButton) { keepButton.focus(); }
      return;
    }
    form.reset();
    var scan = document.getElementById("scan-barcode");
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (scan) { scan.focus(); } else if (first) { first.focus(); }
  });

  // After a swap: a form sent back kept (no JavaScript round) focuses its
  // keep button; one sent back with errors, its first invalid field. The
  // live panel never takes the focus, but a button clicked in it (Done,
  // Left, Call next) is gone after the swap: back to the scan field then.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    if (!target || !target.querySelector) { return; }
    var keep = target.querySelector("[data-keep-focus]:not([hidden])");
    if (keep) { keep.focus(); return; }
    if (target.id === "work-live") {
      var active = document.activeElement;
      if (!active || active === document.body) {
        var scan = document.getElementById("scan-barcode");
        if (scan) { scan.focus(); }
      }
      return;
    }
    var bad = target.querySelector(
      ".field-error input, .field-error select, .field-error textarea"
    );
    if (bad) { bad.focus(); }
  });
})();
