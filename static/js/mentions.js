/* @mentions in the post editor: typing @ and the start of a name offers the members of this
   network it matches, from the portal's own endpoint (data-mention-url on the form), which
   answers members only, with the names members are shown by.
   Keyboard: the first name is highlighted as soon as the list opens, so Enter or Tab picks it;
   arrows move, Escape closes.
   Without it, members type the name themselves. */
(function () {
  "use strict";
  var DELAY = 150;
  var LONGEST = 50;
  var WORD = /[\p{L}\p{N}_@]/u;

  function attach(textarea, form) {
    var list = document.createElement("ul");
    var timer = null;
    var active = -1;
    var latest = 0;
    var token = null;

    list.id = textarea.id + "-mentions";
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.dataset.mentionLabel || "");
    list.hidden = true;
    textarea.insertAdjacentElement("afterend", list);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", list.id);

    function options() { return list.querySelectorAll("[role=option]"); }

    /* The "@name" being typed just before the caret, if any. */
    function typedMention() {
      var caret = textarea.selectionStart;
      if (caret !== textarea.selectionEnd) { return null; }
      var before = textarea.value.slice(0, caret);
      var at = before.lastIndexOf("@");
      if (at < 0 || (at > 0 && WORD.test(before.charAt(at - 1)))) { return null; }
      var query = before.slice(at + 1);
      if (!query || query.length > LONGEST || /^\s|[\n@]/.test(query)) { return null; }
      return { start: at, end: caret, query: query };
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      textarea.setAttribute("aria-activedescendant", items[active].id);
    }

    /* Drop the suggestions asked for and not yet answered: they are for text the member has
       moved on from (a name picked, the list closed), and would open the list again. */
    function cancel() {
      clearTimeout(timer);
      latest++;
    }

    function choose(name) {
      if (!token) { return; }
      cancel();
      var text = "@" + name + " ";
      textarea.value = textarea.value.slice(0, token.start) + text + textarea.value.slice(token.end);
      var caret = token.start + text.length;
      textarea.setSelectionRange(caret, caret);
      token = null;
      close();
      textarea.focus();
    }

    function show(names) {
      close();
      names.forEach(function (name, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = name;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(name); });
        list.appendChild(item);
      });
      if (names.length) {
        list.hidden = false;
        highlight(0);
      }
    }

    function fetchSuggestions() {
      token = typedMention();
      if (!token) { close(); return; }
      var ticket = ++latest;
      var url = form.dataset.mentionUrl + "?q=" + encodeURIComponent(token.query);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) { show(data.suggestions || []); } })
        .catch(close);
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); cancel(); close(); }
      else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        choose(options()[active].textContent);
      }
    });
    textarea.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("form[data-mention-url]").forEach(function (form) {
    var textarea = form.querySelector("textarea[name=body]");
    if (textarea && textarea.id) { attach(textarea, form); }
  });
})();
