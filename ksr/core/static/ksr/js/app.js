// KSR: a little progressive enhancement of our own. Everything works without it.
(function () {
  "use strict";
  // Submit the language form when the select changes (the button stays for keyboard and no-JS users).
  document.querySelectorAll(".lang-switch select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
