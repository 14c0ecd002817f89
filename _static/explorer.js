/*!
 * Static explorers for the "Partners and Rivals" book (no kernel, no network).
 *
 * THIS FILE COMPUTES NO ECONOMICS. Every key number, reading and chart series shown by an explorer
 * was computed by the course's Python models (partnership/*.py) when the book was built, for every
 * combination of the control positions offered on the page, and embedded in the page as JSON
 * (partnership/widgets/payload.py documents the format). This script only finds the precomputed view
 * for the current control positions (an index into that array) and displays it; the chart is drawn
 * with the vendored copy of Chart.js (_static/vendor/chartjs/, loaded from this site on pages that
 * have an explorer). Nothing is fetched from any other host.
 *
 * DOM contract (tested): div.pr-explorer[data-explorer=<id>] holds controls [data-control=<name>],
 * key numbers [data-number=<slug>] whose data-value is the raw value, p.pr-reading and
 * div.pr-error[role=alert].
 */
(function () {
  "use strict";

  var ownSrc = document.currentScript ? document.currentScript.src : null;
  var chartPromise = null;

  function loadChartJs() {
    if (window.Chart) return Promise.resolve(window.Chart);
    if (!chartPromise) {
      chartPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("vendor/chartjs/chart.umd.min.js", ownSrc || document.baseURI).href;
        script.onload = function () {
          if (window.Chart) resolve(window.Chart);
          else reject(new Error("Chart.js loaded but did not define window.Chart"));
        };
        script.onerror = function () {
          reject(new Error("could not load " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return chartPromise;
  }

  // Display text of a raw value: the same rule as partnership.widgets.static.raw_attr.
  function rawText(value) {
    if (value === null || value === undefined) return "none";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (Array.isArray(value)) return JSON.stringify(value);
    return String(value);
  }

  // Fill pattern for a bar: the series colour plus a hatch, so no bar relies on colour alone.
  function hatchFill(color, hatch) {
    var size = 8;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    var g = canvas.getContext("2d");
    g.fillStyle = color;
    g.fillRect(0, 0, size, size);
    g.strokeStyle = "rgba(0, 0, 0, 0.8)";
    g.fillStyle = "rgba(0, 0, 0, 0.8)";
    g.lineWidth = 1;
    if (hatch.indexOf("/") >= 0 || hatch.indexOf("x") >= 0) {
      g.beginPath(); g.moveTo(0, size); g.lineTo(size, 0); g.stroke();
    }
    if (hatch.indexOf("\\") >= 0 || hatch.indexOf("x") >= 0) {
      g.beginPath(); g.moveTo(0, 0); g.lineTo(size, size); g.stroke();
    }
    if (hatch.indexOf(".") >= 0) {
      g.beginPath(); g.arc(2, 2, 1, 0, 2 * Math.PI); g.arc(6, 6, 1, 0, 2 * Math.PI); g.fill();
    }
    return g.createPattern(canvas, "repeat");
  }

  // Reference lines: the dash patterns of partnership.widgets.live.REFERENCE_STYLES; the first in the
  // text colour (black in light mode, light in dark mode), the second in mid grey.
  var REFERENCE_STYLES = [[null, [6, 4]], ["#888888", [1.5, 2.5]]];
  var referencePlugin = {
    id: "prReferences",
    afterDatasetsDraw: function (chart, args, options) {
      var refs = (options && options.refs) || [];
      var area = chart.chartArea;
      var ctx = chart.ctx;
      refs.forEach(function (ref, k) {
        var style = REFERENCE_STYLES[k % REFERENCE_STYLES.length];
        var scale = ref.axis === "x" ? chart.scales.x : chart.scales.y;
        if (!scale) return;
        var p = scale.getPixelForValue(ref.value);
        ctx.save();
        ctx.strokeStyle = style[0] || options.textColor || "#000000";
        ctx.setLineDash(style[1]);
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        if (ref.axis === "x") { ctx.moveTo(p, area.top); ctx.lineTo(p, area.bottom); }
        else { ctx.moveTo(area.left, p); ctx.lineTo(area.right, p); }
        ctx.stroke();
        ctx.setLineDash([]);
        if (ref.label) {
          ctx.font = "12px sans-serif";
          var width = ctx.measureText(ref.label).width;
          var x = ref.axis === "x" ? p + 4 : area.right - 4 - width;
          var y = ref.axis === "x" ? area.top + 4 + 16 * k : p - 18;
          ctx.fillStyle = options.background || "rgba(255, 255, 255, 0.85)";
          ctx.fillRect(x - 2, y, width + 4, 15);
          ctx.fillStyle = options.textColor || "#000";
          ctx.textBaseline = "top";
          ctx.fillText(ref.label, x, y + 2);
        }
        ctx.restore();
      });
    }
  };

  function chartConfig(spec, styles, textColor, background) {
    var line = spec.kind === "line";
    var datasets = spec.series.map(function (series, i) {
      var style = styles[series.style % styles.length];
      var values = spec["s" + i];
      if (line) {
        return {
          type: "line",
          label: series.name,
          data: spec.x.map(function (x, j) { return { x: x, y: values[j] }; }),
          borderColor: style.color,
          backgroundColor: style.color,
          pointStyle: style.marker,
          pointRadius: 3,
          borderDash: style.dash,
          borderWidth: 2,
          fill: false
        };
      }
      return {
        type: "bar",
        label: series.name,
        data: values,
        backgroundColor: hatchFill(style.color, style.hatch),
        borderColor: "#000000",
        borderWidth: 1,
        stack: spec.stacked ? "stack" : "s" + i
      };
    });
    var refsY = spec.refs.filter(function (r) { return r.axis !== "x"; }).map(function (r) { return r.value; });
    var grid = { color: "rgba(128, 128, 128, 0.25)" };
    return {
      type: line ? "line" : "bar",
      data: { labels: line ? undefined : spec.x, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        color: textColor,
        scales: {
          x: {
            type: line ? "linear" : "category",
            stacked: !line && spec.stacked,
            title: { display: !!spec.x_label, text: spec.x_label, color: textColor },
            ticks: { color: textColor },
            grid: grid
          },
          y: {
            stacked: !line && spec.stacked,
            beginAtZero: !line,
            suggestedMax: refsY.length ? Math.max.apply(null, refsY) : undefined,
            suggestedMin: refsY.length ? Math.min.apply(null, refsY) : undefined,
            title: { display: !!spec.y_label, text: spec.y_label, color: textColor },
            ticks: { color: textColor },
            grid: grid
          }
        },
        plugins: {
          legend: { position: "bottom", labels: { color: textColor, usePointStyle: line } },
          prReferences: { refs: spec.refs, textColor: textColor, background: background }
        }
      },
      plugins: [referencePlugin]
    };
  }

  function initExplorer(root) {
    var dataEl = root.querySelector("script.pr-explorer-data");
    if (!dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    var table = data.table;
    var inputs = data.controls.map(function (c) {
      return root.querySelector('[data-control="' + c.name + '"]');
    });
    var errorEl = root.querySelector(".pr-error");
    var resultEl = root.querySelector(".pr-result");
    var readingEl = root.querySelector(".pr-reading");
    var canvas = root.querySelector(".pr-chart canvas");
    var captionEl = root.querySelector(".pr-alt");
    var chart = null;
    var shown = null; // the chart spec on screen, redrawn in the new colours when the theme changes

    function positions() {
      return data.controls.map(function (c, k) {
        return inputs[k] ? Number(inputs[k].value) : 0;
      });
    }

    function lookup(pos) {
      var flat = 0;
      for (var k = 0; k < pos.length; k++) flat = flat * data.controls[k].values.length + pos[k];
      return data.views[flat];
    }

    function draw(spec) {
      return loadChartJs().then(function (Chart) {
        if (chart) chart.destroy();
        var computed = window.getComputedStyle(root);
        var background = computed.backgroundColor;
        if (!background || background === "transparent" || background === "rgba(0, 0, 0, 0)") background = null;
        chart = new Chart(canvas, chartConfig(spec, data.styles, computed.color, background));
      });
    }

    function update() {
      var pos = positions();
      data.controls.forEach(function (c, k) {
        if (!inputs[k] || c.dropdown) return;
        var text = c.texts[pos[k]];
        inputs[k].setAttribute("aria-valuetext", text);
        var out = root.querySelector('[data-control-text="' + c.name + '"]');
        if (out) {
          out.textContent = text;
          out.setAttribute("data-value", rawText(c.values[pos[k]]));
        }
      });
      var record = lookup(pos);
      if (typeof record === "number") {
        errorEl.textContent = table[record];
        errorEl.hidden = false;
        resultEl.hidden = true;
        root.setAttribute("data-state", "error");
        return Promise.resolve();
      }
      errorEl.hidden = true;
      errorEl.textContent = "";
      resultEl.hidden = false;
      data.numbers.forEach(function (meta, j) {
        var el = root.querySelector('[data-number="' + meta.slug + '"]');
        if (!el) return;
        el.setAttribute("data-value", rawText(record[1][j]));
        el.querySelector("dd").textContent = table[record[0][j]];
      });
      readingEl.textContent = record[2].map(function (i) { return table[i]; }).join(" ");
      var spec = {};
      Object.keys(data.chart).forEach(function (key) { spec[key] = data.chart[key]; });
      data.varying.forEach(function (key, i) { spec[key] = table[record[3][i]]; });
      canvas.setAttribute("aria-label", spec.alt);
      captionEl.textContent = spec.alt;
      root.setAttribute("data-state", "ok");
      shown = spec;
      return draw(spec);
    }

    var pending = Promise.resolve();
    function queue(step) {
      root.setAttribute("data-ready", "false");
      pending = pending.then(step).then(function () {
        root.setAttribute("data-ready", "true");
      }, function (err) {
        console.error("explorer " + data.id + ": " + err.message);
      });
    }
    function onInput() { queue(update); }
    inputs.forEach(function (el) {
      if (!el) return;
      el.addEventListener("input", onInput);
      el.addEventListener("change", onInput);
    });
    onInput();
    recolourers.push(function () {
      queue(function () { return shown && root.getAttribute("data-state") === "ok" ? draw(shown) : null; });
    });
  }

  // The chart's text and reference-line colours are read from the page when it is drawn, so a
  // switch between light and dark mode (the theme's button, or the system's setting in "auto"
  // mode: both change <html data-theme>) redraws every chart in the new colours.
  var recolourers = [];
  new MutationObserver(function () {
    recolourers.forEach(function (recolour) { recolour(); });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  function start() {
    var roots = document.querySelectorAll("div.pr-explorer[data-explorer]");
    Array.prototype.forEach.call(roots, initExplorer);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
