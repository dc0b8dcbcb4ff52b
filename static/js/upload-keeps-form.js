/* An upload form marked data-keeps="ID" sends along what was typed in the form ID (the
   practice form below the upload box), so that reading a document loses nothing typed: a
   document that cannot be read shows the form again as it was, a document read fills the
   fields it has and leaves the others as typed. No inline script: the
   Content-Security-Policy forbids it. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var upload = event.target;
    if (!(upload instanceof HTMLFormElement) || !upload.dataset.keeps) { return; }
    var typed = document.getElementById(upload.dataset.keeps);
    if (!typed) { return; }
    upload.querySelectorAll("input[data-kept]").forEach(function (old) { old.remove(); });
    new FormData(typed).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || typeof value !== "string") { return; }
      var kept = document.createElement("input");
      kept.type = "hidden";
      kept.name = name;
      kept.value = value;
      kept.setAttribute("data-kept", "");
      upload.appendChild(kept);
    });
  }, true);
})();
