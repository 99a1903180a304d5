// What every script of the site shares, loaded before them: the address of the site's root.
(function () {
  "use strict";

  // The site's root as an absolute URL, from the base MkDocs writes into each page (so it works under any path).
  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (err) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), document.baseURI);
  }

  // Material's search is a dialog without a name (axe-core: aria-dialog-name); it takes the name its own search
  // options already carry ("Search"). The header stays in place across instant page loads, so once is enough.
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    var named = document.querySelector(".md-search__options[aria-label]");
    if (dialog) {
      dialog.setAttribute("aria-label", named ? named.getAttribute("aria-label") : "Search");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameSearchDialog);
  } else {
    nameSearchDialog();
  }

  window.chronologySite = { root: siteRoot };
})();
