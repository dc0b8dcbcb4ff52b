/* Suggest the organisation whose staff email domain matches the address typed,
   unless the person has already chosen one themselves. */
(function () {
  "use strict";
  var email = document.getElementById("id_email");
  var select = document.getElementById("id_organisation");
  if (!email || !select) { return; }
  var chosenByHand = false;
  select.addEventListener("change", function () { chosenByHand = true; });
  email.addEventListener("change", function () {
    if (chosenByHand) { return; }
    var domain = (email.value.split("@")[1] || "").toLowerCase().trim();
    if (!domain) { return; }
    Array.prototype.forEach.call(select.options, function (option) {
      var own = option.getAttribute("data-domain");
      if (own && (domain === own || domain.endsWith("." + own))) { select.value = option.value; }
    });
  });
})();

/* Type-ahead: the organisation name field suggests the listed organisations (its datalist);
   a name typed or picked that matches one selects it in the list above. */
(function () {
  "use strict";
  var name = document.getElementById("id_new_organisation");
  var select = document.getElementById("id_organisation");
  if (!name || !select) { return; }
  name.addEventListener("change", function () {
    var typed = name.value.trim().toLowerCase();
    Array.prototype.forEach.call(select.options, function (option) {
      if (option.value && option.text.trim().toLowerCase() === typed) {
        select.value = option.value;
        name.value = "";
      }
    });
  });
})();
