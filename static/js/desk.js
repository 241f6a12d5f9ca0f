// Desk screen behaviour, kept out of the HTML for the Content Security
// Policy. The scan field stays in place across htmx swaps: after each scan
// it is emptied for the next one. Escape clears a field that has text, and
// otherwise sends the patron away ("Next patron").
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
  document.addEventListener("htmx:afterSettle", function () {
    var reason = document.getElementById("override-reason");
    if (reason) { reason.focus(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) { return; }
    var active = document.activeElement;
    var typing = active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA");
    if (typing && active.value) {
      active.value = "";
      event.preventDefault();
      return;
    }
    var next = document.querySelector("[data-next-patron]");
    if (next) {
      event.preventDefault();
      next.click();
    }
  });
})();
