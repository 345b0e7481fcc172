// The search page: the query lives in the URL (shareable; back and forward work), the
// worker searches, and results are built as DOM nodes: document text never becomes HTML.
(function () {
  "use strict";
  const root = document.querySelector("[data-search]");
  if (!root) return;
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[data-status]");
  const list = root.querySelector("[data-results]");
  const facets = root.querySelector("[data-facets]");
  const pager = root.querySelector("[data-pager]");
  const perPage = 10;
  const worker = new Worker(root.dataset.worker);
  let counter = 0;
  const pending = new Map();
  worker.onmessage = (event) => {
    const done = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (done) done(event.data);
  };
  function ask(query, offset) {
    counter += 1;
    const id = counter;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ id, wasmUrl: root.dataset.wasm, bundleUrl: root.dataset.bundle, query, offset, limit: perPage });
    });
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach((c) => node.append(c));
    return node;
  }
  function snippet(hit) {
    const p = el("p", { class: "snippet" });
    let at = 0;
    const bytes = new TextEncoder().encode(hit.snippet);
    const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
    hit.highlights.forEach(([s, e]) => {
      p.append(decode(at, s), el("mark", {}, decode(s, e)));
      at = e;
    });
    p.append(decode(at, bytes.length));
    return p;
  }
  const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
  function dateNl(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  const FACETS = [["type", "type", "Type"], ["org", "org", "Organisatie"], ["grond", "grond", "Grond"], ["jaar", "jaar", "Jaar"]];
  function go(query, page, push) {
    const url = new URL(location.href);
    url.searchParams.set("q", query);
    if (page > 1) url.searchParams.set("p", String(page)); else url.searchParams.delete("p");
    if (push) history.pushState({}, "", url);
    run();
  }
  async function run() {
    const params = new URLSearchParams(location.search);
    const query = (params.get("q") || "").trim();
    const page = Math.max(1, parseInt(params.get("p") || "1", 10) || 1);
    input.value = query;
    list.replaceChildren();
    facets.replaceChildren();
    pager.replaceChildren();
    if (!query) {
      status.textContent = "Typ een zoekvraag.";
      return;
    }
    status.textContent = "Zoeken…";
    const answer = await ask(query, (page - 1) * perPage);
    if (answer.error) {
      status.textContent = "Zoeken lukt nu niet: " + answer.error;
      return;
    }
    const r = answer.results;
    root.dataset.fetches = answer.stats.fetches;
    root.dataset.steps = answer.stats.steps;
    root.dataset.bytes = answer.stats.bytes;
    const relaxed = r.relaxed === "any" ? " (met een van de woorden)" : r.relaxed === "typo" ? " (ook met een tikfout)" : "";
    status.textContent = `${r.total} ${r.total === 1 ? "document" : "documenten"}${relaxed}`;
    const terms = query.split(/\s+/).filter((w) => w && !w.startsWith("-") && !w.includes(":")).join(" ");
    r.hits.forEach((hit) => {
      const base = root.dataset.documents.endsWith("/") ? root.dataset.documents : root.dataset.documents + "/";
      const href = `${base}${hit.id}/?q=${encodeURIComponent(terms)}`;
      const meta = [hit.date ? dateNl(hit.date) : "datum onbekend", hit.doc_type].concat(hit.organisations.slice(0, 2)).join(" · ");
      list.append(el("li", {}, el("h2", {}, el("a", { href }, hit.title)), el("p", { class: "muted" }, meta), snippet(hit)));
    });
    FACETS.forEach(([key, field, label]) => {
      const values = (r.facets[key] || []).slice(0, 12);
      if (!values.length) return;
      const ul = el("ul", { class: "plain" });
      values.forEach(([value, count]) => {
        const button = el("button", { type: "button", "data-facet": `${field}:${value}` }, `${value} (${count})`);
        button.addEventListener("click", () => go(`${query} ${field}:"${value}"`, 1, true));
        ul.append(el("li", {}, button));
      });
      facets.append(el("section", { "aria-label": label }, el("h3", {}, label), ul));
    });
    const pages = Math.ceil(r.total / perPage);
    if (pages > 1) {
      if (page > 1) {
        const prev = el("button", { type: "button" }, "Vorige");
        prev.addEventListener("click", () => go(query, page - 1, true));
        pager.append(prev);
      }
      pager.append(` Pagina ${page} van ${pages} `);
      if (page < pages) {
        const next = el("button", { type: "button" }, "Volgende");
        next.addEventListener("click", () => go(query, page + 1, true));
        pager.append(next);
      }
    }
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(input.value.trim(), 1, true);
  });
  window.addEventListener("popstate", run);
  run();
})();
