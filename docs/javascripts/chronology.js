// The chronology's filters and sorting, in the page: no server and no third-party code.
//
// Reads the site's own index of events (assets/data/index.json, written by the generator), filters
// and sorts it as the reader asks, and lists the result. The filter lives in the page's address
// (?base=al-tanf&type=attack&sort=date&dir=asc), so a filtered view can be shared or bookmarked.
// Record text only ever reaches the page through textContent and setAttribute.
(function () {
  "use strict";

  var PAGE = 50;
  var FILTERS = ["from", "to", "type", "country", "base", "group", "weapon", "casualties"];
  var COLUMNS = [
    { key: "date", label: "Date" },
    { key: "kind", label: "Event" },
    { key: "where", label: "Where" },
    { key: "us", label: "U.S./coalition casualties" },
    { key: "killed", label: "Killed by the strike" },
  ];

  var siteRoot = window.chronologySite.root; // docs/javascripts/site.js

  function count(value, atLeast) {
    if (value === null || value === undefined) {
      return "not reported";
    }
    return atLeast ? "at least " + value : String(value);
  }

  // The same words as generator/render/pages.py us_casualties and strike_deaths.
  function usCasualties(e) {
    if (e.us_killed === null && e.us_injured === null) {
      return "not reported";
    }
    if (e.us_killed === 0 && e.us_injured === 0 && e.at_least.length === 0) {
      return "none";
    }
    var k = count(e.us_killed, e.at_least.indexOf("us_killed") >= 0);
    var i = count(e.us_injured, e.at_least.indexOf("us_injured") >= 0);
    if (e.us_killed === null) {
      return i + " injured; deaths not reported";
    }
    if (e.us_injured === null) {
      return k + " killed; injuries not reported";
    }
    return k + " killed, " + i + " injured";
  }

  function strikeDeaths(e) {
    return e.killed === null ? "not reported" : count(e.killed, e.at_least.indexOf("killed") >= 0) + " killed";
  }

  function dateText(e) {
    if (e.precision === "week") {
      var day = new Date(e.date + "T00:00:00Z");
      var monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86400000);
      return "week of " + monday.toISOString().slice(0, 10);
    }
    if (e.precision === "month") {
      return e.date.slice(0, 7) + " (month)";
    }
    return e.date;
  }

  function toEvents(index) {
    var fields = index.fields;
    return index.events.map(function (row) {
      var e = {};
      for (var i = 0; i < fields.length; i += 1) {
        e[fields[i]] = row[i];
      }
      e.site = e.base || "unnamed-" + e.country.toLowerCase();
      e.us = e.type === "attack" ? usCasualties(e) : "";
      e.killedText = e.type === "strike" ? strikeDeaths(e) : "";
      e.dateText = dateText(e);
      return e;
    });
  }

  var MATCHERS = {
    from: function (e, v) {
      return e.date >= v;
    },
    to: function (e, v) {
      return e.date <= v;
    },
    type: function (e, v) {
      return e.type === v;
    },
    country: function (e, v) {
      return e.country === v;
    },
    base: function (e, v) {
      return e.site === v;
    },
    group: function (e, v) {
      return e.groups.indexOf(v) >= 0;
    },
    weapon: function (e, v) {
      return e.weapons.indexOf(v) >= 0;
    },
    casualties: function (e, v) {
      if (v === "us") {
        return e.type === "attack" && ((e.us_killed || 0) > 0 || (e.us_injured || 0) > 0);
      }
      if (v === "us-killed") {
        return e.type === "attack" && (e.us_killed || 0) > 0;
      }
      if (v === "none") {
        return e.type === "attack" && e.us_killed === 0 && e.us_injured === 0;
      }
      if (v === "strike-deaths") {
        return e.type === "strike" && (e.killed || 0) > 0;
      }
      if (v === "unreported") {
        return e.type === "attack" ? e.us_killed === null && e.us_injured === null : e.killed === null;
      }
      return true;
    },
  };

  function number(value) {
    return value === null || value === undefined ? -1 : value;
  }

  var KEYS = {
    date: function (e) {
      return e.date;
    },
    kind: function (e) {
      return e.kind;
    },
    where: function (e) {
      return e.where;
    },
    us: function (e) {
      return e.type === "attack" ? number(e.us_killed) * 100000 + number(e.us_injured) : -2e9;
    },
    killed: function (e) {
      return e.type === "strike" ? number(e.killed) : -2;
    },
  };

  function compare(key, dir) {
    var get = KEYS[key] || KEYS.date;
    var sign = dir === "asc" ? 1 : -1;
    return function (a, b) {
      var x = get(a);
      var y = get(b);
      if (x < y) {
        return -sign;
      }
      if (x > y) {
        return sign;
      }
      return a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
    };
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // A table cell's text with each hyphenated word kept on one line, as pages.py nowrap_words does.
  function words(parent, text) {
    text.split(/(\s+)/).forEach(function (part) {
      if (part.indexOf("-") >= 0 && !/\s/.test(part)) {
        parent.appendChild(el("span", { class: "nw" }, part));
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
    return parent;
  }

  function Chronology(form, results, status, events, root) {
    this.form = form;
    this.results = results;
    this.status = status;
    this.events = events;
    this.root = root;
    this.shown = PAGE;
    this.sort = "date";
    this.dir = "desc";
  }

  Chronology.prototype.readAddress = function () {
    var params = new URLSearchParams(window.location.search);
    var form = this.form;
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name) || "";
      if (field.tagName === "SELECT" && value && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        value = "";
      }
      field.value = value;
    });
    this.sort = KEYS[params.get("sort")] ? params.get("sort") : "date";
    this.dir = params.get("dir") === "asc" ? "asc" : "desc";
    this.showOrder();
  };

  // The "Sort by" list says the order in use, whether it was chosen there or with a column's button.
  Chronology.prototype.showOrder = function () {
    var select = this.form.elements.order;
    var value = this.sort + "-" + this.dir;
    var known = select.querySelector('option[value="' + value + '"]');
    if (!known) {
      known = el("option", { value: value }, "As sorted by the table");
      select.appendChild(known);
    }
    select.value = value;
  };

  Chronology.prototype.writeAddress = function () {
    var params = new URLSearchParams();
    var form = this.form;
    FILTERS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) {
        params.set(name, value);
      }
    });
    if (this.sort !== "date" || this.dir !== "desc") {
      params.set("sort", this.sort);
      params.set("dir", this.dir);
    }
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
  };

  // The answer first, the address a moment later: updating the history can take longer than the filter.
  Chronology.prototype.writeAddressSoon = function () {
    var self = this;
    window.clearTimeout(this.addressTimer);
    this.addressTimer = window.setTimeout(function () {
      self.writeAddress();
    }, 0);
  };

  Chronology.prototype.matching = function () {
    var form = this.form;
    var active = FILTERS.map(function (name) {
      return [MATCHERS[name], form.elements[name].value];
    }).filter(function (pair) {
      return pair[1];
    });
    return this.events.filter(function (e) {
      for (var i = 0; i < active.length; i += 1) {
        if (!active[i][0](e, active[i][1])) {
          return false;
        }
      }
      return true;
    });
  };

  Chronology.prototype.row = function (e) {
    var tr = el("tr", { class: e.type });
    tr.appendChild(el("td", { class: "date" }, e.dateText));
    var cell = el("td");
    cell.appendChild(words(el("a", { href: new URL("events/" + e.id + "/", this.root).pathname }), e.kind));
    tr.appendChild(cell);
    tr.appendChild(words(el("td"), e.where));
    [
      [e.us, "U.S./coalition"],
      [e.killedText, "Killed by the strike"],
    ].forEach(function (pair) {
      var text = pair[0];
      if (text) {
        tr.appendChild(el("td", { "data-label": pair[1] }, text));
      } else {
        var na = el("td", { class: "na" });
        na.appendChild(el("span", { "aria-hidden": "true" }, "–"));
        na.appendChild(el("span", { class: "sr-only" }, "not applicable"));
        tr.appendChild(na);
      }
    });
    return tr;
  };

  Chronology.prototype.sorted = function () {
    // The index lists events by date then id, oldest first: sorting by date needs no comparison at all.
    var found = this.matching();
    if (this.sort === "date") {
      return this.dir === "asc" ? found : found.reverse();
    }
    return found.sort(compare(this.sort, this.dir));
  };

  // The table, its head and the pager are built once; a change only swaps the rows in the body and
  // updates the head's sort marks. Rows are built once per event and kept, so returning to a filter
  // lays out rows the page already made.
  Chronology.prototype.skeleton = function () {
    var wrap = el("div", { class: "table-wrap", role: "region", "aria-label": "Events found", tabindex: "0" });
    var table = el("table", { class: "data events" });
    var head = el("tr");
    this.headers = COLUMNS.map(function (column) {
      var th = el("th", { scope: "col" });
      th.appendChild(el("button", { type: "button", "data-sort": column.key }, column.label));
      head.appendChild(th);
      return { key: column.key, cell: th };
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    this.body = el("tbody");
    table.appendChild(this.body);
    wrap.appendChild(table);
    this.more = el("p", { class: "pager-more" });
    this.moreButton = el("button", { type: "button", class: "md-button", "data-more": "1" });
    this.more.appendChild(this.moreButton);
    this.rows = new Map();
    this.results.replaceChildren(wrap, this.more);
  };

  Chronology.prototype.rowOf = function (e) {
    var tr = this.rows.get(e.id);
    if (!tr) {
      tr = this.row(e);
      this.rows.set(e.id, tr);
    }
    return tr;
  };

  Chronology.prototype.render = function () {
    var self = this;
    var found = this.sorted();
    if (!this.body) {
      this.skeleton();
    }
    this.headers.forEach(function (header) {
      if (header.key === self.sort) {
        header.cell.setAttribute("aria-sort", self.dir === "asc" ? "ascending" : "descending");
      } else {
        header.cell.removeAttribute("aria-sort");
      }
    });
    var rows = document.createDocumentFragment();
    found.slice(0, this.shown).forEach(function (e) {
      rows.appendChild(self.rowOf(e));
    });
    this.body.replaceChildren(rows);
    var left = found.length - this.shown;
    this.more.hidden = left <= 0;
    this.moreButton.textContent = "Show " + Math.min(PAGE, Math.max(left, 0)) + " more";
    var total = this.events.length;
    this.status.textContent =
      found.length === total
        ? "All " + total + " events, " + (found.length > this.shown ? "the first " + this.shown + " shown." : "all shown.")
        : found.length +
          " of " +
          total +
          " events match" +
          (found.length > this.shown ? "; the first " + this.shown + " are shown." : ".");
    this.results.dataset.count = String(found.length);
  };

  Chronology.prototype.start = function () {
    var self = this;
    this.readAddress();
    this.form.hidden = false;
    this.form.addEventListener("change", function (event) {
      if (event.target === self.form.elements.order) {
        var parts = self.form.elements.order.value.split("-");
        self.sort = KEYS[parts[0]] ? parts[0] : "date";
        self.dir = parts[1] === "asc" ? "asc" : "desc";
      }
      self.shown = PAGE;
      self.render();
      self.writeAddressSoon();
    });
    this.form.addEventListener("reset", function () {
      window.setTimeout(function () {
        self.sort = "date";
        self.dir = "desc";
        self.showOrder();
        self.shown = PAGE;
        self.render();
        self.writeAddressSoon();
      }, 0);
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    this.results.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) {
        return;
      }
      if (target.dataset.sort) {
        var key = target.dataset.sort;
        self.dir = self.sort === key && self.dir === "desc" ? "asc" : self.sort === key ? "desc" : key === "date" ? "desc" : "asc";
        self.sort = key;
        self.showOrder();
        self.render();
        self.writeAddressSoon();
        var again = self.results.querySelector('button[data-sort="' + key + '"]');
        if (again) {
          again.focus();
        }
      } else if (target.dataset.more) {
        self.shown += PAGE;
        self.render();
      }
    });
    this.render();
    this.results.dataset.ready = "yes";
  };

  function init() {
    var form = document.getElementById("filters");
    var results = document.getElementById("filter-results");
    var status = document.getElementById("filter-status");
    if (!form || !results || !status || form.dataset.started === "yes") {
      return;
    }
    form.dataset.started = "yes";
    var root = siteRoot();
    fetch(new URL("assets/data/index.json", root), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (index) {
        new Chronology(form, results, status, toEvents(index), root).start();
      })
      .catch(function (err) {
        if (window.console) {
          window.console.warn("chronology filter: " + err.message);
        }
      });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
