// Shared by every dashboard page: labels, API calls, DOM building and the charts' common look.
// Text from the database is always set with textContent (never innerHTML), so it cannot inject markup.
"use strict";

window.Aliansi = (() => {
  const json = (id) => {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  };
  const t = json("labels") || {};

  // QuadClass colours: blues for cooperation (verbal lighter), oranges and reds for conflict.
  const QUAD_COLORS = { 1: "#8fbfe0", 2: "#1f5f99", 3: "#f0a04b", 4: "#c0392b" };
  const POLE_COLORS = ["#1f5f99", "#c0392b", "#7d3c98", "#148f77", "#8d6e63"];

  async function api(path, params = {}) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params)) {
      if (value === null || value === undefined || value === "") continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, item);
    }
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.statusText);
      throw new Error(`${response.status}: ${detail}`);
    }
    return response.json();
  }

  // el("a", {href: "/x", class: "y"}, "text", otherNode)
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function showError(container, error) {
    container.replaceChildren(el("p", { class: "error" }, String(error.message || error)));
  }

  function empty(container) {
    container.replaceChildren(el("p", { class: "note" }, t["common.none"]));
  }

  const font = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", size: 12, color: "#1d2733" };

  function plot(container, traces, layout = {}) {
    const base = {
      font, margin: { l: 48, r: 16, t: 16, b: 40 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      legend: { orientation: "h", y: -0.18 }, hovermode: "closest",
    };
    // No logo link, no cloud buttons: the page talks to this host only.
    return Plotly.newPlot(container, traces, Object.assign(base, layout),
      { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] });
  }

  const articleHref = (articleId, eventId) =>
    `/articles/${encodeURIComponent(articleId)}` + (eventId ? `?event=${encodeURIComponent(eventId)}` : "");

  const modality = (e) => (e.negated ? t["modality.negated"] : t[`modality.${e.modality}`] || e.modality || "");

  // A table of events: date, source -> target, code, evidence (links to the sentence in its article).
  function eventTable(events) {
    const head = el("tr", {}, ["col.date", "col.source", "col.target", "col.event", "col.evidence", "col.confidence"]
      .map((key) => el("th", {}, t[key])));
    const rows = events.map((e) => el("tr", { class: `quad-${e.quad_class}` },
      el("td", { class: "nowrap" }, e.event_day || e.date || ""),
      el("td", {}, el("b", {}, e.source_code || "?"), " ", el("span", { class: "meta" }, e.source_text || "")),
      el("td", {}, el("b", {}, e.target_code || "—"), " ", el("span", { class: "meta" }, e.target_text || "")),
      el("td", {}, el("span", { class: "code" }, e.cameo), " ", e.cameo_name || "", " ",
        el("span", { class: `badge modality-${e.modality}${e.negated ? " negated" : ""}` }, modality(e))),
      el("td", {}, el("a", { href: articleHref(e.article_id, e.event_id) }, e.evidence_text || "…"),
        el("div", { class: "meta" }, e.article_title || e.article_id)),
      el("td", { class: "num" }, e.confidence == null ? "" : e.confidence.toFixed(2)),
    ));
    return el("table", { class: "rows events" }, el("thead", {}, head), el("tbody", {}, rows));
  }

  // The sentence with its evidence words in bold, when the words are found in it.
  function sentence(text, words) {
    const at = text && words ? text.indexOf(words) : -1;
    if (at < 0) return el("span", {}, text || words || "");
    return el("span", {}, text.slice(0, at), el("mark", {}, words), text.slice(at + words.length));
  }

  return { t, json, api, el, plot, showError, empty, eventTable, sentence, articleHref, QUAD_COLORS, POLE_COLORS };
})();
