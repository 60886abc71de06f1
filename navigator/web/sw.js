// The site's service worker: keeps a copy of this site's own files in the browser's Cache Storage, so the
// handbook and the navigator work with the network off after the first visit. It only ever asks this
// site, stores nothing but the site's files and sends nothing anywhere. The build writes it to the site
// root with MANIFEST filled in (navigator/sitebuild/offline.py explains the lists). Every path is relative
// to the site root, so the site works under any base path.
"use strict";

const MANIFEST = null;

const CACHE = `handbook-${MANIFEST.version}`;
const SCOPE = self.registration.scope;
const TIMEOUT_MS = 4000; // how long a page waits for the network before a kept copy is used
// Marks that a cache holds a partnership's pages ("pages") or its navigator ("navigator").
const mark = (what, partnership) =>
  new URL(`sw.js?kept=${what}&partnership=${encodeURIComponent(partnership)}`, SCOPE).href;

const address = (path) => new URL(path, SCOPE).href;

// A page is kept under its folder's address, the one links use: "level-1/index.html" as "level-1/".
function key(url) {
  const parsed = new URL(url);
  parsed.hash = "";
  if (parsed.pathname.endsWith("/index.html")) {
    parsed.pathname = parsed.pathname.slice(0, -"index.html".length);
  }
  return parsed.href;
}

function sitePath(url) {
  return new URL(url).pathname.slice(new URL(SCOPE).pathname.length);
}

function immutable(url) {
  const path = sitePath(url);
  return MANIFEST.immutable.some((entry) => (entry.endsWith("/") ? path.startsWith(entry) : path === entry));
}

// The partnership whose pages an address is under, or null.
function partnershipOf(url) {
  const first = sitePath(url).split("/")[0];
  return Object.hasOwn(MANIFEST.partnerships, first) ? first : null;
}

// Only whole, successful answers from this site are kept (no errors, no 206 parts, no redirects).
function keepable(response) {
  return response.status === 200 && response.type === "basic" && !response.redirected;
}

// Files not yet kept, but for ones that may change, which are asked for again. "no-cache" asks the server
// whether the browser's own HTTP cache is still current: a file the page has just loaded is not
// downloaded again, and an outdated one is never kept. Returns the addresses stored now.
async function keep(cache, paths) {
  const wanted = [];
  for (const url of paths.map(address)) {
    const kept = await cache.match(url);
    if (!immutable(url) || !kept) wanted.push(url);
  }
  const request = (url) => new Request(url, { cache: "no-cache" });
  await cache.addAll(wanted.map(request));
  return wanted;
}

// A partnership's pages, open data and search index, once one of its pages is open.
async function keepPartnership(cache, partnership) {
  if (await cache.match(mark("pages", partnership))) return;
  await keep(cache, MANIFEST.partnerships[partnership]);
  await cache.put(mark("pages", partnership), new Response("kept"));
}

// The navigator's files shared by every partnership, and this partnership's data and pages; returns the
// addresses of the navigator's files stored now.
async function keepNavigator(cache, partnership) {
  const stored = await keep(cache, [...MANIFEST.navigator, ...MANIFEST.navigator_data[partnership]]);
  for (const path of MANIFEST.fallback) {
    // The runtime fetches these only in some set-ups: kept if this browser has them, never downloaded.
    if (await cache.match(address(path))) continue;
    const fromBrowser = { cache: "only-if-cached", mode: "same-origin" };
    const used = await fetch(address(path), fromBrowser).catch(() => null);
    if (used && used.status === 200) await cache.add(new Request(address(path), { cache: "no-cache" }));
  }
  await keepPartnership(cache, partnership);
  await cache.put(mark("navigator", partnership), new Response("kept"));
  return stored;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(MANIFEST.precache.map((path) => new Request(address(path), { cache: "reload" })));
      // What a browser kept under the old version, it keeps under the new one too.
      for (const partnership of Object.keys(MANIFEST.partnerships)) {
        if (await caches.match(mark("navigator", partnership))) {
          await keepNavigator(cache, partnership).catch(() => undefined);
        } else if (await caches.match(mark("pages", partnership))) {
          await keepPartnership(cache, partnership).catch(() => undefined);
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("handbook-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
      // The pages open as the worker starts (the first visit) were not asked of it: keep their partnerships.
      const cache = await caches.open(CACHE);
      const open = (await self.clients.matchAll({ type: "window" })).map((client) => partnershipOf(client.url));
      for (const partnership of new Set(open.filter(Boolean))) {
        await keepPartnership(cache, partnership).catch(() => undefined);
      }
    })(),
  );
});

