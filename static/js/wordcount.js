/* Live word counts under every textarea that has a word limit.
   The limit is advice: text over it is kept whole and flagged, never cut. */
(function () {
  "use strict";
  function countWords(text) {
    return text.split(/\s+/).filter(function (token) { return /[\p{L}\p{N}]/u.test(token); }).length;
  }
  function attach(textarea) {
    var limit = parseInt(textarea.getAttribute("data-word-limit"), 10);
    var output = document.createElement("p");
    output.className = "word-count";
    output.id = textarea.id + "-word-count";
    output.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", output);
    var described = textarea.getAttribute("aria-describedby");
    textarea.setAttribute("aria-describedby", (described ? described + " " : "") + output.id);
    function update() {
      var words = countWords(textarea.value);
      var template = words > limit ? output.dataset.over : output.dataset.ok;
      // grouped as the page's language writes counts (1,234; 1 234), as the server prints them
      var language = document.documentElement.lang || undefined;
      output.textContent = template.replace("%(words)s", words.toLocaleString(language))
        .replace("%(limit)s", limit.toLocaleString(language));
      output.classList.toggle("over", words > limit);
    }
    var strings = document.querySelector("[data-words-ok]");
    output.dataset.ok = strings ? strings.dataset.wordsOk : "%(words)s of %(limit)s words";
    output.dataset.over = strings ? strings.dataset.wordsOver : "%(words)s words: over the limit of %(limit)s";
    textarea.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("textarea[data-word-limit]").forEach(attach);
})();
