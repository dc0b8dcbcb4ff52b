/* Forms marked data-busy="…" are sent once: on submit their buttons are disabled
   and the pressed one says what is happening ("Submitting…", "Checking…").
   No inline script: the Content-Security-Policy forbids it. Loaded by each
   template that has such a form; a second copy does nothing. */
(function () {
  "use strict";
  if (window.pveSubmitOnce) { return; }
  window.pveSubmitOnce = true;
  function busy(form, event) {
    if (form.dataset.sent === "true") { event.preventDefault(); return; }
    form.dataset.sent = "true";
    form.setAttribute("aria-busy", "true");
    var pressed = event.submitter || form.querySelector("button[type=submit], button:not([type])");
    if (pressed) {
      /* keep the pressed button's name and value in the request once it is disabled */
      if (pressed.name) {
        var kept = document.createElement("input");
        kept.type = "hidden"; kept.name = pressed.name; kept.value = pressed.value;
        form.appendChild(kept);
      }
      pressed.textContent = form.dataset.busy;
    }
    var status = form.querySelector("[role=status]");
    if (status) { status.textContent = form.dataset.busy; }
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.busy) { busy(form, event); }
  });
})();
