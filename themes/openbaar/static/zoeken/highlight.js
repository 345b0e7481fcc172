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
  let first = null;
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
      first = first || mark;
      at = match.index + match[0].length;
      match = find.exec(data);
    }
    frag.append(data.slice(at));
    node.replaceWith(frag);
  });
  if (first) first.scrollIntoView({ block: "center" });
})();
