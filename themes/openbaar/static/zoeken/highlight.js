// On a document opened from a search result, marks the words the search matched in the
// text. The result link names them (`w`, one per form as written, found by the index's
// own Dutch stemming), so exactly those are marked. A link with only a query (`q`) marks
// its plain words as typed, whole words only; operators, exclusions and filters mark
// nothing.
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const text = document.querySelector("section.text");
  if (!text) return;
  let pieces = params.getAll("w").filter(Boolean);
  if (!pieces.length) {
    pieces = (params.get("q") || "")
      .replace(/"/g, " ")
      .split(/\s+/)
      .filter((w) => w && !["OR", "OF", "|"].includes(w) && !w.startsWith("-") && !w.includes(":"));
  }
  // A piece is one or more words; between its words any run of non-word characters.
  const patterns = pieces
    .map((p) => p.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .filter((words) => words.length)
    .map((words) => words.join("[^\\p{L}\\p{N}]+"));
  if (!patterns.length) return;
  // Longest first, so that a phrase wins over its first word.
  patterns.sort((a, b) => b.length - a.length);
  const find = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const marks = [];
  nodes.forEach((node) => {
    if (node.parentElement.closest("mark, .visually-hidden")) return;
    const data = node.data;
    find.lastIndex = 0;
    let match = find.exec(data);
    if (!match) return;
    const frag = document.createDocumentFragment();
    let at = 0;
    while (match) {
      frag.append(data.slice(at, match.index));
      const mark = document.createElement("mark");
      mark.className = "hit";
      mark.textContent = match[0];
      frag.append(mark);
      marks.push(mark);
      at = match.index + match[0].length;
      match = find.exec(data);
    }
    frag.append(data.slice(at));
    node.replaceWith(frag);
  });
  if (!marks.length) return;
  // The words of the bar, in the page's language (<html lang>): Dutch, or English.
  const MESSAGES = {
    nl: {
      marked: (n, words) => `${n} ${n === 1 ? "plek" : "plekken"} gemarkeerd: ${words}`,
      at: (i, n, words) => `Plek ${i} van ${n}: ${words}`,
      bar: "Gemarkeerde zoekwoorden",
      previous: "Vorige",
      next: "Volgende",
    },
    en: {
      marked: (n, words) => `${n} ${n === 1 ? "place" : "places"} marked: ${words}`,
      at: (i, n, words) => `Place ${i} of ${n}: ${words}`,
      bar: "Marked search words",
      previous: "Previous",
      next: "Next",
    },
  };
  const T = MESSAGES[document.documentElement.lang] || MESSAGES.nl;
  // A bar above the text: how many places are marked, and a way from one to the next by
  // keyboard (each mark takes the focus, so a screen reader reads it out).
  let current = -1;
  const count = document.createElement("p");
  count.setAttribute("aria-live", "polite");
  const words = [...new Set(marks.map((m) => m.textContent.toLowerCase()))].join(", ");
  count.textContent = T.marked(marks.length, words);
  const show = (step) => {
    if (current >= 0) marks[current].classList.remove("current");
    current = (current + step + marks.length) % marks.length;
    const mark = marks[current];
    mark.classList.add("current");
    // An earlier message of an email is folded: unfold the one the mark is in.
    const folded = mark.closest("details");
    if (folded) folded.open = true;
    mark.tabIndex = -1;
    mark.focus({ preventScroll: true });
    mark.scrollIntoView({ block: "center" });
    count.textContent = T.at(current + 1, marks.length, words);
  };
  const button = (label, step) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", () => show(step));
    return b;
  };
  const bar = document.createElement("div");
  bar.className = "hit-nav";
  bar.setAttribute("role", "region");
  bar.setAttribute("aria-label", T.bar);
  bar.append(count, button(T.previous, -1), button(T.next, 1));
  text.before(bar);
  if (!marks[0].closest("details:not([open])")) marks[0].scrollIntoView({ block: "center" });
})();
