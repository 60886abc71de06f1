// The site's service worker: keeps a copy of this site's own files in the browser's Cache Storage, so the
// handbook and the navigator work with the network off after the first visit. It only ever asks this
// site, stores nothing but the site's files and sends nothing anywhere. The build writes it to the site
// root with MANIFEST filled in (navigator/handbook/offline.py explains the lists). Every path is relative
// to the site root, so the site works under any base path.
"use strict";

const MANIFEST = null;

const CACHE = `handbook-${MANIFEST.version}`;
const SCOPE = self.registration.scope;
const TIMEOUT_MS = 4000; // how long a page waits for the network before a kept copy is used
const KEPT = new URL("sw.js?navigator-kept", SCOPE).href; // marks a cache that holds the navigator

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

function immutable(url) {
  const path = new URL(url).pathname.slice(new URL(SCOPE).pathname.length);
  return MANIFEST.immutable.some((entry) => (entry.endsWith("/") ? path.startsWith(entry) : path === entry));
}

// Only whole, successful answers from this site are kept (no errors, no 206 parts, no redirects).
function keepable(response) {
  return response.status === 200 && response.type === "basic" && !response.redirected;
}

// The navigator's files, but for immutable ones already kept. "no-cache" asks the server whether the
// browser's own HTTP cache is still current: a file the page has just loaded is not downloaded again, and
// an outdated one is never kept.
async function keepNavigator(cache) {
  const wanted = [];
  for (const url of MANIFEST.navigator.map(address)) {
    if (!immutable(url) || !(await cache.match(url))) wanted.push(new Request(url, { cache: "no-cache" }));
  }
  await cache.addAll(wanted);
  for (const path of MANIFEST.fallback) {
    // The runtime fetches these only in some set-ups: kept if this browser has them, never downloaded.
    if (await cache.match(address(path))) continue;
    const fromBrowser = { cache: "only-if-cached", mode: "same-origin" };
    const used = await fetch(address(path), fromBrowser).catch(() => null);
    if (used && used.status === 200) await cache.add(new Request(address(path), { cache: "no-cache" }));
  }
  await cache.put(KEPT, new Response("kept"));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(MANIFEST.precache.map((path) => new Request(address(path), { cache: "reload" })));
      // A browser that kept the navigator under the old version keeps it under the new one too.
      if (await caches.match(KEPT)) await keepNavigator(cache).catch(() => undefined);
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
    })(),
  );
});

// Sent by a navigator page once its runtime has started (navigator/web/navigator.js).
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "cache-navigator") return;
  const reply = (type) => event.source && event.source.postMessage({ type, version: MANIFEST.version });
  event.waitUntil(
    (async () => {
      if (!(await caches.has(CACHE))) throw new Error("a newer version has replaced this worker");
      await keepNavigator(await caches.open(CACHE));
    })().then(
      () => reply("navigator-cached"),
      () => reply("navigator-not-cached"),
    ),
  );
});

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const url = key(event.request.url);
  const cached = await cache.match(url);
  if (cached) return cached;
  const response = await fetch(event.request, { cache: "no-cache" });
  if (keepable(response)) event.waitUntil(cache.put(url, response.clone()));
  return response;
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
});
