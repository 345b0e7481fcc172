// "Citeer": copies a citation of the document (title, body, date, address and, when the
// address points at a page or paragraph, its page) to the clipboard, and shows it for
// copying by hand where the clipboard is not available. Without JavaScript the button
// stays hidden; the permanent link and the page links still work.
(function () {
  "use strict";
  var button = document.querySelector("button[data-cite]");
  var out = document.querySelector("[data-citation]");
  if (!button || !out) return;
  button.hidden = false;
  // The words of the citation and the button, in the page's language (<html lang>).
  var T = document.documentElement.lang === "en"
    ? { page: "page", Page: "Page", copied: "Citation copied", shown: "Citation below: copy it yourself" }
    : { page: "pagina", Page: "Pagina", copied: "Citaat gekopieerd", shown: "Citaat hieronder: kopieer het zelf" };
  // #pagina-3 or #pagina-3-alinea-2: the page the reader points at.
  function page() {
    var m = /^#pagina-(\d+)/.exec(window.location.hash);
    return m ? Number(m[1]) : null;
  }
  function citation() {
    var d = button.dataset;
    var url = window.location.href.split("#")[0];
    var n = page();
    var parts = [d.title + "."];
    var who = [d.body, d.date].filter(Boolean).join(", ");
    if (who) parts.push(who + (n ? ", " + T.page + " " + n : "") + ".");
    else if (n) parts.push(T.Page + " " + n + ".");
    parts.push(n ? url + window.location.hash : url);
    return parts.join(" ");
  }
  button.addEventListener("click", function () {
    var text = citation();
    out.textContent = text;
    out.hidden = false;
    var done = function () { button.textContent = T.copied; };
    var shown = function () { button.textContent = T.shown; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, shown);
    } else {
      shown();
    }
  });
})();
