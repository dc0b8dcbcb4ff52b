/* Move the focus to the form's error summary (templates/includes/error_summary.html), so
   screen-reader and keyboard users hear every error at once; its links focus the field. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var input = field.matches("input, select, textarea") ? field : field.querySelector("input, select, textarea");
    (input || field).focus();
    field.scrollIntoView({ block: "center" });
  });
})();
