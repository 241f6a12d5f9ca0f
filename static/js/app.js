// Keep the desk usable from a scanner alone: after every htmx swap, put the
// cursor back in the scan field unless the swap focused something on purpose.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = document.querySelector("[data-autofocus]");
  if (target && !event.detail.elt.querySelector("[data-keep-focus]")) {
    target.focus();
    if (target.select) { target.select(); }
  }
});
