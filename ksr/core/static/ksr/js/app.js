// KSR: a little progressive enhancement of our own. Everything works without it.
(function () {
  "use strict";
  // Submit the language form when the select changes (the button stays for keyboard and no-JS users).
  document.querySelectorAll(".lang-switch select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // A search box with data-append-to="<textarea id>": a value picked from its list is appended to
  // that textarea as a new line (the TERYT multiple-unit widget). Delegated: works after htmx swaps.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.appendTo || !input.list) { return; }
    var box = document.getElementById(input.dataset.appendTo);
    var picked = Array.prototype.some.call(input.list.options, function (o) { return o.value === input.value; });
    if (box && picked) {
      box.value = (box.value.trim() ? box.value.trim() + "\n" : "") + input.value;
      input.value = "";
    }
  });
})();
