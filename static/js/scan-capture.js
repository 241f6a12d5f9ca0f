// Every scan lands in the desk's scan field, whatever has the focus.
//
// A barcode scanner is a keyboard that types a whole barcode in a burst
// (a few milliseconds a key) and presses Enter. Two cases:
//  - focus outside any text field (a button, a heading after a disclosure
//    answer, the page): digits go straight to the scan field, so the Enter
//    that follows submits the scan;
//  - focus in another text field (a reason, an inquiry, a name): a burst of
//    digits ending in Enter is taken back out of that field and scanned;
//    typing at human speed is left alone. A field meant for a barcode (the
//    hold form's) says so with data-accepts-scan and keeps its scans.
// Alt+0 (or F2) returns the focus to the scan field from anywhere.
(function () {
  "use strict";
  if (window.scanCapture) { return; }
  window.scanCapture = true;

  // A scanner types a key every few milliseconds; a person, every 100 ms or
  // more. The burst is judged on its average gap, so that one late key (a
  // busy terminal delays an event now and then) does not cut a scan in two;
  // a pause longer than BURST_BREAK_MS always starts a new run.
  var BURST_GAP_MS = 40;     // average gap of a scanner's keys, at most
  var BURST_BREAK_MS = 250;  // a pause no scanner makes mid-barcode
  var BURST_MIN = 8;         // shortest burst taken for a barcode
  var burst = { field: null, digits: "", first: 0, last: 0 };

  function scanField() { return document.getElementById("scan-barcode"); }

  function isTextField(el) {
    if (!el) { return false; }
    if (el.isContentEditable || el.tagName === "TEXTAREA") { return true; }
    if (el.tagName !== "INPUT") { return false; }
    var type = (el.getAttribute("type") || "text").toLowerCase();
    return ["text", "search", "tel", "email", "url", "number", "password"].indexOf(type) >= 0;
  }

  function focusScan(event) {
    var field = scanField();
    if (!field) { return false; }
    if (event) { event.preventDefault(); }
    field.focus();
    field.select();
    return true;
  }

  function submitScan(barcode) {
    var field = scanField();
    var form = field && field.form;
    if (!form) { return; }
    field.value = barcode;
    field.focus();
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  document.addEventListener("keydown", function (event) {
    var field = scanField();
    if (!field || event.defaultPrevented) { return; }
    if ((event.altKey && event.code === "Digit0") || event.key === "F2") {
      focusScan(event);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var active = document.activeElement;
    if (active === field || (active && active.hasAttribute("data-accepts-scan"))) {
      burst.digits = "";
      return;
    }
    var isDigit = event.key.length === 1 && event.key >= "0" && event.key <= "9";

    if (!isTextField(active)) {
      // Nothing to type digits into (a button, a heading, a list of names):
      // the digit starts a scan.
      if (isDigit) {
        event.preventDefault();
        field.focus();
        field.value = event.key;
      }
      return;
    }

    var now = event.timeStamp || Date.now();
    if (isDigit) {
      if (burst.field !== active || now - burst.last > BURST_BREAK_MS) {
        burst.digits = "";
        burst.field = active;
        burst.first = now;
      }
      burst.digits += event.key;
      burst.last = now;
      return;
    }
    if (event.key === "Enter" && burst.field === active &&
        burst.digits.length >= BURST_MIN && now - burst.last <= BURST_BREAK_MS &&
        (burst.last - burst.first) / (burst.digits.length - 1) <= BURST_GAP_MS &&
        typeof active.value === "string" && active.value.slice(-burst.digits.length) === burst.digits) {
      // A scan typed into the wrong field: give the field its text back
      // and scan the barcode.
      event.preventDefault();
      active.value = active.value.slice(0, active.value.length - burst.digits.length);
      var barcode = burst.digits;
      burst.digits = "";
      submitScan(barcode);
      return;
    }
    burst.digits = "";
  }, true);
})();
