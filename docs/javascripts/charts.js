// Draws every <div class="vega-chart" data-chart="ID"> from charts/ID.json with the Vega runtime that
// the site serves itself (assets/vega/vega-bundle.js). Shared datasets written as {"$ref": NAME}
// are loaded from charts/data/NAME.json. Nothing is requested from any other host.
//
// A chart takes its background and text colours from the page (the --chart-* variables of
// stylesheets/extra.css), so it reads in light and dark mode alike, and is drawn again when the
// reader switches between them.
(function () {
  "use strict";

  var specs = new WeakMap(); // element -> the chart's spec, its datasets resolved
  var views = new WeakMap(); // element -> the Vega view drawn in it

  var siteRoot = window.chronologySite.root; // docs/javascripts/site.js

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

  function colours() {
    var style = getComputedStyle(document.body);
    function read(name, fallback) {
      var value = style.getPropertyValue(name).trim();
      return value || fallback;
    }
    return {
      background: read("--chart-bg", "#ffffff"),
      text: read("--chart-text", "#1f2329"),
      muted: read("--chart-muted", "#4a4f57"),
      grid: read("--chart-grid", "#d0d4d9"),
    };
  }

  function themed(spec) {
    var c = colours();
    var config = JSON.parse(JSON.stringify(spec.config || {}));
    config.background = c.background;
    config.axis = Object.assign({}, config.axis, {
      labelColor: c.text,
      titleColor: c.text,
      domainColor: c.muted,
      tickColor: c.muted,
      gridColor: c.grid,
    });
    config.title = Object.assign({}, config.title, { color: c.text });
    config.text = Object.assign({}, config.text, { color: c.text });
    config.legend = Object.assign({}, config.legend, { labelColor: c.text, titleColor: c.text });
    return Object.assign({}, spec, { config: config });
  }

  function embed(element) {
    var spec = specs.get(element);
    var previous = views.get(element);
    if (previous) {
      previous.finalize();
    }
    return window.vegaEmbed(element, themed(spec), { actions: false, renderer: "svg" }).then(function (result) {
      views.set(element, result.view);
      element.dataset.drawn = "yes";
    });
  }

  function draw(element, root) {
    if (element.dataset.requested === "yes") {
      return;
    }
    element.dataset.requested = "yes";
    var id = String(element.dataset.chart || "").replace(/[^a-z0-9-]/g, "");
    fetchJson(new URL("charts/" + id + ".json", root))
      .then(function (spec) {
        return resolveDatasets(spec, root);
      })
      .then(function (spec) {
        specs.set(element, spec);
        return embed(element);
      })
      .catch(function (err) {
        element.textContent = "This chart is not available here; the table or text beside it gives the same figures.";
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

  // On a page with the map of every event, the map is drawn first: drawing charts takes the browser's
  // main thread for a while on a large chronology, and the map is what a reader reaches for there.
  function drawAllAfterTheMap() {
    var maps = document.querySelectorAll(".event-map[data-map]");
    var waiting = Array.prototype.some.call(maps, function (map) {
      return !map.dataset.drawn;
    });
    if (!waiting) {
      drawAll();
      return;
    }
    var started = false;
    function start() {
      if (!started) {
        started = true;
        document.removeEventListener("chronology:map-drawn", start);
        window.setTimeout(drawAll, 0);
      }
    }
    document.addEventListener("chronology:map-drawn", start);
    window.setTimeout(start, 5000); // never wait for a map for ever
  }

  function redrawAll() {
    document.querySelectorAll(".vega-chart[data-chart]").forEach(function (element) {
      if (specs.has(element)) {
        embed(element);
      }
    });
  }

  // The reader switched light and dark mode: Material sets data-md-color-scheme on <body>.
  new MutationObserver(redrawAll).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });

  // Material's instant navigation swaps page content without a reload; document$ announces each page.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(drawAllAfterTheMap);
  } else {
    document.addEventListener("DOMContentLoaded", drawAllAfterTheMap);
  }
})();
