/* The actor network (plotly.js scatter: edges as lines, actors as markers). */
(function () {
  "use strict";
  var data = window.MIGKG_NETWORK;
  var element = document.getElementById("network");
  var traces = [];
  // Names beside the dots only for actors named in several sessions (hover shows all).
  var counts = data.nodes.map(function (n) { return n.sessions.length; }).sort(function (a, b) { return b - a; });
  var labelled = Math.max(2, counts[Math.min(19, counts.length - 1)] || 1);
  var buckets = [[1, 1, "#c7c7c7", 0.6], [2, 2, "#9a9a9a", 1.5], [3, 1e9, "#555555", 3]];
  buckets.forEach(function (bucket) {
    var xs = [], ys = [];
    data.edges.forEach(function (edge) {
      if (edge[2] >= bucket[0] && edge[2] <= bucket[1]) {
        var a = data.nodes[edge[0]], b = data.nodes[edge[1]];
        xs.push(a.x, b.x, null);
        ys.push(a.y, b.y, null);
      }
    });
    traces.push({type: "scatter", mode: "lines", x: xs, y: ys, hoverinfo: "skip",
                 showlegend: false, line: {color: bucket[2], width: bucket[3]}});
  });
  var colours = {organisation: "#1f77b4", rec: "#2ca02c", rcp: "#d62728"};
  var names = {organisation: "international organisation", rec: "regional economic community",
               rcp: "regional consultative process"};
  Object.keys(colours).forEach(function (kind) {
    var nodes = data.nodes.filter(function (n) { return n.kind === kind; });
    if (!nodes.length) { return; }
    traces.push({
      type: "scatter", mode: "markers+text", name: names[kind],
      x: nodes.map(function (n) { return n.x; }), y: nodes.map(function (n) { return n.y; }),
      text: nodes.map(function (n) { return n.sessions.length >= labelled ? n.short : ""; }),
      hovertext: nodes.map(function (n) { return n.label; }), textposition: "top center",
      textfont: {size: 10},
      customdata: nodes.map(function (n) { return n.sessions.length; }),
      hovertemplate: "%{hovertext}<br>named in %{customdata} session(s)<extra>" + names[kind] + "</extra>",
      marker: {color: colours[kind], line: {color: "#fff", width: 1},
               size: nodes.map(function (n) { return 8 + 3 * Math.sqrt(n.sessions.length); })}
    });
  });
  var layout = {
    height: 760, margin: {l: 10, r: 10, t: 10, b: 10}, hovermode: "closest",
    xaxis: {visible: false}, yaxis: {visible: false, scaleanchor: "x"},
    legend: {orientation: "h"}
  };
  Plotly.newPlot(element, traces, layout, {displaylogo: false, responsive: true}).then(function () {
    element.setAttribute("data-ready", "1");
  });
}());
