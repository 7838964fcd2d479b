/* infoview's page script: what ipywidgets cannot say about its own elements.
 * - The rendered notebook is the page's main landmark.
 * - A notice slot (an HTML widget that is empty, or holds an .infoview-notice) is a polite
 *   live region before its message arrives, so a screen reader reads out what a click did.
 * - A button whose tooltip starts with its own words and says more ("Up: ask question 3
 *   earlier") is named by its tooltip, so a screen reader tells a list's like buttons apart
 *   (ipywidgets puts a tooltip in title only); its words still start its name.
 * - A notice that a click or a key produces is scrolled into the window if it landed outside
 *   it (the one nearest the button pressed), to the middle of the window, so the student sees
 *   what happened and the button that did it.
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
  // What the student last pressed, and when: a notice arriving soon after is its answer.
  var pressed = null;
  var pressedAt = 0;
  function press(event) {
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") {
      return;
    }
    pressed = event.target;
    pressedAt = Date.now();
  }
  document.addEventListener("click", press, true);
  document.addEventListener("keydown", press, true);
  var ANSWER_WITHIN_MS = 5000;
  function showAnswer(changes) {
    if (!pressed || Date.now() - pressedAt > ANSWER_WITHIN_MS) {
      return;
    }
    var from = pressed.getBoundingClientRect();
    var nearest = null;
    var distance = Infinity;
    for (var i = 0; i < changes.length; i++) {
      var added = changes[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        var node = added[j];
        var notices = [];
        if (node.nodeType !== 1) {
          continue;
        }
        if (node.matches(".infoview-notice")) {
          notices.push(node);
        }
        notices.push.apply(notices, node.querySelectorAll(".infoview-notice"));
        for (var k = 0; k < notices.length; k++) {
          var box = notices[k].getBoundingClientRect();
          var away = Math.abs(box.top - from.bottom);
          if (box.height > 0 && away < distance) {
            nearest = notices[k];
            distance = away;
          }
        }
      }
    }
    if (nearest) {
      var shown = nearest.getBoundingClientRect();
      if (shown.top < 0 || shown.bottom > window.innerHeight) {
        nearest.scrollIntoView({ block: "center" });
      }
    }
  }
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      var target = changes[i].target;
      markLive(target.parentNode || target);
      nameButtons(target.parentNode || target);
    }
    showAnswer(changes);
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["title"],
  });
})();
