/* plankg collaboration view: draws the embedded graph with vis-network, search and filters. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("plankg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, data.options);
  var status = document.getElementById("status");
  var view = { nodes: nodes, edges: edges, network: network, counts: data.counts, stabilized: false };
  window.plankgView = view;

  function settled() {
    if (view.stabilized) { return; }
    network.setOptions({ physics: { enabled: false } });
    view.stabilized = true;
    status.textContent = "";
  }
  if (data.nodes.length === 0) {
    status.textContent = "This scope has no units.";
    view.stabilized = true;
  } else {
    network.once("stabilizationIterationsDone", settled);
    setTimeout(function () { if (!view.stabilized) { settled(); } }, 20000);  /* never keep moving for long */
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
  }

  document.getElementById("physics").addEventListener("change", function (event) {
    network.setOptions({ physics: { enabled: event.target.checked } });
  });

  /* Filters: kinds shown, and optionally only overloaded leads with their direct partners. */
  var neighbours = {};
  data.edges.forEach(function (e) {
    (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
    (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
  });
  function applyFilters() {
    var kinds = {};
    Array.prototype.forEach.call(document.querySelectorAll(".kind-filter"), function (box) {
      kinds[box.value] = box.checked;
    });
    var onlyOverloaded = document.getElementById("only-overloaded").checked;
    var showAll = document.getElementById("show-all");
    var everyUnit = showAll === null || showAll.checked;
    var near = {};
    if (onlyOverloaded) {
      data.nodes.forEach(function (n) {
        if (n.overloaded) {
          near[n.id] = true;
          (neighbours[n.id] || []).forEach(function (id) { near[id] = true; });
        }
      });
    }
    nodes.update(data.nodes.map(function (n) {
      var visible = kinds[n.kind] !== false && (!onlyOverloaded || near[n.id] === true) &&
        (everyUnit || onlyOverloaded || n.focus !== false);
      return { id: n.id, hidden: !visible };
    }));
  }
  Array.prototype.forEach.call(document.querySelectorAll(".kind-filter, #only-overloaded"), function (box) {
    box.addEventListener("change", applyFilters);
  });
  /* A crowded view opens on its heaviest leads; showing every unit lays the newcomers out once more. */
  var showAllBox = document.getElementById("show-all");
  if (showAllBox !== null) {
    showAllBox.addEventListener("change", function () {
      applyFilters();
      view.stabilized = false;
      network.setOptions({ physics: { enabled: true } });
      network.once("stabilized", function () { settled(); network.fit(); });
      network.stabilize(150);
    });
  }

  /* Search: focus the unit whose name matches (whole name first, then part of it). */
  var list = document.getElementById("unit-names");
  data.nodes.slice().sort(function (a, b) { return b.lead - a.lead; }).forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.label.replace(/^⚠ /, "");
    list.appendChild(option);
  });
  var result = document.getElementById("search-result");
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search").value.trim().toLowerCase();
    if (!query) { return; }
    var name = function (n) { return n.label.replace(/^⚠ /, "").toLowerCase(); };
    var found = data.nodes.filter(function (n) { return name(n) === query; });
    if (found.length === 0) {
      found = data.nodes.filter(function (n) { return name(n).indexOf(query) !== -1; });
    }
    if (found.length === 0) {
      result.textContent = "No unit in this view matches.";
      return;
    }
    var target = found[0];
    nodes.update({ id: target.id, hidden: false });
    network.selectNodes([target.id]);
    network.focus(target.id, { scale: 1.3, animation: { duration: 400 } });
    result.textContent = found.length > 1 ? found.length + " units match; showing the first." : "";
  });
})();
