// fazhi: the little script the pages use. Every page works without it; it
// only adds charts, confirmations and auto-submitting filters. No inline
// handlers: behaviour is bound here by data- attributes (CSP without
// 'unsafe-inline').
(function () {
  "use strict";

  // A form with data-confirm asks before it is submitted.
  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    var msg = f.getAttribute && f.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) {
      ev.preventDefault();
    }
  }, true);

  // A select with data-autosubmit submits its form when it changes.
  document.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
    }
  });

  // Date boxes: the text box takes every form the import takes
  // (2022-03-05, 2022/3/5, 2022年3月5日 …); the calendar beside it fills it.
  document.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el.classList && el.classList.contains("picker") && el.value) {
      var box = document.getElementById(el.getAttribute("data-for"));
      if (box) { box.value = el.value; }
    }
  });

  // Charts: a .chart element carries its data as JSON in data-chart:
  // {kind: "bar"|"line"|"pie"|"stack", categories: [...], series: [{name, data: [{value, href}]}]}.
  // Clicking a bar, point or slice opens the records behind it.
  function drawCharts(root) {
    if (!window.echarts) { return; }
    var els = (root || document).querySelectorAll(".chart[data-chart]");
    Array.prototype.forEach.call(els, function (el) {
      if (el.getAttribute("data-drawn")) { return; }
      el.setAttribute("data-drawn", "1");
      var spec = JSON.parse(el.getAttribute("data-chart"));
      spec.categories = spec.categories || [];
      spec.series = spec.series || [];
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var opt = {
        animation: false,
        grid: { left: 44, right: 16, top: 36, bottom: 28, containLabel: true },
        // richText tooltips are drawn on the canvas: the HTML tooltip
        // would need inline styles, which the CSP forbids.
        tooltip: { trigger: spec.kind === "pie" ? "item" : "axis", renderMode: "richText" },
        legend: { top: 0, type: "scroll" },
        color: ["#a3241f", "#1456b8", "#2f855a", "#b7791f", "#6b46c1", "#319795", "#718096"]
      };
      if (spec.kind === "pie") {
        opt.series = [{
          type: "pie", radius: ["35%", "65%"], center: ["50%", "58%"],
          label: { formatter: "{b}: {c}" },
          data: ((spec.series[0] || {}).data || []).map(function (d, i) {
            return { name: spec.categories[i], value: d.value, href: d.href };
          })
        }];
      } else {
        opt.xAxis = { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 8 ? 30 : 0 } };
        opt.yAxis = { type: "value", minInterval: 1 };
        opt.series = spec.series.map(function (s) {
          return {
            name: s.name,
            type: spec.kind === "line" ? "line" : "bar",
            stack: spec.kind === "stack" ? "total" : undefined,
            label: { show: spec.kind !== "line", position: spec.kind === "stack" ? "inside" : "top" },
            data: (s.data || []).map(function (d) { return { value: d.value, href: d.href }; })
          };
        });
      }
      chart.setOption(opt);
      chart.on("click", function (p) {
        if (p.data && p.data.href) { window.location.href = p.data.href; }
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (ev) { drawCharts(ev.target); });
})();
