// Desk screen keyboard shortcuts. Escape sends the patron away ("Next
// patron") unless the focus is in a field that has text in it, where
// Escape first clears the field.
(function () {
  "use strict";
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
