/* Fixes to the theme's and extensions' pages: accessible names, reading from files (file://), and
 * sphinx-togglebutton's click handler. Loaded after their scripts. */

/* The search page fetches each result page to show a summary; from file:// the fetch fails and every
 * result throws "Failed to fetch". Offline, list the results without summaries. */
if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}

/* sphinx-togglebutton 0.4.5 throws "button is not defined" (and leaves the solution shut) when a
 * click on a solution's title lands on the link in it ("练习 5 (…)", most of the title's width)
 * rather than on the title box or its chevron. Loaded after it, this replaces its click handler
 * with one that finds the button from wherever the click landed; a
 * click on the title's link opens the solution (the exercise it names is just above). */
if (typeof toggleHidden === "function") {
  const brokenHandler = toggleClickHandler;
  toggleClickHandler = (click) => {
    const title = click.target.closest(".admonition-title");
    const button = click.target.closest(".toggle-button") || (title && title.querySelector(".toggle-button"));
    if (!button) {
      return;
    }
    if (click.target.closest("a")) {
      click.preventDefault();
    }
    toggleHidden(document.getElementById(button.dataset.button));
  };
  // the page's scripts are deferred, so sphinx-togglebutton may have bound its handler already: bind this
  // one in its place (binding the same handler twice is ignored, if it binds after this)
  // (it binds an admonition's title, or else the button alone)
  document.querySelectorAll(".admonition-title[data-button], .toggle-button").forEach((el) => {
    if (el.classList.contains("toggle-button") && el.closest(".admonition-title[data-button]")) {
      return;
    }
    el.removeEventListener("click", brokenHandler);
    el.addEventListener("click", toggleClickHandler);
  });
}

(function () {
  "use strict";

  /* Theme buttons whose aria-label differs from their visible text (e.g. the search button
     shows "搜索 Ctrl + K" but is named "搜索"): name them by what they show, as WCAG 2.5.3 asks. */
  function alignButtonNames() {
    var icons = document.querySelectorAll("button[aria-label] i, a[aria-label] i");
    for (var j = 0; j < icons.length; j++) { icons[j].setAttribute("aria-hidden", "true"); }
    var switcher = document.querySelector("button.theme-switch-button");
    if (switcher) { switcher.setAttribute("aria-label", "配色模式（亮色、暗色或跟随系统）"); }
    var labelled = document.querySelectorAll("button[aria-label], a[aria-label]");
    for (var i = 0; i < labelled.length; i++) {
      var visible = (labelled[i].innerText || "").replace(/\s+/g, " ").trim();
      var name = labelled[i].getAttribute("aria-label");
      if (visible && name.indexOf(visible) === -1) { labelled[i].setAttribute("aria-label", visible); }
    }
  }

  /* Font Awesome turns icon titles into <title> text inside the theme's named buttons, which
     then no longer match their names; the icons are decorative, so drop those titles. */
  function quietIcons() {
    var titles = document.querySelectorAll("button[aria-label] svg title, a[aria-label] svg title");
    for (var i = 0; i < titles.length; i++) {
      var svg = titles[i].parentNode;
      svg.removeAttribute("aria-labelledby");
      svg.setAttribute("aria-hidden", "true");
      svg.removeChild(titles[i]);
    }
  }

  function start() {
    alignButtonNames();
    quietIcons();
    if (window.MutationObserver) {   // Font Awesome may replace icons later
      var observer = new MutationObserver(quietIcons);
      observer.observe(document.body, { childList: true, subtree: true });
      window.addEventListener("load", function () { setTimeout(function () { quietIcons(); observer.disconnect(); }, 3000); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
