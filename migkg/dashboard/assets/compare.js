/* The compare view: what two sessions share and what only one has, computed here from
   the per-session sets in data/compare.js. */
(function () {
  "use strict";
  var data = window.MIGKG_COMPARE;
  var pickA = document.getElementById("session-a");
  var pickB = document.getElementById("session-b");
  var result = document.getElementById("compare-result");
  var byKey = {};

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  data.sessions.forEach(function (s) {
    byKey[s.key] = s;
    [pickA, pickB].forEach(function (pick) {
      var label = s.label + (s.title ? " — " + s.title : "");
      pick.appendChild(el("option", label.length > 110 ? label.slice(0, 109) + "…" : label,
                          {value: s.key}));
    });
  });

  function fromHash() {
    var found = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length === 2) { found[pair[0]] = decodeURIComponent(pair[1]); }
    });
    return found;
  }

  function evidence(session, entries) {
    var list = el("ul", null, {"class": "evidence"});
    entries.forEach(function (entry) {
      var item = el("li");
      var link = el("a", session.code || "?", {href: "sessions/" + session.key + ".html#" + entry[0]});
      item.appendChild(link);
      item.appendChild(document.createTextNode(entry[1] ? ": “" + entry[1] + "”" : ""));
      list.appendChild(item);
    });
    return list;
  }

  function column(title, items, dimension, sides) {
    var cell = el("td");
    var list = el("ul", null, {"class": "items"});
    items.forEach(function (item) {
      var entry = el("li");
      entry.appendChild(el("strong", data.labels[dimension][item] || item));
      sides.forEach(function (side) {
        var entries = ((data.sets[side.key] || {})[dimension] || {})[item];
        if (entries) { entry.appendChild(evidence(side, entries)); }
      });
      list.appendChild(entry);
    });
    cell.appendChild(items.length ? list : el("span", "none", {"class": "none"}));
    return cell;
  }

  function render() {
    var a = byKey[pickA.value], b = byKey[pickB.value];
    result.textContent = "";
    if (!a || !b) { return; }
    history.replaceState(null, "", "#a=" + encodeURIComponent(a.key) + "&b=" + encodeURIComponent(b.key));
    var table = el("table", null, {"class": "compare"});
    var head = el("tr");
    ["", "Shared", "Only in A: " + (a.code || "?") + " (" + (a.year || "n.d.") + ")",
     "Only in B: " + (b.code || "?") + " (" + (b.year || "n.d.") + ")"].forEach(function (t) {
      head.appendChild(el("th", t));
    });
    table.appendChild(head);
    var totals = {shared: 0, onlyA: 0, onlyB: 0};
    data.dimensions.forEach(function (dimension) {
      var setA = (data.sets[a.key] || {})[dimension.key] || {};
      var setB = (data.sets[b.key] || {})[dimension.key] || {};
      var shared = [], onlyA = [], onlyB = [];
      Object.keys(setA).sort().forEach(function (item) {
        (Object.prototype.hasOwnProperty.call(setB, item) ? shared : onlyA).push(item);
      });
      Object.keys(setB).sort().forEach(function (item) {
        if (!Object.prototype.hasOwnProperty.call(setA, item)) { onlyB.push(item); }
      });
      totals.shared += shared.length; totals.onlyA += onlyA.length; totals.onlyB += onlyB.length;
      var row = el("tr", null, {"data-dimension": dimension.key, "data-shared": shared.length,
                                "data-only-a": onlyA.length, "data-only-b": onlyB.length});
      row.appendChild(el("th", dimension.label));
      row.appendChild(column("Shared", shared, dimension.key, [a, b]));
      row.appendChild(column("Only A", onlyA, dimension.key, [a]));
      row.appendChild(column("Only B", onlyB, dimension.key, [b]));
      table.appendChild(row);
    });
    result.appendChild(el("p", "A: " + a.label + (a.title ? " — " + a.title : "") + ". B: " +
                          b.label + (b.title ? " — " + b.title : "") + ". " + totals.shared +
                          " items shared, " + totals.onlyA + " only in A, " + totals.onlyB +
                          " only in B.", {id: "compare-summary"}));
    result.appendChild(table);
    result.setAttribute("data-a", a.key);
    result.setAttribute("data-b", b.key);
  }

  var wanted = fromHash();
  if (data.sessions.length) {
    pickA.value = byKey[wanted.a] ? wanted.a : data.sessions[0].key;
    pickB.value = byKey[wanted.b] ? wanted.b : data.sessions[Math.min(1, data.sessions.length - 1)].key;
  }
  pickA.addEventListener("change", render);
  pickB.addEventListener("change", render);
  render();
}());
