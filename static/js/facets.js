/* The search page's filters (templates/search/search.html): a ticked or unticked facet, or a
   new sort order, applies at once, so the "Apply filters" and "Sort" buttons are only for
   readers without JavaScript. On a phone the filters sit behind a "Filters (n)" button
   (shown by the stylesheet at narrow widths) so that the first result is on the first screen. */
(function () {
  "use strict";

  function attach(form) {
    form.classList.add("facets-live");
    form.querySelectorAll(".facets-apply, .sort-apply").forEach(function (button) { button.hidden = true; });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches(".search-facets input[type=checkbox], select[name=sort]")) {
        var page = form.querySelector("input[name=page]");
        if (page) { page.remove(); }
        form.submit();
      }
    });
    var toggle = form.querySelector(".filters-button");
    var panel = document.getElementById("search-facets");
    if (!toggle || !panel) { return; }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("is-open", open);
      if (open) { panel.querySelector("input, summary, button") && panel.querySelector("input, summary, button").focus(); }
    });
  }

  document.querySelectorAll("form[data-facets-form]").forEach(attach);
})();
