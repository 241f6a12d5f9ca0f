// Django admin, WCAG 1.3.1/4.1.2: the inputs of tabular inlines have no
// label, only a column header. Name each one after its column (and rows
// added later with "Add another" too).
(function () {
  function nameInlineControls() {
    document.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = [];
      table.querySelectorAll("thead th").forEach(function (th) {
        headers.push(th.textContent.trim());
      });
      table.querySelectorAll("tbody tr").forEach(function (row, rowIndex) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          var name = headers[index];
          if (!name) { return; }
          cell.querySelectorAll("input, select, textarea").forEach(function (control) {
            if (control.type === "hidden") { return; }
            if (control.labels && control.labels.length) { return; }
            if (!control.getAttribute("aria-label")) {
              control.setAttribute("aria-label", name + " (row " + (rowIndex + 1) + ")");
            }
          });
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", nameInlineControls);
  document.addEventListener("formset:added", nameInlineControls);
})();
