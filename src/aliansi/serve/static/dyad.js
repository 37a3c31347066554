// Dyad explorer: both directions over time (counts by QuadClass, mean Goldstein), events underneath.
"use strict";

(async () => {
  const { t, api, el, plot, showError, empty, eventTable, json, QUAD_COLORS } = window.Aliansi;
  const { a, b, freq, since, until } = json("page-data");
  const counts = document.getElementById("dyad-counts");
  const goldstein = document.getElementById("dyad-goldstein");
  const list = document.getElementById("dyad-events");
  if (!a || !b) return [counts, goldstein, list].forEach(empty);

  const forward = `${a}->${b}`;
  const backward = `${b}->${a}`;
  try {
    const data = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { freq, since, until });
    if (!data.series.length) {
      empty(counts);
      empty(goldstein);
    } else {
      const of = (direction) => data.series.filter((row) => row.direction === direction);
      const traces = [];
      [[forward, "x", "y"], [backward, "x2", "y2"]].forEach(([direction, xaxis, yaxis], i) => {
        const rows = of(direction);
        for (const q of [1, 2, 3, 4]) {
          traces.push({
            type: "bar", name: t[`quad.${q}`], legendgroup: `q${q}`, showlegend: i === 0, xaxis, yaxis,
            x: rows.map((r) => r.period), y: rows.map((r) => r[`quad${q}`]), marker: { color: QUAD_COLORS[q] },
            hovertemplate: `${direction} %{x|%b %Y}: %{y:.2f}<extra>%{fullData.name}</extra>`,
          });
        }
      });
      plot(counts, traces, {
        barmode: "stack", grid: { rows: 2, columns: 1, subplots: [["xy"], ["x2y2"]], roworder: "top to bottom" },
        xaxis2: { matches: "x" }, margin: { l: 48, r: 16, t: 28, b: 40 }, legend: { orientation: "h", y: -0.12, traceorder: "normal" },
        annotations: [title(forward, "y domain"), title(backward, "y2 domain")],
      });
      const line = (direction, color, dash) => {
        const rows = of(direction);
        return { type: "scatter", mode: "lines+markers", name: direction, x: rows.map((r) => r.period),
          y: rows.map((r) => r.goldstein_mean), connectgaps: false, line: { color, dash }, marker: { size: 7 } };
      };
      plot(goldstein, [line(forward, "#1f5f99", "solid"), line(backward, "#c0392b", "dot")], {
        yaxis: { range: [-10.5, 10.5], zeroline: true, zerolinecolor: "#888", title: { text: "Goldstein" } },
      });
    }
  } catch (error) {
    showError(counts, error);
    goldstein.replaceChildren();
  }

  try {
    const page = await api("/api/events", { dyad: `${a},${b}`, since, until, limit: 200, sort: "-date" });
    document.getElementById("dyad-total").textContent = `(${page.total})`;
    if (!page.items.length) empty(list);
    else list.replaceChildren(eventTable(page.items));
  } catch (error) { showError(list, error); }

  function title(text, yref) {
    return { text: `<b>${text}</b>`, xref: "paper", yref, x: 0, y: 1.08, xanchor: "left", showarrow: false };
  }
})();
