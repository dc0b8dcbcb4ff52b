/* Title suggestions under the search box, from the portal's own endpoint
   (data-autocomplete-url), which only returns titles the reader may see.
   Keyboard: arrows move, Enter picks, Escape closes. Works without it too. */
(function () {
  "use strict";
  var DELAY = 150;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    input.setAttribute("role", "combobox");  // aria-expanded belongs to a combobox
    var timer = null;
    var active = -1;
    var latest = 0;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    /* Drop the suggestions asked for and not yet answered: they are for text the reader has
       moved on from (a title picked, the list closed, the box left), and would open it again. */
    function cancel() {
      clearTimeout(timer);
      latest++;
    }

    function choose(title) {
      cancel();
      input.value = title;
      close();
      if (input.form) { input.form.submit(); }
    }

    function show(titles) {
      close();
      titles.forEach(function (title, i) {
        var item = document.createElement("li");
        item.id = input.id + "-suggestion-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = title;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(title); });
        list.appendChild(item);
      });
      if (titles.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function fetchSuggestions() {
      var prefix = input.value.trim();
      if (prefix.length < 2) { close(); return; }
      var ticket = ++latest;
      var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(prefix);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) { show(data.suggestions || []); } })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { cancel(); close(); return; }  // before any answer came, too
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(options()[active].textContent); }
    });
    input.addEventListener("blur", function () { cancel(); setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(attach);
})();
