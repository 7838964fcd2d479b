/* infoview's page script: what ipywidgets cannot say about its own elements.
 * - The rendered notebook is the page's main landmark.
 * - A notice slot (an HTML widget that is empty, or holds an .infoview-notice) is a polite
 *   live region before its message arrives, so a screen reader reads out what a click did.
 * - A button whose tooltip starts with its own words and says more ("Up: ask question 3
 *   earlier") is named by its tooltip, so a screen reader tells a list's like buttons apart
 *   (ipywidgets puts a tooltip in title only); its words still start its name.
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
  function nameButtons(root) {
    var buttons = root.querySelectorAll ? root.querySelectorAll("button[title]") : [];
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var words = button.textContent.trim();
      var tooltip = button.getAttribute("title").trim();
      if (words && tooltip.length > words.length && tooltip.indexOf(words) === 0) {
        if (button.getAttribute("aria-label") !== tooltip) {
          button.setAttribute("aria-label", tooltip);
        }
      } else if (button.hasAttribute("aria-label")) {
        button.removeAttribute("aria-label");
      }
    }
  }
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      var target = changes[i].target;
      markLive(target.parentNode || target);
      nameButtons(target.parentNode || target);
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["title"],
  });
})();