// Sent by a navigator page once its runtime has started (navigator/web/navigator.js). The reply names the
// files stored now (`stored`), so the page knows when Pyodide's scripts are new to this cache.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "cache-navigator") return;
  const reply = (type, stored = []) =>
    event.source && event.source.postMessage({ type, version: MANIFEST.version, stored });
  const { partnership } = event.data;
  event.waitUntil(
    (async () => {
      if (!Object.hasOwn(MANIFEST.navigator_data, partnership)) throw new Error("no such partnership");
      if (!(await caches.has(CACHE))) throw new Error("a newer version has replaced this worker");
      return keepNavigator(await caches.open(CACHE), partnership);
    })().then(
      (stored) => reply("navigator-cached", stored),
      () => reply("navigator-not-cached"),
    ),
  );
});

// Files on their way into the cache (address → a promise settled once stored or given up): the navigator's
// start and the prefetch (javascripts/sw-prefetch.js) wait for each other rather than fetch a file twice.
const downloads = new Map();
function downloading(url, storing) {
  const settled = storing
    .catch(() => undefined)
    .finally(() => downloads.get(url) === settled && downloads.delete(url));
  downloads.set(url, settled);
  return storing;
}
async function afterDownload(cache, url) {
  await downloads.get(url);
  return cache.match(url);
}

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const url = key(event.request.url);
  const cached = await afterDownload(cache, url);
  if (cached) return cached;
  const answer = fetch(event.request, { cache: "no-cache" });
  // Noted before the answer comes, so that a prefetch reaching this file meanwhile waits for it.
  const storing = answer.then(
    (response) => keepable(response) && cache.put(url, response.clone()),
  );
  event.waitUntil(downloading(url, storing).catch(() => undefined));
  return answer;
}

// The server's copy when it answers; the kept copy when it does not (or is slow and a copy is kept).
async function networkFirst(event) {
  const { request } = event;
  const cache = await caches.open(CACHE);
  const url = key(request.url);
  const cached = await cache.match(url);
  const controller = new AbortController();
  const timer = cached ? setTimeout(() => controller.abort(), TIMEOUT_MS) : null;
  try {
    const response = await fetch(request, { cache: "no-cache", signal: controller.signal });
    if (keepable(response)) event.waitUntil(cache.put(url, response.clone()));
    return response;
  } catch {
    if (cached) return cached;
    const notFound = request.mode === "navigate" ? await cache.match(address("404.html")) : undefined;
    return notFound || Response.error();
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE) || request.headers.has("range")) return;
  event.respondWith(immutable(request.url) ? cacheFirst(event) : networkFirst(event));
  const partnership = request.mode === "navigate" ? partnershipOf(request.url) : null;
  if (partnership) {
    event.waitUntil(caches.open(CACHE).then((cache) => keepPartnership(cache, partnership)).catch(() => undefined));
  }
});

// The navigator's files fetched ahead of its first visit, while a partnership's pages are read: in a script
// of its own, from this site (relative to this worker, so any base path works). Without it (a host that
// lost the file) the worker still installs and keeps the site offline; only the prefetch is missing.
try {
  importScripts("javascripts/sw-prefetch.js");
} catch {
  // nothing to do: pages that ask for a prefetch get no answer and carry on
}
