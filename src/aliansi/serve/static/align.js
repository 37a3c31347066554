// Alignment: the state's index over time with its 95% band, bloc membership changes on the time
// axis, and, for a clicked period, the events that weigh most with their sentences.
"use strict";

(async () => {
  const { t, api, el, plot, showError, empty, sentence, articleHref, json } = window.Aliansi;
  const params = json("page-data");
  const chart = document.getElementById("align-chart");
  const top = document.getElementById("align-top");
  const changes = document.getElementById("align-changes");
  if (!params.state) return [chart, top, changes].forEach(empty);

  let data;
  try {
    data = await api(`/api/align/${encodeURIComponent(params.state)}`,
      { blocs: params.blocs, freq: params.freq, since: params.since, until: params.until });
  } catch (error) {
    return showError(chart, error);
  }
  const [first, second] = data.blocs;
  document.getElementById("align-heading").textContent =
    `${t["align.score"]}: ${data.state_name || data.state} — +1 ${t["align.towards"]} ${first.code}, −1 ${t["align.towards"]} ${second.code}`;
  listChanges(data.membership_changes);
  if (!data.periods.length) return [chart, top].forEach(empty);

  const periods = data.periods;
  const x = periods.map((p) => p.period);
  const band = (key) => periods.map((p) => (p[key] === null ? p.score : p[key]));
  const traces = [
    { type: "scatter", mode: "lines", x, y: band("ci_high"), line: { width: 0 }, hoverinfo: "skip", showlegend: false },
    { type: "scatter", mode: "lines", x, y: band("ci_low"), fill: "tonexty", fillcolor: "rgba(31,95,153,0.18)",
      line: { width: 0 }, name: t["align.band"], hoverinfo: "skip" },
    { type: "scatter", mode: "lines+markers", x, y: periods.map((p) => p.score), name: t["align.score"],
      line: { color: "#1f5f99", width: 2 }, marker: { size: 8 },
      customdata: periods.map((p) => [p.events, p.ci_low, p.ci_high]),
      hovertemplate: "%{x|%b %Y}: %{y:+.2f} [%{customdata[1]:.2f}, %{customdata[2]:.2f}], %{customdata[0]} " + t["stats.events"] + "<extra></extra>" },
  ];
  // Membership changes: a dashed line at each date, solid red when it is the state's own membership.
  const shapes = data.membership_changes.map((c) => ({
    type: "line", xref: "x", yref: "paper", x0: c.date, x1: c.date, y0: 0, y1: 1,
    line: { color: c.involves_state ? "#c0392b" : "#7d8b99", width: c.involves_state ? 2 : 1, dash: c.involves_state ? "solid" : "dash" },
  }));
  const annotations = data.membership_changes.map((c, i) => ({
    x: c.date, xref: "x", y: 1 - (i % 4) * 0.07, yref: "paper", text: changeLabel(c), showarrow: false,
    xanchor: "left", font: { size: 10, color: c.involves_state ? "#c0392b" : "#4a5866" }, bgcolor: "rgba(255,255,255,0.8)",
  }));
  shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, yref: "y", y0: 0, y1: 0, line: { color: "#888", width: 1 } });
  plot(chart, traces, {
    yaxis: { range: [-1, 1], title: { text: `← ${second.code}   ·   ${first.code} →` }, zeroline: false },
    xaxis: { type: "date" }, shapes, annotations, margin: { l: 64, r: 16, t: 16, b: 40 },
  });

  chart.on("plotly_click", (event) => {
    const point = event.points.find((p) => p.curveNumber === 2) || event.points[0];
    showPeriod(periods[point.pointIndex]);
  });
  // Start with the period whose score is furthest from 0, so the evidence panel is never blank.
  showPeriod(periods.reduce((best, p) => (Math.abs(p.score) > Math.abs(best.score) ? p : best), periods[0]));

  function showPeriod(period) {
    document.getElementById("align-top-heading").textContent = `${t["align.top"]} ${period.period.slice(0, data.freq === "month" ? 7 : 10)}`;
    top.replaceChildren(...period.top_events.map((e) => el("li", { class: "top-event" },
      el("div", { class: "event-head" },
        el("span", { class: `contribution ${e.contribution >= 0 ? "pos" : "neg"}` }, (e.contribution >= 0 ? "+" : "") + e.contribution.toFixed(3)),
        " ", el("b", {}, `${e.source_code} → ${e.target_code}`), " ", el("span", { class: "code" }, e.cameo || ""), " ",
        e.cameo_name || "", " ", el("span", { class: "meta" }, `${e.date} · ${e.blocs.join(", ")}`)),
      el("blockquote", {}, sentence(e.evidence_sentence, e.evidence_text)),
      el("a", { href: articleHref(e.article_id, e.event_id), class: "meta" }, e.article_title || e.article_id),
    )));
  }

  function listChanges(list) {
    if (!list.length) return empty(changes);
    changes.replaceChildren(...list.map((c) => el("li", { class: c.involves_state ? "own" : "" },
      el("span", { class: "nowrap" }, c.date), " ", changeLabel(c))));
  }

  function changeLabel(c) {
    if (c.change === "left") return `${c.state} ✕ ${c.bloc}`;
    if (c.change === "joined" && c.status === "member") return `${c.state} → ${c.bloc}`;
    return `${c.state}: ${c.bloc} ${c.status}`;
  }
})();
