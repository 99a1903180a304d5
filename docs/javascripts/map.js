// The map of every event, drawn as SVG with no third-party code: <div class="event-map" data-map="all">.
//
// The generator projects everything (assets/data/map.json, from generator/render/geo.py: land outlines,
// and each site's position in map units with its events), so this script only places what it is given.
// Each event is a dot linking to its page, gathered around its site in a sunflower; a site with more
// events than the generator lists (geo.py MAX_DOTS) shows one numbered disc instead, linking to its list.
// Unnamed sites sit at the middle of their country inside a dashed ring. Zoom with the buttons, the wheel or +/-; drag or use the arrow keys to pan.
// Dots and labels keep their size while the land zooms. Record text reaches the page only through
// textContent and setAttribute.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var DOT = 4; // radius in screen pixels
  var SPACING = 5; // sunflower spacing in screen pixels
  var GOLDEN = Math.PI * (3 - Math.sqrt(5));
  var COLOURS = { attack: "#d55e00", strike: "#0072b2" };
  var MIN_ZOOM = 1;
  var MAX_ZOOM = 12;

  var siteRoot = window.chronologySite.root; // docs/javascripts/site.js

  function node(tag, attributes, text) {
    var element = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      element.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  function plural(n, noun) {
    return n + " " + noun + (n === 1 ? "" : "s");
  }

  function EventMap(container, data, root) {
    this.container = container;
    this.data = data;
    this.root = root;
    this.sites = data.sites.map(function (site) {
      return Object.assign({ base: site.unnamed ? "" : site.key, precision: site.precision_km }, site);
    });
    this.width = data.map.width;
    this.height = data.map.height;
    this.k = 1;
    this.tx = 0;
    this.ty = 0;
  }

  EventMap.prototype.unit = function () {
    // Map units per screen pixel: dots and labels keep their size on any screen.
    var width = this.svg.getBoundingClientRect().width || this.width;
    return this.width / width;
  };

  EventMap.prototype.build = function () {
    var self = this;
    var svg = (this.svg = node("svg", {
      viewBox: "0 0 " + this.width + " " + this.height,
      preserveAspectRatio: "xMidYMid meet",
      role: "group",
      "aria-label": "Map of " + plural(this.data.events, "event"),
    }));
    this.land = node("g", { class: "land" });
    this.data.map.land.forEach(function (country) {
      self.land.appendChild(node("path", { d: country.d }));
    });
    this.countryLabels = node("g", { class: "country-labels", "aria-hidden": "true" });
    this.data.map.land.forEach(function (country) {
      var text = node("text", { class: "country", "text-anchor": "middle" }, country.name);
      text.dataset.x = country.at[0];
      text.dataset.y = country.at[1];
      self.countryLabels.appendChild(text);
    });
    this.siteGroups = node("g", { class: "sites" });
    this.labels = node("g", { class: "labels", "aria-hidden": "true" });
    this.sites.forEach(function (site) {
      site.group = self.siteGroup(site);
      self.siteGroups.appendChild(site.group);
      if (!site.unnamed) {
        site.label = node("text", { class: "base" }, site.name);
        self.labels.appendChild(site.label);
      }
    });
    svg.appendChild(this.land);
    svg.appendChild(this.countryLabels);
    svg.appendChild(this.siteGroups);
    svg.appendChild(this.labels);
    this.container.replaceChildren(svg, this.controls());
    this.listen();
    this.layout();
    new ResizeObserver(function () {
      self.layout();
    }).observe(this.container);
  };

  EventMap.prototype.siteGroup = function (site) {
    var self = this;
    var group = node("g", { class: "site" });
    var n = site.count;
    var where = site.unnamed
      ? site.name + ": placed at the middle of the country; the reports do not name the site"
      : site.name + (site.precision !== null && site.precision !== undefined ? " (position within about " + site.precision + " km)" : " (approximate position)");
    if (site.unnamed) {
      site.ring = node("circle", { class: "ring" });
      site.ring.appendChild(node("title", {}, where));
      group.appendChild(site.ring);
    }
    if (!site.events) {
      var target = new URL(site.href, this.root);
      var href = target.pathname + target.search;
      var link = node("a", { href: href, "aria-label": where + ": " + plural(n, "event") + ", open the list" });
      site.disc = node("circle", { class: "many" });
      site.count = node("text", { class: "many", "text-anchor": "middle", "dominant-baseline": "central" }, String(n));
      link.appendChild(node("title", {}, where + ": " + plural(n, "event")));
      link.appendChild(site.disc);
      link.appendChild(site.count);
      group.appendChild(link);
      return group;
    }
    site.dots = site.events.map(function (event) {
      var a = node("a", { href: new URL("events/" + event[0] + "/", self.root).pathname });
      var circle = node("circle", { class: "event", fill: COLOURS[event[1]] || "#777" });
      circle.appendChild(node("title", {}, event[2] + " — " + where));
      a.appendChild(circle);
      group.appendChild(a);
      return circle;
    });
    return group;
  };

  EventMap.prototype.controls = function () {
    var self = this;
    var box = document.createElement("div");
    box.className = "map-controls";
    [
      ["+", "Zoom in", function () { self.zoomBy(1.6); }],
      ["−", "Zoom out", function () { self.zoomBy(1 / 1.6); }],
      ["⟲", "Show the whole map", function () { self.k = 1; self.tx = 0; self.ty = 0; self.layout(); }],
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.setAttribute("aria-label", spec[1]);
      button.title = spec[1];
      button.addEventListener("click", spec[2]);
      box.appendChild(button);
    });
    return box;
  };

  EventMap.prototype.clamp = function () {
    this.k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.k));
    var minX = this.width - this.width * this.k;
    var minY = this.height - this.height * this.k;
    this.tx = Math.min(0, Math.max(minX, this.tx));
    this.ty = Math.min(0, Math.max(minY, this.ty));
  };

  EventMap.prototype.zoomBy = function (factor, cx, cy) {
    cx = cx === undefined ? this.width / 2 : cx;
    cy = cy === undefined ? this.height / 2 : cy;
    var k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.k * factor));
    this.tx = cx - ((cx - this.tx) * k) / this.k;
    this.ty = cy - ((cy - this.ty) * k) / this.k;
    this.k = k;
    this.layout();
  };

  EventMap.prototype.toMap = function (clientX, clientY) {
    var box = this.svg.getBoundingClientRect();
    var unit = this.width / box.width;
    return [(clientX - box.left) * unit, (clientY - box.top) * unit];
  };

  EventMap.prototype.listen = function () {
    var self = this;
    var svg = this.svg;
    var drag = null;
    this.container.tabIndex = 0;
    svg.addEventListener(
      "wheel",
      function (event) {
        event.preventDefault();
        var at = self.toMap(event.clientX, event.clientY);
        self.zoomBy(event.deltaY < 0 ? 1.25 : 0.8, at[0], at[1]);
      },
      { passive: false }
    );
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) {
        return;
      }
      drag = { x: event.clientX, y: event.clientY, tx: self.tx, ty: self.ty, moved: false, id: event.pointerId };
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.id) {
        return;
      }
      var unit = self.unit();
      var dx = (event.clientX - drag.x) * unit;
      var dy = (event.clientY - drag.y) * unit;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4 * unit) {
        return;
      }
      if (!drag.moved) {
        drag.moved = true;
        svg.setPointerCapture(event.pointerId);
        svg.classList.add("dragging");
      }
      self.tx = drag.tx + dx;
      self.ty = drag.ty + dy;
      self.layout();
    });
    function end(event) {
      if (drag && drag.moved) {
        svg.classList.remove("dragging");
        svg.releasePointerCapture(event.pointerId);
        self.justDragged = true;
        window.setTimeout(function () {
          self.justDragged = false;
        }, 0);
      }
      drag = null;
    }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener(
      "click",
      function (event) {
        if (self.justDragged) {
          event.preventDefault();
          event.stopPropagation();
        }
      },
      true
    );
    svg.addEventListener("dblclick", function (event) {
      var at = self.toMap(event.clientX, event.clientY);
      self.zoomBy(1.6, at[0], at[1]);
    });
    this.container.addEventListener("keydown", function (event) {
      var step = 60;
      var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (event.target !== self.container) {
        return;
      }
      if (event.key === "+" || event.key === "=") {
        self.zoomBy(1.6);
      } else if (event.key === "-" || event.key === "_") {
        self.zoomBy(1 / 1.6);
      } else if (moves[event.key]) {
        self.tx += moves[event.key][0];
        self.ty += moves[event.key][1];
        self.layout();
      } else {
        return;
      }
      event.preventDefault();
    });
  };

  EventMap.prototype.layout = function () {
    this.clamp();
    var k = this.k;
    var tx = this.tx;
    var ty = this.ty;
    var unit = this.unit();
    this.land.setAttribute("transform", "translate(" + tx + " " + ty + ") scale(" + k + ")");
    var font = 12 * unit;
    this.countryLabels.childNodes.forEach(function (text) {
      text.setAttribute("x", Number(text.dataset.x) * k + tx);
      text.setAttribute("y", Number(text.dataset.y) * k + ty + 34 * unit); // below the unnamed sites' ring
      text.setAttribute("font-size", 13 * unit);
    });
    var placed = []; // boxes labels must not cover: every site's dots, then the labels placed so far
    var mapWidth = this.width;
    var mapHeight = this.height;
    this.sites.forEach(function (site) {
      var x = (site.x = site.xy[0] * k + tx);
      var y = (site.y = site.xy[1] * k + ty);
      site.group.setAttribute("transform", "translate(" + x + " " + y + ")");
      var extent = DOT * unit;
      if (site.dots) {
        site.dots.forEach(function (circle, i) {
          var r = SPACING * unit * Math.sqrt(i + (site.dots.length > 1 ? 0.5 : 0));
          var angle = i * GOLDEN;
          circle.setAttribute("cx", (r * Math.cos(angle)).toFixed(2));
          circle.setAttribute("cy", (r * Math.sin(angle)).toFixed(2));
          circle.setAttribute("r", DOT * unit);
          extent = Math.max(extent, r + DOT * unit);
        });
      } else if (site.disc) {
        var radius = (9 + 2 * Math.log(site.count)) * unit;
        site.disc.setAttribute("r", radius);
        site.count.setAttribute("font-size", 11 * unit);
        extent = radius;
      }
      if (site.ring) {
        site.ring.setAttribute("r", extent + 8 * unit);
        extent += 8 * unit;
      }
      site.extent = extent;
      placed.push([x - extent, y - extent, x + extent, y + extent]);
    });
    this.sites.forEach(function (site) {
      var x = site.x;
      var y = site.y;
      var extent = site.extent;
      if (site.label) {
        // Greedy placement: right of the site, else left, above or below; hidden where none is free.
        var w = site.name.length * 6.4 * unit;
        var h = font;
        var gap = extent + 3 * unit;
        var options = [
          [x + gap, y + h / 3, "start", x + gap, y - h / 2],
          [x - gap, y + h / 3, "end", x - gap - w, y - h / 2],
          [x, y - gap, "middle", x - w / 2, y - gap - h],
          [x, y + gap + h * 0.8, "middle", x - w / 2, y + gap],
        ];
        var chosen = null;
        for (var i = 0; i < options.length && !chosen; i += 1) {
          var o = options[i];
          var box = [o[3], o[4], o[3] + w, o[4] + h];
          var inside = box[0] >= 0 && box[1] >= 0 && box[2] <= mapWidth && box[3] <= mapHeight;
          var free =
            inside &&
            placed.every(function (p) {
              var own = p[0] === x - extent && p[1] === y - extent; // the site's own dots
              return own || box[2] < p[0] || box[0] > p[2] || box[3] < p[1] || box[1] > p[3];
            });
          if (free) {
            chosen = o;
            placed.push(box);
          }
        }
        site.label.setAttribute("font-size", font);
        if (chosen) {
          site.label.setAttribute("x", chosen[0]);
          site.label.setAttribute("y", chosen[1]);
          site.label.setAttribute("text-anchor", chosen[2]);
          site.label.removeAttribute("visibility");
        } else {
          site.label.setAttribute("visibility", "hidden");
        }
      }
    });
  };

  function init() {
    var root = siteRoot();
    document.querySelectorAll(".event-map[data-map]").forEach(function (container) {
      if (container.dataset.started === "yes") {
        return;
      }
      container.dataset.started = "yes";
      fetch(new URL("assets/data/map.json", root), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          container.style.aspectRatio = data.map.width + " / " + data.map.height;
          new EventMap(container, data, root).build();
          container.dataset.drawn = "yes";
          container.dataset.drawnAt = String(Math.round(performance.now())); // read by benchmarks/bench_build.py
          document.dispatchEvent(new CustomEvent("chronology:map-drawn"));
        })
        .catch(function (err) {
          container.dataset.drawn = "no";
          document.dispatchEvent(new CustomEvent("chronology:map-drawn"));
          if (window.console) {
            window.console.warn("map: " + err.message);
          }
        });
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
