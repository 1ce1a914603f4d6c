/* Pan, zoom, tie filters and colour mode for the server-rendered network graph (no library).
   Without JavaScript the SVG and the table below it are the whole page; the controls stay hidden. */
(function () {
  "use strict";
  var svg = document.querySelector("svg.graph");
  var controls = document.getElementById("graph-controls");
  if (!svg || !controls) { return; }
  controls.hidden = false;
  var size = parseFloat(svg.getAttribute("data-size")) || 1000;
  var view = { x: 0, y: 0, w: size, h: size };
  var MIN_W = size / 20, MAX_W = size * 2;

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return Math.round(v * 10) / 10; }).join(" "));
  }
  function zoom(factor, cx, cy) {
    var w = Math.min(MAX_W, Math.max(MIN_W, view.w * factor));
    var f = w / view.w;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * f;
    view.y = cy - (cy - view.y) * f;
    view.w = w; view.h = w;
    apply();
  }
  function toGraph(evt) {
    var rect = svg.getBoundingClientRect();
    return { x: view.x + (evt.clientX - rect.left) / rect.width * view.w, y: view.y + (evt.clientY - rect.top) / rect.height * view.h };
  }

  controls.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var what = button.getAttribute("data-zoom");
      if (what === "in") { zoom(1 / 1.25); }
      else if (what === "out") { zoom(1.25); }
      else { view = { x: 0, y: 0, w: size, h: size }; apply(); }
    });
  });
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toGraph(evt);
    zoom(evt.deltaY < 0 ? 1 / 1.15 : 1.15, p.x, p.y);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    drag = { x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y };
    svg.classList.add("dragging");
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var rect = svg.getBoundingClientRect();
    view.x = drag.vx - (evt.clientX - drag.x) / rect.width * view.w;
    view.y = drag.vy - (evt.clientY - drag.y) / rect.height * view.h;
    apply();
  });
  function endDrag() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  // Keyboard: the drawing is focusable; arrows move it, + and - zoom.
  svg.setAttribute("tabindex", "0");
  svg.addEventListener("keydown", function (evt) {
    var step = view.w / 10;
    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[evt.key]) { view.x += moves[evt.key][0]; view.y += moves[evt.key][1]; apply(); evt.preventDefault(); }
    else if (evt.key === "+" || evt.key === "=") { zoom(1 / 1.25); evt.preventDefault(); }
    else if (evt.key === "-") { zoom(1.25); evt.preventDefault(); }
  });

  controls.querySelectorAll("input[name=tie]").forEach(function (box) {
    box.addEventListener("change", function () { svg.classList.toggle("hide-" + box.value, !box.checked); });
  });
  var wrap = svg.closest(".graph-wrap");
  controls.querySelectorAll("input[name=colour]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) { return; }
      var bySector = radio.value === "sector";
      svg.classList.toggle("colour-sector", bySector);
      svg.classList.toggle("colour-type", !bySector);
      if (wrap) { wrap.classList.toggle("by-sector", bySector); }
    });
  });
}());
