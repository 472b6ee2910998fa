/* Draw every figure of the page with the Vega runtime shipped in _static. Each spec was compiled from
   Vega-Lite to Vega when the book was built (vega_specs.py) and carries its data inline: nothing is
   fetched from the network. */
(function () {
  "use strict";
  var WORDS = { actions: "保存图表", png: "保存为 PNG", svg: "保存为 SVG", missing: "缺少图表数据", noVega: "未载入 Vega" };

  function showError(el, message) {
    el.style.minHeight = "";
    el.innerHTML = "";
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

  /* The spec in the page's mode: on a dark page each colour of the light theme (text, axes, grid and the
     palette, in marks, scales and config alike) swapped for its dark counterpart, and Vega's config for
     what the spec leaves to Vega. */
  function inMode(spec, mode) {
    var settings = (window.ECREPORT_CHART_MODES || {})[mode];
    if (!settings) { return spec; }
    var text = JSON.stringify(spec);
    var colors = settings.colors || {};
    for (var light in colors) { text = text.split('"' + light + '"').join('"' + colors[light] + '"'); }
    var themed = JSON.parse(text);
    themed.config = merge(themed.config || {}, settings.config || {});
    // Vega-Lite writes its background on the spec itself, where it outranks the config's
    if (settings.config && settings.config.background) { themed.background = settings.config.background; }
    return themed;
  }

  /* A tooltip's rows; a value the data lacks reads "—" (Vega would print null or NaN). */
  var MISSING = { "null": true, "NaN": true, "undefined": true, "": true };
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function formatTooltip(value) {
    if (value === null || typeof value !== "object") { return escapeHtml(value === null || value === undefined ? "—" : value); }
    var html = value.title ? "<h2>" + escapeHtml(value.title) + "</h2>" : "";
    html += "<table>";
    for (var key in value) {
      if (key === "title") { continue; }
      var shown = value[key];
      if (shown === null || shown === undefined || MISSING[String(shown)]) { shown = "—"; }
      html += '<tr><td class="key">' + escapeHtml(key) + '</td><td class="value">' + escapeHtml(shown) + "</td></tr>";
    }
    return html + "</table>";
  }

  /* One tooltip box for the page, shown by Vega's tooltip handler beside the pointer (a mouse over a
     mark, or a tap on it), kept inside the window. */
  function tooltipBox() {
    var box = document.getElementById("vg-tooltip-element");
    if (!box) {
      box = document.createElement("div");
      box.id = "vg-tooltip-element";
      box.className = "vg-tooltip";
      box.setAttribute("role", "tooltip");
      document.body.appendChild(box);
    }
    return box;
  }
  function showTooltip(handler, event, item, value) {
    var box = tooltipBox();
    if (value === null || value === undefined || value === "") { box.classList.remove("visible"); return; }
    box.innerHTML = formatTooltip(value);
    box.setAttribute("data-mode", pageMode());
    box.classList.add("visible");
    var x = event.clientX + 12, y = event.clientY + 12, w = box.offsetWidth, h = box.offsetHeight;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, event.clientX - w - 12); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, event.clientY - h - 12); }
    box.style.left = x + "px";
    box.style.top = y + "px";
  }
  function hideTooltip() {
    var box = document.getElementById("vg-tooltip-element");
    if (box) { box.classList.remove("visible"); }
  }

  /* Sizing: a chart takes the width of its container. A single or layered view was compiled to follow
     its container (Vega-Lite's width "container"); a concatenated or faceted one gets, for each view, its
     share of the width less its axes, and on a narrow screen its variant of one view per row (compiled
     beside it). There legends wrap into the width, and long category labels (a timeline's titles) leave
     room for the plot. */
  var AXES = 90;          // room for a view's axis labels and titles, in px
  var NARROW = 560;       // below this width, views side by side are stacked

  function eachGuide(node, visit) {
    if (!node || typeof node !== "object") { return; }
    (node.legends || []).forEach(function (legend) { visit("legend", legend); });
    (node.axes || []).forEach(function (axis) { visit("axis", axis); });
    (node.marks || []).forEach(function (mark) { if (mark.type === "group") { eachGuide(mark, visit); } });
  }

  function fitted(spec, width) {
    var sized = JSON.parse(JSON.stringify(spec));
    var narrow = width < NARROW;
    if (sized.layout) {
      var groups = (sized.marks || []).filter(function (m) { return /^concat_\d+_group$/.test(m.name || ""); });
      var across = typeof sized.layout.columns === "number" ? sized.layout.columns : (groups.length || 1);
      var padding = typeof sized.layout.padding === "number" ? sized.layout.padding : 20;
      var each = Math.max(100, Math.floor((width - (across - 1) * padding) / across) - AXES);
      (sized.signals || []).forEach(function (signal) {
        if (/^(childWidth|child_width)$/.test(signal.name) && typeof signal.value === "number") { signal.value = each; }
      });
      if (typeof sized.width === "number") { sized.width = each; }
    }
    if (narrow) {
      eachGuide(sized, function (kind, guide) {
        if (kind === "legend") {
          guide.columns = Math.max(1, Math.floor(width / 150));
          guide.labelLimit = width - 40;
        } else if (guide.orient === "left") {
          guide.labelLimit = Math.floor(width * 0.4);
        }
      });
    }
    return sized;
  }

  /* The export menu: the chart saved as SVG or PNG, drawn by Vega from the view itself. */
  function exportMenu(el, view) {
    var menu = document.createElement("details");
    menu.className = "ec-chart-actions";
    var summary = document.createElement("summary");
    summary.textContent = WORDS.actions;
    menu.appendChild(summary);
    [["svg", WORDS.svg], ["png", WORDS.png]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = pair[1];
      button.addEventListener("click", function () {
        view.toImageURL(pair[0], pair[0] === "png" ? 2 : 1).then(function (url) {
          var link = document.createElement("a");
          link.href = url;
          link.download = (el.getAttribute("data-spec") || "chart").replace(/-spec$/, "") + "." + pair[0];
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
      });
      menu.appendChild(button);
    });
    return menu;
  }

  function draw(el) {
    var mode = pageMode();
    el.setAttribute("data-mode", mode);
    el.setAttribute("data-width", String(el.clientWidth));
    var narrowSpec = el.getAttribute("data-spec-narrow");
    var script = document.getElementById(narrowSpec && el.clientWidth < NARROW ? narrowSpec : el.getAttribute("data-spec"));
    if (!script) { showError(el, WORDS.missing); return; }
    if (!window.vega || typeof window.vega.View !== "function") { showError(el, WORDS.noVega); return; }
    var spec = JSON.parse(script.textContent);
    if (el._ecView) { el._ecView.finalize(); el._ecView = null; }
    // the chart keeps its height while it is drawn again, so that the page below it does not move (and a
    // scroll bar that comes and goes does not change the width it is drawn for)
    if (el.offsetHeight) { el.style.minHeight = el.offsetHeight + "px"; }
    el.innerHTML = "";
    el.removeAttribute("data-rendered");
    var width = el.clientWidth;
    var drawing = document.createElement("div");
    drawing.className = "ec-chart-drawing";
    el.appendChild(drawing);
    var view;
    try {
      view = new window.vega.View(window.vega.parse(fitted(inMode(spec, mode), width)), {
        renderer: "svg", container: drawing, hover: true, tooltip: showTooltip
      });
    } catch (err) { showError(el, err && err.message ? err.message : String(err)); return; }
    el._ecView = view;
    // a tap on a phone ends with the pointer out of the mark, which hides a hover tooltip: the tapped mark's
    // tooltip is shown on the tap itself, until the reader taps elsewhere
    view.addEventListener("click", function (event, item) {
      if (item && item.tooltip !== undefined && item.tooltip !== null) { showTooltip(null, event, item, item.tooltip); }
    });
    view.runAsync().then(function () {
      // the chart's text alternative: the spec's description names the drawing for screen readers
      var svg = drawing.querySelector("svg");
      if (svg && spec.description) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", spec.description);
      }
      el.appendChild(exportMenu(el, view));
      el.style.minHeight = "";
      el.setAttribute("data-rendered", "true");
      el._ecDraws = (el._ecDraws || 0) + 1;
    }).catch(function (err) { showError(el, err && err.message ? err.message : String(err)); });
  }

  /* A chart is drawn once its container has a width (one in a closed dropdown has none yet), and again
     when that width changes (the window turns, a dropdown opens). Charts are drawn one per task, those in
     view first, so that the page answers the reader between them (a phone draws a chart in a tenth of a
     second or more). */
  function drawInTurn(charts) {
    var inView = function (el) { var box = el.getBoundingClientRect(); return box.bottom > 0 && box.top < window.innerHeight; };
    var queue = charts.filter(inView).concat(charts.filter(function (el) { return !inView(el); }));
    queue.forEach(function (el) {   // as they will be drawn: the size observer's first report is no change
      el.setAttribute("data-width", String(el.clientWidth));
      el.setAttribute("data-mode", pageMode());
    });
    (function next() {
      var el = queue.shift();
      if (!el) { return; }
      if (!el._ecView && el.clientWidth > 0) { draw(el); }
      setTimeout(next, 0);
    })();
  }

  function drawAll() {
    var charts = document.querySelectorAll(".ec-chart[data-spec]");
    var resized = window.ResizeObserver ? new ResizeObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) {
        var el = entries[j].target, width = el.clientWidth;
        var moved = Math.abs(width - Number(el.getAttribute("data-width") || 0)) > 8;
        if (width > 0 && (moved || el.getAttribute("data-mode") !== pageMode())) { draw(el); }
      }
    }) : null;
    var shown = [];
    for (var i = 0; i < charts.length; i++) {
      if (charts[i].clientWidth > 0 || !resized) { shown.push(charts[i]); }
    }
    drawInTurn(shown);
    // observed once the first turns are queued: its first report of each chart's width is not a change
    if (resized) { for (var k = 0; k < charts.length; k++) { resized.observe(charts[k]); } }
  }

  /* A reader who switches the colour mode gets every chart drawn again in the new one. */
  function redrawOnModeChange() {
    if (!window.MutationObserver) { return; }
    new MutationObserver(function () {
      var charts = document.querySelectorAll(".ec-chart[data-spec]");
      for (var i = 0; i < charts.length; i++) {
        if (charts[i].getAttribute("data-mode") !== pageMode() && charts[i].clientWidth > 0) { draw(charts[i]); }
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  function start() {
    document.addEventListener("pointerdown", function (event) {   // a tap beside the charts closes the tooltip
      if (!event.target.closest || !event.target.closest(".ec-chart")) { hideTooltip(); }
    });
    drawAll();
    redrawOnModeChange();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
