/* infoview's page script: what ipywidgets cannot say about its own elements.
 * - The rendered notebook is the page's main landmark.
 * - A notice slot (an HTML widget that is empty, or holds an .infoview-notice) is a polite
 *   live region before its message arrives, so a screen reader reads out what a click did.
 * Student text never passes through here: only attributes are set. */
(function () {
  "use strict";
  var cells = document.getElementById("rendered_cells");
  if (cells) {
    cells.setAttribute("role", "main");
  }
  function markLive(root) {
    var slots = root.querySelectorAll ? root.querySelectorAll(".widget-html-content") : [];
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      if (slot.hasAttribute("aria-live")) {
        continue;
      }
      if (slot.textContent.trim() === "" || slot.querySelector(".infoview-notice")) {
        slot.setAttribute("aria-live", "polite");
      }
    }
  }
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      var target = changes[i].target;
      markLive(target.parentNode || target);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
