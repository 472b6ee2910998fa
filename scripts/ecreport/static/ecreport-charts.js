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

  function draw(el) {
    var script = document.getElementById(el.getAttribute("data-spec"));
    if (!script) { showError(el, "缺少图表数据"); return; }
    if (typeof window.vegaEmbed !== "function") { showError(el, "未载入 Vega"); return; }
    var spec = JSON.parse(script.textContent);
    window.vegaEmbed(el, spec, OPTIONS).then(function () {
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

  /* Theme buttons whose aria-label differs from their visible text (e.g. the search button
     shows "搜索 Ctrl + K" but is named "搜索"): name them by what they show, as WCAG 2.5.3 asks. */
  function alignButtonNames() {
    var icons = document.querySelectorAll("button[aria-label] i, a[aria-label] i");
    for (var j = 0; j < icons.length; j++) { icons[j].setAttribute("aria-hidden", "true"); }
    // code toggles say 显示代码/隐藏代码 but are labelled "Toggle hidden content": let the text name them
    var toggles = document.querySelectorAll("summary[aria-label]");
    for (var k = 0; k < toggles.length; k++) {
      if ((toggles[k].innerText || "").trim()) { toggles[k].removeAttribute("aria-label"); }
    }
    var switcher = document.querySelector("button.theme-switch-button");
    if (switcher) { switcher.setAttribute("aria-label", "配色模式（亮色、暗色或跟随系统）"); }
    var labelled = document.querySelectorAll("button[aria-label], a[aria-label]");
    for (var i = 0; i < labelled.length; i++) {
      var visible = (labelled[i].innerText || "").replace(/\s+/g, " ").trim();
      var name = labelled[i].getAttribute("aria-label");
      if (visible && name.indexOf(visible) === -1) { labelled[i].setAttribute("aria-label", visible); }
    }
  }

  /* Font Awesome turns icon titles into <title> text inside the theme's named buttons, which
     then no longer match their names; the icons are decorative, so drop those titles. */
  function quietIcons() {
    var titles = document.querySelectorAll("button[aria-label] svg title, a[aria-label] svg title");
    for (var i = 0; i < titles.length; i++) {
      var svg = titles[i].parentNode;
      svg.removeAttribute("aria-labelledby");
      svg.setAttribute("aria-hidden", "true");
      svg.removeChild(titles[i]);
    }
  }

  function start() {
    alignButtonNames();
    drawAll();
    quietIcons();
    if (window.MutationObserver) {   // Font Awesome may replace icons later
      var observer = new MutationObserver(quietIcons);
      observer.observe(document.body, { childList: true, subtree: true });
      window.addEventListener("load", function () { setTimeout(function () { quietIcons(); observer.disconnect(); }, 3000); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
