// Draws every <div class="vega-chart" data-chart="ID"> from charts/ID.json with the Vega runtime that
// the site serves itself (assets/vega/vega-bundle.js). Shared datasets written as {"$ref": NAME}
// are loaded from charts/data/NAME.json. Nothing is requested from any other host.
(function () {
  "use strict";

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

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status + " for " + url);
      }
      return response.json();
    });
  }

  function resolveDatasets(spec, root) {
    var datasets = spec.datasets || {};
    var names = Object.keys(datasets).filter(function (name) {
      return datasets[name] && !Array.isArray(datasets[name]) && datasets[name].$ref;
    });
    return Promise.all(
      names.map(function (name) {
        var ref = String(datasets[name].$ref).replace(/[^a-z0-9-]/g, "");
        return fetchJson(new URL("charts/data/" + ref + ".json", root)).then(function (rows) {
          datasets[name] = rows;
        });
      })
    ).then(function () {
      return spec;
    });
  }

  function draw(element, root) {
    if (element.dataset.drawn === "yes") {
      return;
    }
    element.dataset.drawn = "yes";
    var id = String(element.dataset.chart || "").replace(/[^a-z0-9-]/g, "");
    fetchJson(new URL("charts/" + id + ".json", root))
      .then(function (spec) {
        return resolveDatasets(spec, root);
      })
      .then(function (spec) {
        return window.vegaEmbed(element, spec, { actions: false, renderer: "svg" });
      })
      .catch(function (err) {
        element.textContent = "This chart could not be drawn; the table or text below gives the same figures.";
        element.classList.add("chart-error");
        if (window.console) {
          window.console.warn("chart " + id + ": " + err.message);
        }
      });
  }

  function drawAll() {
    if (!window.vegaEmbed) {
      return;
    }
    var root = siteRoot();
    document.querySelectorAll(".vega-chart[data-chart]").forEach(function (element) {
      draw(element, root);
    });
  }

  // Material's instant navigation swaps page content without a reload; document$ announces each page.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", drawAll);
  }
})();
