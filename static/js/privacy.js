// Disclosure flow shortcuts: Alt+1 to Alt+7 press the matching "who is
// asking" button of the patron in view, so one keystroke decides.
(function () {
  "use strict";
  if (window.privacyShortcuts) { return; }
  window.privacyShortcuts = true;
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    var match = /^Digit([1-9])$/.exec(event.code || "");
    if (!match) { return; }
    var button = document.querySelector('[data-ask-key="' + match[1] + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
