// Overview: events over time by QuadClass, top dyads, languages and sources.
"use strict";

(async () => {
  const { t, api, plot, showError, empty, json, QUAD_COLORS } = window.Aliansi;
  const stats = json("page-data").stats;

  const timeline = document.getElementById("timeline");
  try {
    const rows = await api("/api/timeline", { freq: "month" });
    if (!rows.length) empty(timeline);
    else {
      const traces = [1, 2, 3, 4].map((q) => ({
        type: "bar", name: t[`quad.${q}`], x: rows.map((r) => r.period), y: rows.map((r) => r[`quad${q}`]),
        marker: { color: QUAD_COLORS[q] }, hovertemplate: "%{x|%b %Y}: %{y:.1f}<extra>%{fullData.name}</extra>",
      }));
      // Zoom to the articles' own span: events recalled from decades ago stay reachable by zooming out.
      const range = stats.first_article_date && stats.last_article_date
        ? [shift(stats.first_article_date, -45), shift(stats.last_article_date, 45)] : undefined;
      plot(timeline, traces, { barmode: "stack", xaxis: { type: "date", range }, yaxis: { title: { text: t["stats.events"] } },
        legend: { orientation: "h", y: -0.18, traceorder: "normal" } });
    }
  } catch (error) { showError(timeline, error); }

  const dyads = document.getElementById("top-dyads");
  try {
    const rows = (await api("/api/dyads", { limit: 10 })).reverse();
    if (!rows.length) empty(dyads);
    else {
      const labels = rows.map((r) => `${r.a} – ${r.b}`);
      const traces = [1, 2, 3, 4].map((q) => ({
        type: "bar", orientation: "h", name: t[`quad.${q}`], y: labels, x: rows.map((r) => r[`quad${q}`]),
        marker: { color: QUAD_COLORS[q] }, customdata: rows.map((r) => [r.a, r.b]),
      }));
      plot(dyads, traces, { barmode: "stack", margin: { l: 8, r: 16, t: 8, b: 40 }, yaxis: { automargin: true }, showlegend: false });
      // A bar leads to the dyad explorer for that pair.
      dyads.on("plotly_click", (event) => {
        const [a, b] = event.points[0].customdata;
        window.location.href = `/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
      });
    }
  } catch (error) { showError(dyads, error); }

  pie(document.getElementById("languages"), stats.languages);
  bars(document.getElementById("outlets"), stats.outlets.slice(0, 12));

  function pie(container, counts) {
    if (!counts.length) return empty(container);
    plot(container, [{ type: "pie", labels: counts.map((c) => c.value || "?"), values: counts.map((c) => c.count),
      hole: 0.45, textinfo: "label+value", marker: { colors: ["#1f5f99", "#8fbfe0", "#f0a04b", "#148f77"] } }],
    { margin: { l: 8, r: 8, t: 8, b: 8 }, showlegend: false });
  }

  function bars(container, counts) {
    if (!counts.length) return empty(container);
    const rows = counts.slice().reverse();
    plot(container, [{ type: "bar", orientation: "h", y: rows.map((c) => c.value || t["overview.no_source"]), x: rows.map((c) => c.count),
      marker: { color: "#1f5f99" } }], { margin: { l: 8, r: 16, t: 8, b: 32 }, yaxis: { automargin: true }, showlegend: false });
  }

  function shift(isoDate, days) {
    const date = new Date(`${isoDate}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }
})();
