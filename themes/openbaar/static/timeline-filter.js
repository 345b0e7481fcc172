// Filters for the timeline. Without JavaScript every event and document is shown and
// the form stays hidden; with it, the choices hide what does not match.
(function () {
  "use strict";
  var form = document.querySelector("form.timeline-filters");
  if (!form) return;
  form.hidden = false;
  var entries = Array.prototype.slice.call(document.querySelectorAll("ol.timeline li.event, ol.timeline li.item"));
  var count = form.querySelector("[data-count]");
  // "3 of 12 shown", in the page's language (<html lang>).
  var shownOf = document.documentElement.lang === "en"
    ? function (n, all) { return n + " of " + all + " shown"; }
    : function (n, all) { return n + " van " + all + " getoond"; };
  function apply() {
    var chosen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value) chosen[el.name] = el.value;
    });
    var shown = 0;
    entries.forEach(function (li) {
      var ok = Object.keys(chosen).every(function (name) {
        return (li.getAttribute("data-" + name) || "").split("|").indexOf(chosen[name]) !== -1;
      });
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    // A year heading shows only above something shown.
    document.querySelectorAll("ol.timeline li.timeline-year").forEach(function (year) {
      var next = year.nextElementSibling;
      var any = false;
      while (next && !next.classList.contains("timeline-year")) {
        if (!next.hidden) any = true;
        next = next.nextElementSibling;
      }
      year.hidden = !any;
    });
    count.textContent = shownOf(shown, entries.length);
  }
  form.addEventListener("change", apply);
  apply();
})();
