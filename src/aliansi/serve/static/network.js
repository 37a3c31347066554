// Network: actors as nodes (coloured by the alignment pole they counted for at the period's end,
// diamonds for blocs), cooperation and conflict as edges. Clicking an edge lists its events.
"use strict";

(async () => {
  const { t, api, plot, showError, empty, eventTable, json, POLE_COLORS } = window.Aliansi;
  const params = json("page-data");
  const chart = document.getElementById("network-chart");
  const list = document.getElementById("edge-events");
  const COOPERATION = "#239b56";  // green and orange: not the poles' blue and red
  const CONFLICT = "#e67e22";
  const MIXED = "#95a5a6";

  let data;
  try {
    data = await api("/api/network", { since: params.since, until: params.until });
  } catch (error) {
    return showError(chart, error);
  }
  if (!data.nodes.length) return empty(chart);

  const at = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
  const colorOf = (edge) => (edge.cooperation > edge.conflict ? COOPERATION : edge.conflict > edge.cooperation ? CONFLICT : MIXED);
  const traces = data.edges.map((edge) => ({
    type: "scatter", mode: "lines", x: [at[edge.a].x, at[edge.b].x], y: [at[edge.a].y, at[edge.b].y],
    line: { color: colorOf(edge), width: 1 + 1.6 * Math.log2(1 + edge.events) }, opacity: 0.7,
    hoverinfo: "skip", showlegend: false,
  }));
  // Edge midpoints carry the hover text and the click: Plotly reports clicks on points, not on lines.
  traces.push({
    type: "scatter", mode: "markers", name: "edges", showlegend: false,
    x: data.edges.map((e) => (at[e.a].x + at[e.b].x) / 2), y: data.edges.map((e) => (at[e.a].y + at[e.b].y) / 2),
    marker: { size: 9, color: data.edges.map(colorOf), line: { color: "#fff", width: 1 } },
    customdata: data.edges.map((e) => [e.a, e.b]),
    text: data.edges.map((e) => `${e.a} – ${e.b}: ${e.events} ${t["stats.events"]} (+${e.cooperation} / −${e.conflict}),`
      + ` Goldstein ${e.goldstein_mean === null ? "–" : e.goldstein_mean.toFixed(1)}`),
    hovertemplate: "%{text}<extra></extra>",
  });
  const poles = [...data.poles.map((p) => p.code), null];
  poles.forEach((pole, i) => {
    const nodes = data.nodes.filter((n) => n.pole === pole);
    if (!nodes.length) return;
    const name = pole ? data.poles.find((p) => p.code === pole).name : t["network.other"];
    traces.push({
      type: "scatter", mode: "markers+text", name, x: nodes.map((n) => n.x), y: nodes.map((n) => n.y),
      text: nodes.map((n) => n.id), textposition: "top center", textfont: { size: 11 },
      customdata: nodes.map((n) => [n.id, n.name, n.events]),
      hovertemplate: "%{customdata[1]} (%{customdata[0]}): %{customdata[2]} " + t["stats.events"] + "<extra></extra>",
      marker: { size: nodes.map((n) => 10 + 3 * Math.sqrt(n.events)), symbol: nodes.map((n) => (n.kind === "bloc" ? "diamond" : "circle")),
        color: pole ? POLE_COLORS[i % POLE_COLORS.length] : "#b0b8c1", line: { color: "#fff", width: 1.5 } },
    });
  });
  traces.push(legendLine(t["network.cooperation"], COOPERATION), legendLine(t["network.conflict"], CONFLICT));
  const hidden = { visible: false, range: [-1.12, 1.12] };
  plot(chart, traces, { xaxis: hidden, yaxis: { ...hidden, range: [-1.12, 1.18] }, shapes: blocAreas(),
    margin: { l: 8, r: 8, t: 8, b: 8 }, legend: { orientation: "h", x: 0, y: 1.0, yanchor: "bottom" } });

  chart.on("plotly_click", (event) => {
    const point = event.points[0];
    if (!point.customdata) return;
    showEvents(...(point.data.name === "edges" ? point.customdata : [point.customdata[0], null]));
  });
  // Start with the busiest pair, so the list under the graph is never blank.
  const busiest = data.edges.reduce((best, e) => (e.events > best.events ? e : best), data.edges[0]);
  if (busiest) showEvents(busiest.a, busiest.b, { scroll: false });

  // A tinted area behind each pole's members, so the blocs read as groups.
  function blocAreas() {
    return data.poles.map((pole, i) => {
      const members = data.nodes.filter((n) => n.pole === pole.code);
      if (members.length < 2) return null;
      const xs = members.map((n) => n.x);
      const ys = members.map((n) => n.y);
      const pad = 0.08;
      const color = POLE_COLORS[i % POLE_COLORS.length];
      return { type: "circle", layer: "below", xref: "x", yref: "y", x0: Math.min(...xs) - pad, x1: Math.max(...xs) + pad,
        y0: Math.min(...ys) - pad, y1: Math.max(...ys) + pad, fillcolor: color, opacity: 0.07, line: { color, width: 1, dash: "dot" } };
    }).filter(Boolean);
  }

  async function showEvents(a, b, { scroll = true } = {}) {
    const heading = document.getElementById("edge-heading");
    heading.textContent = b ? `${t["dyad.events"]}: ${a} – ${b}` : `${t["dyad.events"]}: ${a}`;
    try {
      const page = await api("/api/events", { ...(b ? { dyad: `${a},${b}` } : { actor: a }),
        since: data.since, until: data.until, modality: "asserted", negated: false, limit: 100 });
      if (!page.items.length) empty(list);
      else list.replaceChildren(eventTable(page.items));
      if (scroll) list.scrollIntoView({ behavior: "smooth", block: "start" });
    } catch (error) { showError(list, error); }
  }

  function legendLine(name, color) {
    return { type: "scatter", mode: "lines", x: [null], y: [null], name, line: { color, width: 3 }, hoverinfo: "skip" };
  }
})();
