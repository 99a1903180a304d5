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

  window.chronologySite = { root: siteRoot };
})();
