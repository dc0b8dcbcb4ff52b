/* The header's menu (templates/base.html) is a details element: on a phone its button opens it;
   on a wider screen portal.css keeps it open through ::details-content. Browsers without that
   pseudo-element (Firefox before 143, the 140 ESR many administrations run; Safari before 18.4)
   would show the button and a closed menu on a desktop: here they get the menu open and the
   button hidden while the screen is wide, as the others. Without JavaScript they keep the button. */
(function () {
  "use strict";
  var menu = document.querySelector(".site-menu");
  if (!menu || !window.matchMedia) { return; }
  if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) { return; }
  var wide = window.matchMedia("(min-width: 40.01rem)");
  function follow() {
    menu.classList.toggle("site-menu-wide", wide.matches);
    if (wide.matches) { menu.open = true; }
  }
  follow();
  if (wide.addEventListener) { wide.addEventListener("change", follow); }
})();
