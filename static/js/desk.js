// Desk screen behaviour, kept out of the HTML for the Content Security
// Policy. The scan field stays in place across htmx swaps: after each scan
// it is emptied for the next one. Escape clears a field that has text,
// brings the focus back to the scan field from anywhere else, and from the
// empty scan field sends the patron away ("Next patron").
(function () {
  "use strict";

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.id === "scan-form") {
      var input = document.getElementById("scan-barcode");
      if (input) { input.value = ""; }
    }
  });

  // An override form arrives with a reason to type: focus it, not the scan.
  // Otherwise, when the swap took the focused button away (Renew, Paid,
  // Lost...), focus goes back to the scan field, so that the next scan is
  // typed there and not lost; a confirmation panel is reached with Tab.
  document.addEventListener("htmx:afterSettle", function () {
    var reason = document.getElementById("override-reason");
    if (reason) { reason.focus(); return; }
    var active = document.activeElement;
    if (!active || active === document.body) {
      var input = document.getElementById("scan-barcode");
      if (input) { input.focus(); }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) { return; }
    var active = document.activeElement;
    var scan = document.getElementById("scan-barcode");
    var typing = active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA");
    if (typing && active.value) {
      active.value = "";
      event.preventDefault();
      return;
    }
    // Away from the scan field, Escape first brings the focus back to it;
    // only from the (empty) scan field does it send the patron away.
    if (scan && active !== scan) {
      event.preventDefault();
      scan.focus();
      return;
    }
    var next = document.querySelector("[data-next-patron]");
    if (next) {
      event.preventDefault();
      next.click();
    }
  });

  // Alt+<letter> follows the desk link or button marked data-shortcut with
  // that letter (shown beside it, and in aria-keyshortcuts).
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    var match = /^Key([A-Z])$/.exec(event.code || "");
    if (!match) { return; }
    var target = document.querySelector('[data-shortcut="' + match[1].toLowerCase() + '"]');
    if (target) {
      event.preventDefault();
      target.click();
    }
  });
})();
