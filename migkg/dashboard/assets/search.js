/* Search over the text of every insight, in the browser (data/search.js). */
(function () {
  "use strict";
  var data = window.MIGKG_SEARCH;
  var box = document.getElementById("search-box");
  var count = document.getElementById("search-count");
  var results = document.getElementById("search-results");
  var MAX_SHOWN = 200;
  var folded = null;
  var timer = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function highlighted(text, word) {
    var span = el("span");
    var at = text.toLowerCase().indexOf(word);
    if (!word || at < 0) { span.textContent = text; return span; }
    span.appendChild(document.createTextNode(text.slice(0, at)));
    span.appendChild(el("mark", text.slice(at, at + word.length)));
    span.appendChild(document.createTextNode(text.slice(at + word.length)));
    return span;
  }

  function run() {
    var query = fold(box.value.trim());
    var words = query.split(/\s+/).filter(function (w) { return w.length; });
    results.textContent = "";
    if (!words.length) { count.textContent = ""; return; }
    if (folded === null) { folded = data.insights.map(function (row) { return fold(row[3]); }); }
    var hits = [];
    for (var i = 0; i < folded.length; i += 1) {
      if (words.every(function (w) { return folded[i].indexOf(w) >= 0; })) { hits.push(i); }
    }
    count.textContent = hits.length + " statement(s) found" +
      (hits.length > MAX_SHOWN ? "; the first " + MAX_SHOWN + " are shown" : "");
    hits.slice(0, MAX_SHOWN).forEach(function (index) {
      var row = data.insights[index];
      var session = data.sessions[row[0]];
      var item = el("li", null, {"class": "hit"});
      var link = el("a", session.label + " · " + row[2], {href: "sessions/" + session.key + ".html#" + row[1]});
      item.appendChild(link);
      item.appendChild(el("blockquote")).appendChild(highlighted(row[3], box.value.trim().split(/\s+/)[0].toLowerCase()));
      item.appendChild(el("p", session.source + (row[4] !== null ? ", characters " + row[4] + "–" + row[5] : ""),
                          {"class": "where"}));
      results.appendChild(item);
    });
  }

  box.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(run, 120);
  });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  var match = /[#&]q=([^&]*)/.exec(window.location.hash);
  if (match) { box.value = decodeURIComponent(match[1]); run(); }
}());
