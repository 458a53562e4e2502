/* Rolebook: checklist ticks that persist in this browser (localStorage).
   The page reads as plain lists without JavaScript; this only remembers ticks.
   Keys come from the page (data-rolebook-key on each checkbox: role, list and a
   hash of the item text), so two roles, or a changed item, never share a tick. */
(function () {
  "use strict";
  var PREFIX = "rolebook:tick:";

  function storage() {
    try { var s = window.localStorage; s.setItem(PREFIX + "probe", "1"); s.removeItem(PREFIX + "probe"); return s; }
    catch (e) { return null; }
  }

  function mark(box) {
    var li = box.closest("li");
    if (li) li.classList.toggle("rolebook-checked", box.checked);
  }

  function init() {
    var store = storage();
    document.querySelectorAll(".rolebook-checklist").forEach(function (list) {
      var boxes = list.querySelectorAll("input[type=checkbox][data-rolebook-key]");
      boxes.forEach(function (box) {
        box.disabled = false;
        if (store) box.checked = store.getItem(PREFIX + box.dataset.rolebookKey) === "1";
        mark(box);
        box.addEventListener("change", function () {
          if (store) {
            if (box.checked) store.setItem(PREFIX + box.dataset.rolebookKey, "1");
            else store.removeItem(PREFIX + box.dataset.rolebookKey);
          }
          mark(box);
        });
      });
      var clear = list.querySelector(".rolebook-clear");
      if (clear) {
        clear.hidden = false;
        clear.addEventListener("click", function (event) {
          event.preventDefault();
          boxes.forEach(function (box) {
            box.checked = false;
            if (store) store.removeItem(PREFIX + box.dataset.rolebookKey);
            mark(box);
          });
        });
      }
    });
  }

  // A diagram or table box that scrolls sideways is a tab stop, so a keyboard can scroll it.
  function scrollBoxes() {
    document.querySelectorAll(".rolebook-diagram, .rolebook-table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }
  // A diagram node reached by keyboard is scrolled fully into view inside its box (browsers
  // scroll an SVG link only far enough to show a sliver of it, or not at all).
  document.addEventListener("focusin", function (event) {
    var node = event.target;
    if (!node || !node.closest || !node.closest(".rolebook-diagram") || node.tagName.toLowerCase() !== "a") return;
    var box = node.closest(".rolebook-diagram"), r = node.getBoundingClientRect(), b = box.getBoundingClientRect();
    var margin = 16;
    if (r.right > b.right) box.scrollLeft += r.right - b.right + margin;
    else if (r.left < b.left) box.scrollLeft -= b.left - r.left + margin;
    r = node.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) window.scrollBy(0, r.top < 0 ? r.top - margin : r.bottom - window.innerHeight + margin);
  });
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(scrollBoxes, 150);
  });

  // Calendar subscriptions: the page links the feed itself (a download that works anywhere); where the
  // page is served, the subscribe button becomes the same address as webcal:, which calendar apps open.
  function webcal() {
    document.querySelectorAll("a[data-rolebook-webcal]").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      if (url.protocol === "http:" || url.protocol === "https:") a.href = "webcal://" + url.host + url.pathname;
    });
  }

  function start() {
    init();
    scrollBoxes();
    webcal();
  }

  // Material's instant navigation swaps pages without a reload: re-run on each.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
