// "Originelen als ZIP" on the search page: the originals of every result of the search
// shown (all its pages, not only the one on screen), up to a cap, in one ZIP made in the
// browser by the site's one ZIP writer (zip-originals.js, window.OpenbaarZip).
// The results come from the search worker in batches, as pages of results do (search.js
// hands them over with its "openbaar:results" event); where each original is, its name
// and its size come from the list of originals the indexer writes beside the documents
// (documenten/originelen.json), fetched once, so the cap is known before any original is.
(function () {
  "use strict";
  const root = document.querySelector("[data-search]");
  const box = root && root.querySelector("[data-zip]");
  if (!box || !window.OpenbaarZip) return;
  const button = box.querySelector("button");
  const note = box.querySelector("[data-zip-note]");
  const progress = box.querySelector("progress");
  const count = box.querySelector("[data-zip-count]");
  const status = box.querySelector("[data-zip-status]");
  // A ZIP is held in memory until it is saved: a phone must manage it too. (The limits
  // are read when used, so a page may set data-max-files and data-max-bytes on the box.)
  const maxFiles = () => Number(box.dataset.maxFiles) || 200;
  const maxBytes = () => Number(box.dataset.maxBytes) || 200 * 1024 * 1024;
  // Results are asked for as pages of 50 (data-batch on the box may say otherwise).
  const batch = () => Number(box.dataset.batch) || 50;
  const PARALLEL = 4;
  // The originals are beside the Dutch document pages, whatever the page's language.
  const folder = root.dataset.originals || root.dataset.documents;
  const base = folder.endsWith("/") ? folder : folder + "/";
  // The words of the interface, in the page's language (<html lang>): Dutch, or English.
  const MESSAGES = {
    nl: {
      locale: "nl-NL",
      firstOf: (n, total) => `Originelen van de eerste ${n} van ${total} resultaten als ZIP`,
      all: (count, n) => `Originelen van ${count === 1 ? "het resultaat" : `alle ${n} resultaten`} als ZIP`,
      note: (files, size) => `Alle pagina's met resultaten, in de volgorde hierboven; hoogstens ${files} bestanden en ${size} per ZIP.`,
      starting: "ZIP wordt gemaakt: de resultaten en de lijst van originelen ophalen…",
      tooBig: (size) => `Niet gemaakt: het eerste origineel is al groter dan ${size}. Download het op de pagina van het document.`,
      noOriginals: "Niet gemaakt: geen van deze resultaten heeft een openbaar origineel.",
      fetching: (n, size) => `Bezig: ${n} originelen ophalen (${size})…`,
      progress: (done, n, got, size) => `${done} van ${n} bestanden, ${got} van ${size}`,
      overLimit: (left, n, limit) => `${left} resultaten na de eerste ${n} niet (grens ${limit} bestanden)`,
      overSize: (count, n, size) => `${n} ${count === 1 ? "resultaat" : "resultaten"} niet omdat de ZIP anders groter wordt dan ${size}`,
      withoutOriginal: (count, n) => `${n} ${count === 1 ? "resultaat heeft" : "resultaten hebben"} geen openbaar origineel`,
      done: (count, n, name, size) => `Klaar: ${n} ${count === 1 ? "origineel" : "originelen"} in ${name} (${size}).`,
      notIn: (list) => ` Niet erin: ${list}.`,
      failed: (why) => `Niet gelukt: ${why}`,
    },
    en: {
      locale: "en-GB",
      firstOf: (n, total) => `Originals of the first ${n} of ${total} results as ZIP`,
      all: (count, n) => `Originals of ${count === 1 ? "the result" : `all ${n} results`} as ZIP`,
      note: (files, size) => `All pages of results, in the order above; at most ${files} files and ${size} per ZIP.`,
      starting: "Making the ZIP: fetching the results and the list of originals…",
      tooBig: (size) => `Not made: the first original alone is larger than ${size}. Download it on the document's page.`,
      noOriginals: "Not made: none of these results has a released original.",
      fetching: (n, size) => `Busy: fetching ${n} originals (${size})…`,
      progress: (done, n, got, size) => `${done} of ${n} files, ${got} of ${size}`,
      overLimit: (left, n, limit) => `${left} results after the first ${n} (limit ${limit} files)`,
      overSize: (count, n, size) => `${n} ${count === 1 ? "result" : "results"} because the ZIP would otherwise be larger than ${size}`,
      withoutOriginal: (count, n) => `${n} ${count === 1 ? "result has" : "results have"} no released original`,
      done: (count, n, name, size) => `Done: ${n} ${count === 1 ? "original" : "originals"} in ${name} (${size}).`,
      notIn: (list) => ` Not in it: ${list}.`,
      failed: (why) => `Failed: ${why}`,
    },
  };
  const T = MESSAGES[document.documentElement.lang] || MESSAGES.nl;
  const number = (n) => n.toLocaleString(T.locale);
  const mb = (bytes) => `${(bytes / 1048576).toLocaleString(T.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;
  let current = null;
  let busy = false;

  function show() {
    box.hidden = !current;
    if (!current) return;
    const n = Math.min(current.total, maxFiles());
    button.textContent = current.total > n ? T.firstOf(number(n), number(current.total)) : T.all(n, number(n));
    note.textContent = T.note(number(maxFiles()), mb(maxBytes()));
  }
  root.addEventListener("openbaar:results", (event) => {
    current = event.detail.total ? event.detail : null;
    show();
  });

  // The ids of the first `wanted` results, a batch at a time.
  async function resultIds(search, wanted) {
    const ids = [];
    while (ids.length < wanted) {
      const answer = await search.hits(ids.length, Math.min(batch(), wanted - ids.length));
      if (answer.error) throw new Error(answer.error);
      if (!answer.results.hits.length) break;
      answer.results.hits.forEach((hit) => ids.push(hit.id));
    }
    return ids;
  }
  async function json(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return response.json();
  }
  // A file name from the query: "originelen-jeugdbescherming-noord.zip".
  function zipName(query) {
    const words = query.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9.]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
    return `originelen${words ? "-" + words : ""}.zip`;
  }

  async function make(search) {
    status.textContent = T.starting;
    const [limit, cap] = [maxFiles(), maxBytes()];
    const wanted = Math.min(search.total, limit);
    const [ids, originals] = await Promise.all([resultIds(search, wanted), json(`${base}originelen.json`)]);
    // In the order of the results, while the ZIP stays under the cap.
    const files = [];
    let bytes = 0;
    let without = 0;
    let full = 0;
    ids.forEach((id) => {
      const original = originals[id];
      if (!original) without += 1;
      else if (full || bytes + original.bytes > cap) full += 1;
      else {
        files.push(original);
        bytes += original.bytes;
      }
    });
    if (!files.length) {
      status.textContent = full ? T.tooBig(mb(cap)) : T.noOriginals;
      return;
    }
    status.textContent = T.fetching(number(files.length), mb(bytes));
    progress.max = bytes;
    progress.value = 0;
    progress.hidden = false;
    let done = 0;
    let got = 0;
    const tell = () => { count.textContent = T.progress(number(done), number(files.length), mb(got), mb(bytes)); };
    tell();
    const taken = {};
    const entries = files.map((file) => ({ name: window.OpenbaarZip.entryName(file.name, taken), url: base + file.url }));
    let next = 0;
    async function fetcher() {
      while (next < entries.length) {
        const entry = entries[next];
        next += 1;
        const response = await fetch(entry.url);
        if (!response.ok) throw new Error(`${entry.name}: HTTP ${response.status}`);
        entry.bytes = new Uint8Array(await response.arrayBuffer());
        done += 1;
        got += entry.bytes.length;
        progress.value = Math.min(got, bytes);
        tell();
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, entries.length) }, fetcher));
    const fileName = zipName(search.query);
    window.OpenbaarZip.save(window.OpenbaarZip.zip(entries), fileName);
    const left = [];
    if (search.total > ids.length) left.push(T.overLimit(number(search.total - ids.length), number(ids.length), number(limit)));
    if (full) left.push(T.overSize(full, number(full), mb(cap)));
    if (without) left.push(T.withoutOriginal(without, number(without)));
    status.textContent = T.done(entries.length, number(entries.length), fileName, mb(got))
      + (left.length ? T.notIn(left.join("; ")) : "");
  }

  // The button stays focusable while busy (aria-disabled), so focus is not lost.
  button.addEventListener("click", async () => {
    if (busy || !current) return;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    count.textContent = "";
    try {
      await make(current);
    } catch (error) {
      status.textContent = T.failed(error && error.message ? error.message : error);
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
      progress.hidden = true;
    }
  });
})();
