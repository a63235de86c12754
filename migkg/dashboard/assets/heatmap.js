/* The sessions × GCM objectives heatmap of the overview page (plotly.js). */
(function () {
  "use strict";
  var data = window.MIGKG_HEATMAP;
  var element = document.getElementById("heatmap");
  var seen = {};
  var rows = data.sessions.map(function (s) {
    var label = (s.code || "?") + " · " + (s.event || "event unknown") + " (" + (s.year || "n.d.") + ")";
    if (label.length > 60) { label = label.slice(0, 59) + "…"; }
    var unique = label, n = 2;
    while (seen[unique]) { unique = label + " #" + n; n += 1; }
    seen[unique] = true;
    return unique;
  });
  var columns = data.objectives.map(function (o) {
    return o.number + (o.short ? " " + o.short : "");
  });
  var links = data.sessions.map(function (s, i) {
    return data.objectives.map(function (o, j) {
      return data.z[i][j] > 0 ? "sessions/" + s.key + ".html#objective-" + o.number : null;
    });
  });
  window.MIGKG_HEATMAP_LINKS = links;
  var perRow = data.sessions.length > 100 ? 14 : 24;
  var trace = {
    type: "heatmap", z: data.z, x: columns, y: rows, xgap: 1, ygap: 1,
    colorscale: [[0, "#f4f4f4"], [0.000001, "#d6e6f4"], [1, "#08306b"]],
    colorbar: {title: {text: "statements"}},
    hovertemplate: "%{y}<br>Objective %{x}<br>%{z} statement(s)<extra></extra>"
  };
  var layout = {
    height: Math.max(360, 220 + perRow * data.sessions.length),
    margin: {l: 380, r: 20, t: 20, b: 160},
    xaxis: {tickangle: -50, side: "bottom", fixedrange: true},
    yaxis: {autorange: "reversed", automargin: false, fixedrange: true, tickfont: {size: 11}}
  };
  Plotly.newPlot(element, [trace], layout, {displaylogo: false, responsive: true}).then(function () {
    element.on("plotly_click", function (event) {
      var point = event.points[0];
      var link = links[point.pointIndex[0]][point.pointIndex[1]];
      if (link) { window.location.href = link; }
    });
    element.setAttribute("data-ready", "1");
  });
}());
