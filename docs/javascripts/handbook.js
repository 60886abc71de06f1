// The handbook's own script: the date in the print stamp ("printed on ..."), and the service worker (sw.js)
// that keeps a copy of this site's own files in the browser so the site works offline. Nothing is sent,
// and nothing is stored but the site's own files.
(function () {
  "use strict";
  // Written out rather than toLocaleDateString, whose first call loads the locale data (about 45 ms of a
  // navigator page's start on two cores).
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  function stampDate() {
    var now = new Date();
    var today = now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
    document.querySelectorAll(".printed-on").forEach(function (element) {
      element.textContent = today;
    });
  }
  stampDate();
  window.addEventListener("beforeprint", stampDate);

  // The heading a table sits under, for its name ("" where none precedes it).
  function headingBefore(element) {
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return sibling.textContent.trim();
      }
    }
    return "";
  }

  // A table wider than the page scrolls sideways in the theme's wrapper: make the wrapper reachable by
  // keyboard (Tab, then the arrow keys) and name it, as WCAG 2.1.1 asks (axe: scrollable-region-focusable),
  // each by the heading it sits under, so no two regions share a name (axe: landmark-unique).
  function scrollableTables() {
    var named = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var heading = headingBefore(wrap);
        var name = heading ? "Table: " + heading : "Table";
        named[name] = (named[name] || 0) + 1;
        if (named[name] > 1) name += " (" + named[name] + ")";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name + " (scrolls sideways)");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scrollableTables);
  else scrollableTables();
  window.addEventListener("resize", scrollableTables);

  // sw.js sits at the site root, one folder up from this script, wherever the site is published.
  var script = document.currentScript;
  function keepForOffline() {
    try {
      var worker = new URL("../sw.js", script.src);
      var scope = new URL("./", worker).href;
      navigator.serviceWorker.register(worker.href, { scope: scope }).catch(function () {});
    } catch (error) {
      // no service worker (private browsing, storage blocked): the site simply works online only
    }
  }
  if (script && "serviceWorker" in navigator) {
    if (document.querySelector("script[data-runtime]")) {
      // A navigator page: register once its runtime has started (or failed), so the first download of
      // the site's files does not slow the start (navigator.js sends "navigator-started").
      document.addEventListener("navigator-started", keepForOffline, { once: true });
    } else if (document.readyState === "complete") keepForOffline();
    else window.addEventListener("load", keepForOffline);
  }
})();
