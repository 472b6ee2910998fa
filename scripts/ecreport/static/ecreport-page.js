/* Fixes for reading the book from its files (file://), loaded after the theme's and extensions' scripts. */

/* The search page fetches each result page to show a summary; from file:// the fetch fails and every
 * result throws "Failed to fetch". Offline, list the results without summaries. */
if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}

/* sphinx-togglebutton 0.4.5 throws "button is not defined" (and leaves the solution shut) when a
 * click on a solution's title lands on the link in it ("练习 5 (…)", most of the title's width)
 * rather than on the title box or its chevron. Loaded before its DOMContentLoaded set-up, this
 * replaces its click handler with one that finds the button from wherever the click landed; a
 * click on the title's link opens the solution (the exercise it names is just above). */
if (typeof toggleHidden === "function") {
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
}
