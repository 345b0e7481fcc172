// Column sorting for tables marked data-sortable. Without JavaScript the table keeps
// the order the server wrote (newest first); with it, each header becomes a button.
(function () {
  "use strict";
  function compare(a, b, numeric) {
    if (numeric) return Number(a) - Number(b);
    // Empty values (unknown dates) sort last in either direction.
    if (a === "" && b !== "") return 1;
    if (b === "" && a !== "") return -1;
    return a.localeCompare(b, document.documentElement.lang || "nl");
  }
  function sortBy(table, index, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = table.tHead.rows[0].cells[index].classList.contains("num");
    rows.sort(function (r1, r2) {
      var a = r1.cells[index].getAttribute("data-sort") || "";
      var b = r2.cells[index].getAttribute("data-sort") || "";
      var empty = (a === "") - (b === "");
      if (empty !== 0) return empty;
      var order = compare(a, b, numeric);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  // On a phone the header row is hidden (each row is a card), so its buttons must not
  // take keyboard focus either.
  var phone = window.matchMedia("(max-width: 40rem)");
  function reachable(buttons) {
    buttons.forEach(function (button) {
      if (phone.matches) button.setAttribute("tabindex", "-1");
      else button.removeAttribute("tabindex");
    });
  }
  var allButtons = [];
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      allButtons.push(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortBy(table, index, ascending);
      });
    });
  });
  reachable(allButtons);
  phone.addEventListener("change", function () { reachable(allButtons); });
})();
