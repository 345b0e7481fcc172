// The search page. Everything a search is lives in the URL (words, filters, dates, order,
// page), so a search is a link that lasts and back and forward work. The worker searches;
// only the answer to the newest question is shown. Results are built as DOM nodes:
// document text never becomes HTML.
(function () {
  "use strict";
  const root = document.querySelector("[data-search]");
  if (!root) return;
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const sortSelect = form.querySelector("select[name=sorteer]");
  const perSelect = form.querySelector("select[name=aantal]");
  const fromInput = form.querySelector("input[name=vanaf]");
  const toInput = form.querySelector("input[name=tot]");
  const status = root.querySelector("[data-status]");
  const chips = root.querySelector("[data-chips]");
  const list = root.querySelector("[data-results]");
  const facets = root.querySelector("[data-facets]");
  const pager = root.querySelector("[data-pager]");
  const PER_PAGE = 10;
  // The words of the interface, in the page's language (<html lang>): Dutch, or English.
  // The URL parameters and the query language stay Dutch in both, so a link is the same.
  const MESSAGES = {
    nl: {
      locale: "nl-NL",
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
      facets: { type: "Type", org: "Organisatie", grond: "Grond", jaar: "Jaar" },
      dateUnknown: "datum onbekend",
      date: "Datum",
      dateFrom: (d) => `vanaf ${d}`,
      dateTo: (d) => `tot en met ${d}`,
      removeFilter: (t) => `Filter ${t} verwijderen`,
      activeFilters: "Actieve filters",
      refine: "Verfijnen",
      previous: "Vorige",
      next: "Volgende",
      page: (n) => `Pagina ${n}`,
      noneFiltered: "Geen document gevonden binnen de filters. Haal een filter weg om ruimer te zoeken.",
      none: "Geen document gevonden. Probeer minder of andere woorden.",
      documents: ["document", "documenten"],
      anyWord: " met een van de woorden (geen document heeft ze alle)",
      typo: " (ook woorden met een tikfout)",
      allWords: " met alle woorden",
      filtered: ", binnen de filters",
      shown: (a, b) => `; ${a}–${b} getoond`,
      newest: ", nieuwste eerst",
      oldest: ", oudste eerst",
      asGround: (code) => `${code} als weigeringsgrond (ook documenten waarin die is toegepast)`,
      asDate: (p) => `als datum ${p} (ook documenten van die datum)`,
      readAs: "Gelezen",
      typeQuery: "Typ een zoekvraag.",
      searching: "Zoeken…",
      failed: "Zoeken lukt nu niet: ",
    },
    en: {
      locale: "en-GB",
      months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
      facets: { type: "Type", org: "Organisation", grond: "Ground", jaar: "Year" },
      dateUnknown: "date unknown",
      date: "Date",
      dateFrom: (d) => `from ${d}`,
      dateTo: (d) => `up to and including ${d}`,
      removeFilter: (t) => `Remove filter ${t}`,
      activeFilters: "Active filters",
      refine: "Refine",
      previous: "Previous",
      next: "Next",
      page: (n) => `Page ${n}`,
      noneFiltered: "No document found within the filters. Remove a filter to search more widely.",
      none: "No document found. Try fewer or other words (the documents are in Dutch).",
      documents: ["document", "documents"],
      anyWord: " with any of the words (no document has them all)",
      typo: " (also words with a typo)",
      allWords: " with all the words",
      filtered: ", within the filters",
      shown: (a, b) => `; ${a}–${b} shown`,
      newest: ", newest first",
      oldest: ", oldest first",
      asGround: (code) => `${code} as a refusal ground (also documents where it was applied)`,
      asDate: (p) => `as the date ${p} (also documents of that date)`,
      readAs: "Read",
      typeQuery: "Type a search.",
      searching: "Searching…",
      failed: "Search does not work now: ",
    },
  };
  const T = MESSAGES[document.documentElement.lang] || MESSAGES.nl;
  // The facets: URL parameter (also the query language's filter name), heading.
  const FACETS = ["type", "org", "grond", "jaar"].map((key) => [key, T.facets[key]]);
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  // Asking the worker. Every question has an id; an answer to an older search than the
  // newest is dropped, however late it comes. (The ZIP of a search asks too, in between:
  // `sent` counts all questions, `asked` is the newest search shown.)
  const worker = new Worker(root.dataset.worker);
  let sent = 0;
  let asked = 0;
  const pending = new Map();
  worker.onmessage = (event) => {
    const done = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (done) done(event.data);
  };
  function ask(query, offset, perPage) {
    sent += 1;
    const id = sent;
    return new Promise((resolve) => {
      pending.set(id, (answer) => resolve({ id, answer }));
      worker.postMessage({ id, wasmUrl: root.dataset.wasm, bundleUrl: root.dataset.bundle, query, offset, limit: perPage, sentAt: performance.timeOrigin + performance.now() });
    });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach((c) => node.append(c));
    return node;
  }
  const MONTHS = T.months;
  // A day in the page's language: "23 november 2026", "23 November 2026".
  function dateText(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  // A range of YYYYMMDD numbers as a reader says it: a day, a month, a year, or from–to.
  function period(from, to) {
    const iso = (n) => `${String(n).slice(0, 4)}-${String(n).slice(4, 6)}-${String(n).slice(6, 8)}`;
    if (from === to) return dateText(iso(from));
    if (from % 10000 === 101 && to - from === 1130) return String(Math.floor(from / 10000));
    if (from % 100 === 1 && to - from === 30) return `${MONTHS[Math.floor(from / 100) % 100 - 1]} ${Math.floor(from / 10000)}`;
    return `${dateText(iso(from))} – ${dateText(iso(to))}`;
  }
  const plural = (n, one, many) => `${n.toLocaleString(T.locale)} ${n === 1 ? one : many}`;

  // The search as the URL holds it, and back.
  function state() {
    const params = new URLSearchParams(location.search);
    const filters = [];
    FACETS.forEach(([key]) => {
      params.getAll(key).forEach((value) => {
        if (value && !filters.some((f) => f.key === key && f.value === value)) filters.push({ key, value });
      });
    });
    const date = (name) => (DATE.test(params.get(name) || "") ? params.get(name) : "");
    return {
      q: (params.get("q") || "").trim(),
      filters,
      from: date("vanaf"),
      to: date("tot"),
      sort: ["nieuw", "oud"].includes(params.get("sorteer")) ? params.get("sorteer") : "",
      page: Math.max(1, parseInt(params.get("p") || "1", 10) || 1),
      // Results per page: the choices offer 10, 25 and 50; a link may say any up to 100.
      per: Math.min(100, Math.max(1, parseInt(params.get("aantal") || "", 10) || PER_PAGE)),
    };
  }
  function urlOf(s) {
    const url = new URL(location.href);
    url.search = "";
    if (s.q) url.searchParams.set("q", s.q);
    s.filters.forEach((f) => url.searchParams.append(f.key, f.value));
    if (s.from) url.searchParams.set("vanaf", s.from);
    if (s.to) url.searchParams.set("tot", s.to);
    if (s.sort) url.searchParams.set("sorteer", s.sort);
    if (s.per !== PER_PAGE) url.searchParams.set("aantal", String(s.per));
    if (s.page > 1) url.searchParams.set("p", String(s.page));
    return url;
  }
  // What the worker is asked: the words, then the filters in the query language.
  function queryOf(s) {
    const parts = [s.q];
    s.filters.forEach((f) => parts.push(`${f.key}:"${f.value.replace(/"/g, "")}"`));
    if (s.from || s.to) parts.push(`datum:${s.from || "0001-01-01"}..${s.to || "9999-12-31"}`);
    if (s.sort) parts.push(`sorteer:${s.sort}`);
    return parts.filter(Boolean).join(" ");
  }
  // Where focus goes once the new page of results is there: a CSS selector, tried in turn.
  let focusAfter = [];
  function go(next, focus) {
    focusAfter = focus || [];
    history.pushState({}, "", urlOf(next));
    run();
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
  function hitItem(hit, s) {
    const base = root.dataset.documents.endsWith("/") ? root.dataset.documents : root.dataset.documents + "/";
    // The document page marks the words this hit matched, as the index matched them.
    const params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    (hit.words || []).forEach((w) => params.append("w", w));
    const href = `${base}${hit.id}/${params.toString() ? "?" + params : ""}`;
    const meta = [hit.date ? dateText(hit.date) : T.dateUnknown, hit.doc_type].concat(hit.organisations.slice(0, 2)).join(" · ");
    // The documents are Dutch, whatever the language of the page.
    const dutch = T === MESSAGES.nl ? {} : { lang: "nl" };
    const text = snippet(hit);
    Object.entries(dutch).forEach(([k, v]) => text.setAttribute(k, v));
    return el("li", {}, el("h2", {}, el("a", { href, ...dutch }, hit.title)), el("p", { class: "muted" }, meta), text);
  }

  function chipList(s) {
    const items = s.filters.map((f) => {
      const label = FACETS.find(([key]) => key === f.key)[1];
      return { id: `${f.key}:${f.value}`, text: `${label}: ${f.value}`, without: { ...s, filters: s.filters.filter((g) => g !== f), page: 1 } };
    });
    if (s.from || s.to) {
      const text = `${T.date}: ${s.from && s.to ? `${dateText(s.from)} – ${dateText(s.to)}` : s.from ? T.dateFrom(dateText(s.from)) : T.dateTo(dateText(s.to))}`;
      items.push({ id: "datum", text, without: { ...s, from: "", to: "", page: 1 } });
    }
    if (!items.length) return null;
    const ul = el("ul", { class: "chips" });
    items.forEach((item, i) => {
      const button = el("button", { type: "button", class: "chip", "data-chip": item.id, "aria-label": T.removeFilter(item.text) }, item.text, el("span", { "aria-hidden": "true" }, " ×"));
      // Focus goes to the chip that takes this one's place, else the one before, else the box.
      const after = items[i + 1] || items[i - 1];
      button.addEventListener("click", () => go(item.without, after ? [`[data-chip="${CSS.escape(after.id)}"]`, "#zoekvraag"] : ["#zoekvraag"]));
      ul.append(el("li", {}, button));
    });
    return el("div", {}, el("h2", { class: "chips-heading" }, T.activeFilters), ul);
  }

  function facetBlocks(r, s) {
    const blocks = [];
    FACETS.forEach(([key, label]) => {
      const values = (r.facets[key] || []).slice(0, 12);
      if (!values.length) return;
      const ul = el("ul", { class: "plain" });
      values.forEach(([value, count]) => {
        const active = s.filters.some((f) => f.key === key && f.value === value);
        const button = el("button", { type: "button", "data-facet": `${key}:${value}`, "aria-pressed": String(active) }, `${value} (${count.toLocaleString(T.locale)})`);
        // A second click takes the filter away again; it is never added twice.
        const filters = active ? s.filters.filter((f) => !(f.key === key && f.value === value)) : s.filters.concat([{ key, value }]);
        button.addEventListener("click", () => go({ ...s, filters, page: 1 }, [`[data-facet="${CSS.escape(`${key}:${value}`)}"]`, `[data-chip="${CSS.escape(`${key}:${value}`)}"]`, "[data-status]"]));
        ul.append(el("li", {}, button));
      });
      blocks.push(el("section", { "aria-label": label }, el("h3", {}, label), ul));
    });
    return blocks.length ? [el("h2", {}, T.refine), ...blocks] : [];
  }

  function pageLinks(total, s) {
    const pages = Math.ceil(total / s.per);
    if (pages <= 1) return [];
    const link = (page, text, attrs) => {
      const a = el("a", { href: urlOf({ ...s, page }).href, ...attrs }, text);
      a.addEventListener("click", (event) => {
        event.preventDefault();
        go({ ...s, page }, ["[data-status]"]);
        root.scrollIntoView({ block: "start" });
      });
      return a;
    };
    const ul = el("ul", {});
    if (s.page > 1) ul.append(el("li", {}, link(s.page - 1, T.previous, { rel: "prev" })));
    let gap = false;
    for (let n = 1; n <= pages; n += 1) {
      if (n === 1 || n === pages || Math.abs(n - s.page) <= 2) {
        gap = false;
        ul.append(el("li", {}, n === s.page
          ? el("a", { href: urlOf(s).href, "aria-current": "page", "aria-label": T.page(n) }, String(n))
          : link(n, String(n), { "aria-label": T.page(n) })));
      } else if (!gap) {
        gap = true;
        ul.append(el("li", { "aria-hidden": "true" }, "…"));
      }
    }
    if (s.page < pages) ul.append(el("li", {}, link(s.page + 1, T.next, { rel: "next" })));
    return [ul];
  }

  // The sentence that says what was counted and how the query was read.
  function summary(r, s) {
    const first = (s.page - 1) * s.per + 1;
    const last = Math.min(r.total, first + s.per - 1);
    const narrowed = s.filters.length || s.from || s.to;
    if (!r.total) {
      return narrowed
        ? T.noneFiltered
        : T.none;
    }
    let text = plural(r.total, ...T.documents);
    if (r.relaxed === "any") text += T.anyWord;
    else if (r.relaxed === "typo") text += T.typo;
    else if (s.q) text += T.allWords;
    if (narrowed) text += T.filtered;
    if (r.total > s.per && r.hits.length) text += T.shown(first, last);
    if (s.sort) text += s.sort === "nieuw" ? T.newest : T.oldest;
    // Words the search also read as a ground or a date (see the query language).
    const readings = (r.readings || []).map((reading) => (reading.kind === "ground"
      ? T.asGround(reading.code)
      : T.asDate(period(reading.from, reading.to))));
    if (readings.length) text += `. ${T.readAs}: ${readings.join("; ")}`;
    return text + ".";
  }

  // Tells the page what is shown now (the ZIP of a search listens): the query, how many
  // documents it found, and a way to ask for its hits a batch at a time.
  function results(query, total) {
    const hits = (offset, limit) => ask(query, offset, limit).then(({ answer }) => answer);
    root.dispatchEvent(new CustomEvent("openbaar:results", { detail: { query, total, hits } }));
  }

  // The language switch keeps the search: the other language's page gets the same URL
  // parameters (they are the same in both).
  const languageSwitch = document.querySelector("a.lang-switch");
  async function run() {
    const started = performance.now();
    const s = state();
    if (languageSwitch) languageSwitch.search = location.search;
    input.value = s.q;
    sortSelect.value = s.sort;
    if (![...perSelect.options].some((o) => o.value === String(s.per))) perSelect.append(el("option", { value: String(s.per) }, String(s.per)));
    perSelect.value = String(s.per);
    fromInput.value = s.from;
    toInput.value = s.to;
    const query = queryOf(s);
    if (!s.q && !s.filters.length && !s.from && !s.to) {
      asked = 0; // an answer still under way is no longer wanted
      root.removeAttribute("aria-busy");
      results(query, 0);
      [chips, list, facets, pager].forEach((n) => n.replaceChildren());
      status.textContent = T.typeQuery;
      return;
    }
    root.setAttribute("aria-busy", "true");
    status.textContent = T.searching;
    asked = sent + 1;
    const { id, answer } = await ask(query, (s.page - 1) * s.per, s.per);
    // A newer question was asked meanwhile: its answer is the one to show.
    if (id !== asked) return;
    root.removeAttribute("aria-busy");
    if (answer.error) {
      [list, facets, pager].forEach((n) => n.replaceChildren());
      status.textContent = T.failed + answer.error;
      results(query, 0);
      return;
    }
    const r = answer.results;
    root.dataset.fetches = answer.stats.fetches;
    root.dataset.steps = answer.stats.steps;
    root.dataset.bytes = answer.stats.bytes;
    root.dataset.answered = String(id);
    chips.replaceChildren(...[chipList(s)].filter(Boolean));
    list.setAttribute("start", String((s.page - 1) * s.per + 1));
    list.replaceChildren(...r.hits.map((hit) => hitItem(hit, s)));
    facets.replaceChildren(...facetBlocks(r, s));
    pager.replaceChildren(...pageLinks(r.total, s));
    status.textContent = summary(r, s);
    results(query, r.total);
    root.dataset.timeline = `${answer.stats.timeline}; page ${Math.round(performance.now() - started)} ms`;
    const target = focusAfter.map((sel) => root.querySelector(sel)).find(Boolean);
    focusAfter = [];
    if (target) target.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const s = state();
    go({ ...s, q: input.value.trim(), sort: sortSelect.value, per: Number(perSelect.value), from: fromInput.value, to: toInput.value, page: 1 });
  });
  // The order, the page size and the dates apply at once.
  [sortSelect, perSelect, fromInput, toInput].forEach((control) => {
    control.addEventListener("change", () => {
      const s = state();
      const from = DATE.test(fromInput.value) ? fromInput.value : "";
      const to = DATE.test(toInput.value) ? toInput.value : "";
      if ((control === fromInput || control === toInput) && from === s.from && to === s.to) return;
      go({ ...s, sort: sortSelect.value, per: Number(perSelect.value), from, to, page: 1 }, [`#${control.id}`]);
    });
  });
  window.addEventListener("popstate", () => run());
  run();
})();
