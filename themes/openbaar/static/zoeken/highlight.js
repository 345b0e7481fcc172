// On a document opened from a search result (?q=...), marks the searched words in the
// text. Words are matched from their first five letters, roughly as the index stems them.
(function () {
  "use strict";
  const q = new URLSearchParams(location.search).get("q");
  const text = document.querySelector("section.text");
  if (!q || !text) return;
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const stems = q.split(/\s+/).map((w) => fold(w.replace(/["()]/g, ""))).filter((w) => w.length >= 2).map((w) => w.slice(0, 5));
  if (!stems.length) return;
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let first = null;
  nodes.forEach((node) => {
    if (node.parentElement.closest("mark, .visually-hidden")) return;
    const parts = node.data.split(/(\p{L}[\p{L}\p{N}]*)/u);
    if (parts.length < 2) return;
    const frag = document.createDocumentFragment();
    parts.forEach((part) => {
      const f = fold(part);
      if (part && stems.some((s) => f.startsWith(s))) {
        const mark = document.createElement("mark");
        mark.className = "hit";
        mark.textContent = part;
        frag.append(mark);
        first = first || mark;
      } else {
        frag.append(part);
      }
    });
    node.replaceWith(frag);
  });
  if (first) first.scrollIntoView({ block: "center" });
})();
