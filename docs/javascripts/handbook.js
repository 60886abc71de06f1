// The handbook's own script: the date in the print stamp ("printed on ..."), the service worker (sw.js)
// that keeps a copy of this site's own files in the browser so the site works offline, and on a
// partnership's pages the navigator's files fetched ahead of its first visit. Nothing is sent, and nothing
// is stored but the site's own files.
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

  // A practitioner usually reads a partnership's pages before opening its navigator, whose first visit
  // downloads Pyodide, its snapshot and the data (megabytes: ADR 008 has the figures). While they read, the
  // service worker fetches those into its copy (javascripts/sw-prefetch.js), so that visit starts as a warm
  // one; never where it would cost the reader (docs/adr/008-prefetch-runtime.md). The page's
  // data-prefetch says what happened, for the tests; it is never stored or sent.
  var PREFETCH_DELAY_MS = 5000; // after the page has loaded and is controlled: its own work comes first

  function notePrefetch(what) {
    document.documentElement.dataset.prefetch = what;
  }

  // Why fetching the navigator's files now would cost the reader, or "" when it would not.
  function prefetchCost() {
    var connection = navigator.connection;
    // No Network Information (Firefox, Safari): nothing says whether this is a phone's metered data or
    // Save-Data is on, so we do not prefetch. Guessing wrong would spend megabytes of someone's data plan
    // unasked; not prefetching costs a few seconds once, on a visit that works without it.
    if (!connection || connection.effectiveType === undefined) return "no network information";
    if (connection.saveData) return "save-data";
    if (window.matchMedia && matchMedia("(prefers-reduced-data: reduce)").matches) return "reduced data";
    // "4g" is the fastest the API reports; slow-2g, 2g, 3g or a value we do not know are all slow.
    if (connection.effectiveType !== "4g") return "slow connection";
    // Where the browser names the link (Android, ChromeOS), only wifi and ethernet: cellular, and bluetooth
    // or wimax (mostly tethering to a phone), may be metered. Desktop browsers name none: undefined.
    if (connection.metered === true) return "metered connection";
    if (connection.type !== undefined && connection.type !== "wifi" && connection.type !== "ethernet") {
      return "metered connection";
    }
    return "";
  }

  // The first folder under the site root, where a partnership's pages sit ("" on the home page); the
  // service worker heeds the ask only when that folder is a partnership's and the page is under it.
  function siteFolder() {
    var root = new URL("../", script.src).pathname; // this script sits in javascripts/
    var path = location.pathname;
    return path.indexOf(root) === 0 ? path.slice(root.length).split("/")[0] : "";
  }

  function askToPrefetch(partnership) {
    var cost = prefetchCost();
    var worker = navigator.serviceWorker.controller;
    if (cost || !worker) return notePrefetch(cost || "not controlled");
    notePrefetch("asked");
    worker.postMessage({ type: "prefetch-navigator", partnership: partnership });
  }

  function prefetchWhenIdle() {
    var partnership = siteFolder();
    if (!partnership) return notePrefetch("no partnership");
    if (typeof window.requestIdleCallback !== "function") return notePrefetch("no idle callback");
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "navigator-prefetched") notePrefetch("done");
      if (data.type === "navigator-not-prefetched") notePrefetch("stopped: " + data.reason);
    });
    var controlled = new Promise(function (resolve) {
      if (navigator.serviceWorker.controller) resolve();
      // the first visit: once the worker has installed and taken this page over
      else navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true });
    });
    controlled.then(function () {
      notePrefetch("waiting");
      setTimeout(function () {
        requestIdleCallback(function () {
          askToPrefetch(partnership);
        });
      }, PREFETCH_DELAY_MS);
    });
  }

  function afterLoad() {
    keepForOffline();
    prefetchWhenIdle();
  }

  if (script && "serviceWorker" in navigator) {
    if (document.querySelector("script[data-runtime]")) {
      // A navigator page: register once its runtime has started (or failed), so the first download of
      // the site's files does not slow the start (navigator.js sends "navigator-started"). It keeps its
      // own files once started (navigator.js), so it asks for no prefetch.
      document.addEventListener("navigator-started", keepForOffline, { once: true });
    } else if (document.readyState === "complete") afterLoad();
    else window.addEventListener("load", afterLoad);
  }
})();
