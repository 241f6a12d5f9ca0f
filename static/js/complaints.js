// Complaints: the print button on letters (no inline handlers under the CSP).
document.addEventListener("click", function (event) {
  var target = event.target.closest ? event.target.closest("[data-print]") : null;
  if (target) { window.print(); }
});
