/* The search page's filters (templates/search/search.html): a ticked or unticked facet, or a
   new sort order, applies at once, so the "Apply filters" and "Sort" buttons are only for
   readers without JavaScript. On a phone the filters sit behind a "Filters (n)" button
   (shown by the stylesheet at narrow widths) so that the first result is on the first screen.

   After a filter applies, the new page puts the focus back on the box just ticked (the filters
   opened again on a phone), so the reader keeps their place; the count and any message (a
   respelling, no result) are written into the page's status region once it has loaded, so a
   screen reader announces them. Going back to a page kept by the browser shows its boxes and
   words as its address says, not as they were left. */
(function () {
  "use strict";

  var KEEP = "search-facet-focus";

  function remember(box) {
    try { sessionStorage.setItem(KEEP, box.name + "=" + box.value); } catch (e) { /* storage off: the focus starts at the top */ }
  }

  function recalled(form) {
    var kept = null;
    try { kept = sessionStorage.getItem(KEEP); sessionStorage.removeItem(KEEP); } catch (e) { return null; }
    if (!kept) { return null; }
    var cut = kept.indexOf("=");
    var name = kept.slice(0, cut), value = kept.slice(cut + 1);
    var boxes = form.querySelectorAll(".search-facets input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].name === name && boxes[i].value === value) { return boxes[i]; }
    }
    return null;
  }

  function announce(form) {
    var status = document.getElementById("search-status");
    if (!status) { return; }
    var parts = [];
    var heading = document.getElementById("results-heading");
    if (heading) { parts.push(heading.textContent.trim()); }
    form.querySelectorAll(".search-respelt, .search-partial, .search-empty > p:first-child").forEach(function (p) {
      parts.push(p.textContent.trim().replace(/\s+/g, " "));
    });
    var suggestion = form.querySelector(".search-empty .suggestion");
    if (suggestion) { parts.push(suggestion.closest("p").textContent.trim().replace(/\s+/g, " ")); }
    // written a moment after the load: a region filled as the page loads is read with it, not announced
    window.setTimeout(function () { status.textContent = parts.join(". "); }, 400);
  }

  function attach(form) {
    form.classList.add("facets-live");
    form.querySelectorAll(".facets-apply, .sort-apply").forEach(function (button) { button.hidden = true; });
    var toggle = form.querySelector(".filters-button");
    var panel = document.getElementById("search-facets");

    function open(shown) {
      if (!toggle || !panel) { return; }
      toggle.setAttribute("aria-expanded", shown ? "true" : "false");
      panel.classList.toggle("is-open", shown);
    }

    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches(".search-facets input[type=checkbox], select[name=sort]")) {
        var page = form.querySelector("input[name=page]");
        if (page) { page.remove(); }
        if (target.type === "checkbox") { remember(target); }
        form.submit();
      }
    });
    if (toggle && panel) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var shown = toggle.getAttribute("aria-expanded") !== "true";
        open(shown);
        var first = shown && panel.querySelector("input, summary, button");
        if (first) { first.focus(); }
      });
    }

    // a page kept by the browser (back, forward): its controls as the server wrote them
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) { return; }
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = box.defaultChecked; });
      form.querySelectorAll("input[type=search]").forEach(function (box) { box.value = box.defaultValue; });
      form.querySelectorAll("select option").forEach(function (option) { option.selected = option.defaultSelected; });
    });

    var box = recalled(form);
    if (box) {
      if (toggle && !toggle.hidden && getComputedStyle(toggle).display !== "none") { open(true); }
      var folded = box.closest("details");
      if (folded) { folded.open = true; }
      box.focus();
    }
    announce(form);
  }

  document.querySelectorAll("form[data-facets-form]").forEach(attach);
})();
