/* Draw every figure of the page with the Vega bundle shipped in _static.
   Nothing is fetched from the network: specs carry their data inline. */
(function () {
  "use strict";
  var OPTIONS = {
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
    i18n: {
      PNG_ACTION: "保存为 PNG",
      SVG_ACTION: "保存为 SVG",
      CLICK_TO_VIEW_ACTIONS: "图表操作",
      COMPILED_ACTION: "查看编译结果",
      EDITOR_ACTION: "在编辑器中打开",
      SOURCE_ACTION: "查看源代码"
    },
    loader: { target: "_self", http: { credentials: "omit" } }
  };

  function showError(el, message) {
    el.setAttribute("data-error", message);
    var p = document.createElement("p");
    p.className = "ec-chart-error";
    p.textContent = "图表无法显示：" + message;
    el.appendChild(p);
  }

  /* The page's colour mode (the theme sets data-theme on <html>: light or dark). */
  function pageMode() {
    return document.documentElement.getAttribute("data-theme") === "dark" ? "dark" : "light";
  }

  function merge(into, from) {
    for (var key in from) {
      if (from[key] && typeof from[key] === "object" && !Array.isArray(from[key])) {
        into[key] = merge(into[key] && typeof into[key] === "object" ? into[key] : {}, from[key]);
      } else {
        into[key] = from[key];
      }
    }
    return into;
  }

  /* The spec in the page's mode: on a dark page the theme's dark text, axis and grid colours, and each
     palette colour (in marks, scales and config alike) swapped for its lighter counterpart. */
  function inMode(spec, mode) {
    var settings = (window.ECREPORT_CHART_MODES || {})[mode];
    if (!settings) { return spec; }
    var text = JSON.stringify(spec);
    var colors = settings.colors || {};
    for (var light in colors) { text = text.split('"' + light + '"').join('"' + colors[light] + '"'); }
    var themed = JSON.parse(text);
    themed.config = merge(themed.config || {}, settings.config || {});
    return themed;
  }

  /* A tooltip's rows; a value the data lacks reads "—" (Vega-Lite would print null or NaN). */
  var MISSING = { "null": true, "NaN": true, "undefined": true, "": true };
  function formatTooltip(value, escape) {
    if (value === null || typeof value !== "object") { return escape(value === null || value === undefined ? "—" : value); }
    var html = value.title ? "<h2>" + escape(String(value.title)) + "</h2>" : "";
    html += "<table>";
    for (var key in value) {
      if (key === "title") { continue; }
      var shown = value[key];
      if (shown === null || shown === undefined || MISSING[String(shown)]) { shown = "—"; }
      html += '<tr><td class="key">' + escape(key) + '</td><td class="value">' + escape(String(shown)) + "</td></tr>";
    }
    return html + "</table>";
  }

  function draw(el) {
    var script = document.getElementById(el.getAttribute("data-spec"));
    if (!script) { showError(el, "缺少图表数据"); return; }
    if (typeof window.vegaEmbed !== "function") { showError(el, "未载入 Vega"); return; }
    var spec = JSON.parse(script.textContent);
    var mode = pageMode();
    var settings = (window.ECREPORT_CHART_MODES || {})[mode] || {};
    var options = merge({}, OPTIONS);
    options.tooltip = { formatTooltip: formatTooltip };
    if (settings.tooltip) { options.tooltip.theme = settings.tooltip; }
    if (el._ecView) { el._ecView.finalize(); el._ecView = null; }
    el.removeAttribute("data-rendered");
    el.setAttribute("data-mode", mode);
    window.vegaEmbed(el, inMode(spec, mode), options).then(function (result) {
      el._ecView = result;
      // the export menu's toggle is an icon only: give it a name screen readers can say
      var toggles = el.querySelectorAll("details > summary");
      for (var i = 0; i < toggles.length; i++) { toggles[i].setAttribute("aria-label", OPTIONS.i18n.CLICK_TO_VIEW_ACTIONS); }
      // the chart's text alternative: the spec's description names the drawing for screen readers
      var drawing = el.querySelector("svg.marks, canvas.marks");
      if (drawing && spec.description) {
        drawing.setAttribute("role", "img");
        drawing.setAttribute("aria-label", spec.description);
      }
      el.setAttribute("data-rendered", "true");
    }).catch(function (err) { showError(el, err && err.message ? err.message : String(err)); });
  }

  function drawAll() {
    var charts = document.querySelectorAll(".ec-chart[data-spec]");
    for (var i = 0; i < charts.length; i++) { draw(charts[i]); }
  }

  /* A reader who switches the colour mode gets every chart drawn again in the new one. */
  function redrawOnModeChange() {
    if (!window.MutationObserver) { return; }
    new MutationObserver(function () {
      var charts = document.querySelectorAll(".ec-chart[data-spec]");
      for (var i = 0; i < charts.length; i++) {
        if (charts[i].getAttribute("data-mode") !== pageMode()) { draw(charts[i]); }
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  function start() {
    drawAll();
    redrawOnModeChange();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
