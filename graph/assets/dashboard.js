/* plankg dashboard: filter the plans by text and region; sort the units table by a column, filter it by scope and overload. */
(function () {
  "use strict";
  var table = document.getElementById("unit-table");
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) { return type === "num" ? 0 : ""; }
    if (type === "num") { return parseFloat(cell.getAttribute("data-value")) || 0; }
    return cell.textContent;
  }
  function sortBy(index) {
    var header = headers[index];
    var type = header.getAttribute("data-type");
    var descending = header.getAttribute("aria-sort") !== "descending";
    if (type === "text" && !header.hasAttribute("aria-sort")) { descending = false; }
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var order = type === "num" ? x - y : x.localeCompare(y, "zh-CN");
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  Array.prototype.forEach.call(headers, function (header, index) {
    header.addEventListener("click", function () { sortBy(index); });
  });

  var scopeFilter = document.getElementById("scope-filter");
  var overloadedOnly = document.getElementById("overloaded-only");
  function filter() {
    Array.prototype.forEach.call(body.rows, function (row) {
      var scope = row.getAttribute("data-scope");
      var visible = (scope === null || scope === scopeFilter.value) &&
        (!overloadedOnly.checked || row.classList.contains("overloaded"));
      row.hidden = !visible;
    });
  }
  scopeFilter.addEventListener("change", filter);
  overloadedOnly.addEventListener("change", filter);
  filter();

  var plans = document.getElementById("plan-table").tBodies[0];
  var planFilter = document.getElementById("plan-filter");
  var planRegion = document.getElementById("plan-region");
  var planCount = document.getElementById("plan-count");
  function filterPlans() {
    var query = planFilter.value.trim().toLowerCase();
    var region = planRegion.value;
    var noRegion = planRegion.getAttribute("data-no-region");
    var shown = 0, total = 0;
    Array.prototype.forEach.call(plans.rows, function (row) {
      var rowRegion = row.getAttribute("data-region");
      if (rowRegion === null) { return; }
      total += 1;
      var visible = (region === "" || (rowRegion || noRegion) === region) &&
        (query === "" || row.cells[0].textContent.toLowerCase().indexOf(query) !== -1 ||
         rowRegion.toLowerCase().indexOf(query) !== -1);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    planCount.textContent = shown === total ? total + " plans" : shown + " of " + total + " plans shown";
  }
  planFilter.addEventListener("input", filterPlans);
  planRegion.addEventListener("change", filterPlans);
  filterPlans();
})();
