/* Forms marked data-busy="…" are sent once: on submit their buttons are disabled
   and the pressed one says what is happening ("Submitting…", "Checking…").
   A page the browser shows again from its back-forward cache (the Back button
   after the form was sent) gets its forms back as they were before the click.
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
        kept.setAttribute("data-submit-once", "");
        form.appendChild(kept);
      }
      pressed.setAttribute("data-idle-label", pressed.textContent);
      pressed.textContent = form.dataset.busy;
    }
    var status = form.querySelector("[role=status]");
    if (status) { status.textContent = form.dataset.busy; }
    form.querySelectorAll("button:not([disabled])").forEach(function (button) {
      button.disabled = true;
      button.setAttribute("data-disabled-on-submit", "");
    });
  }
  function idle(form) {
    delete form.dataset.sent;
    form.removeAttribute("aria-busy");
    form.querySelectorAll("input[data-submit-once]").forEach(function (kept) { kept.remove(); });
    form.querySelectorAll("button[data-idle-label]").forEach(function (button) {
      button.textContent = button.getAttribute("data-idle-label");
      button.removeAttribute("data-idle-label");
    });
    var status = form.querySelector("[role=status]");
    if (status && status.textContent === form.dataset.busy) { status.textContent = ""; }
    form.querySelectorAll("button[data-disabled-on-submit]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("data-disabled-on-submit");
    });
  }
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[data-busy][data-sent]").forEach(idle);
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.busy) { busy(form, event); }
  });
})();
