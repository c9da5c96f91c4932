/* Dashboard charts (Chart.js), drawn from data the page carries in <script type="application/json">. */
(function () {
  "use strict";
  var STATUS_COLOURS = { active: "#198754", semi_active: "#e0a800", inactive: "#dc3545", under_construction: "#0dcaf0", closed: "#343a40" };
  var rtl = document.documentElement.dir === "rtl";
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function persian(n) { return rtl ? Number(n).toLocaleString("fa-IR") : Number(n).toLocaleString(); }

  function trend(canvas) {
    var rows = data(canvas.dataset.source), labels = data("status-labels") || {};
    var datasets = Object.keys(STATUS_COLOURS).map(function (status) {
      return { label: labels[status] || status, data: rows.map(function (r) { return r[status]; }), borderColor: STATUS_COLOURS[status], backgroundColor: STATUS_COLOURS[status], tension: 0.25, pointRadius: 2 };
    });
    return new Chart(canvas, {
      type: "line",
      data: { labels: rows.map(function (r) { return r.label; }), datasets: datasets },
      // Reversed for right to left, the newest month's label ends at the left edge: room for it there.
      options: { maintainAspectRatio: false, animation: false, layout: { padding: rtl ? { left: 28 } : { right: 28 } },
        plugins: { legend: { position: "bottom", rtl: rtl } },
        scales: { x: { reverse: rtl }, y: { position: rtl ? "right" : "left", beginAtZero: true, ticks: { callback: persian } } } },
    });
  }

  function domains(canvas) {
    var rows = data(canvas.dataset.source);
    if (!rows || !rows.length) { canvas.parentElement.remove(); return null; }
    return new Chart(canvas, {
      type: "bar",
      data: { labels: rows.map(function (r) { return r.name; }), datasets: [
        { label: "باز", data: rows.map(function (r) { return r.open; }), backgroundColor: "#0b6e69" },
        { label: "رفع‌شده", data: rows.map(function (r) { return r.resolved; }), backgroundColor: "#9bd0a4" },
        { label: "رفع‌نشدنی", data: rows.map(function (r) { return r.unresolvable; }), backgroundColor: "#e58f97" },
      ] },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom", rtl: rtl } },
        scales: { x: { stacked: true, reverse: rtl, ticks: { callback: persian } }, y: { stacked: true, position: rtl ? "right" : "left" } } },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) return;
    Chart.defaults.font.family = "Vazirmatn, system-ui, sans-serif";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.chart === "trend") trend(canvas);
      else if (canvas.dataset.chart === "domains") domains(canvas);
    });
  });
})();
