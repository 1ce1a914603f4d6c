// The questionnaire's skip rule: with "NO" at question 2, questions 3 and 4 are hidden and
// their inputs disabled (the server ignores them anyway).
(function () {
  "use strict";
  function apply(form) {
    var no = form.querySelector('input[name="q2_answer"][value="no"]');
    var skip = Boolean(no && no.checked);
    form.querySelectorAll("[data-skippable]").forEach(function (section) {
      section.hidden = skip;
      section.querySelectorAll("input, textarea, select").forEach(function (el) { el.disabled = skip; });
    });
    var notice = document.getElementById("skip-notice");
    if (notice) { notice.hidden = !skip; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("questionnaire");
    if (!form) { return; }
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "q2_answer") { apply(form); }
    });
    apply(form);
  });
})();
