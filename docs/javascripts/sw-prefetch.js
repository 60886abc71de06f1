// Part of the site's service worker (sw.js imports it; it shares sw.js's names: MANIFEST, CACHE, address,
// partnershipOf, keepable, downloading, afterDownload). It fetches the navigator's files while
// the reader reads a partnership's pages, into the cache the navigator's own start fills, so the
// navigator's first visit starts as a warm one (docs/adr/008-prefetch-runtime.md). It lives here, beside
// the handbook's scripts, because the build ships this folder as it is; sw.js would pass 250 lines with it.
// It asks this site only, for the site's own files, and sends nothing about the reader anywhere.
"use strict";

const PREFETCH_WATCH_MS = 1000; // how often a prefetch looks again at the connection and the open pages

// The rule of handbook.js `prefetchCost`, asked again while the files come: a connection can change.
// (A worker cannot ask prefers-reduced-data, which has no matchMedia here: the page asked it.)
function costly() {
  const connection = self.navigator.connection;
  if (!connection || connection.saveData || connection.effectiveType !== "4g") return true;
  return connection.metered === true || ![undefined, "wifi", "ethernet"].includes(connection.type);
}

// Resolves with why a prefetch should stop: the connection turned costly, or the reader has left (no
// window of this site shows a partnership's pages at two looks in a row; moving from one page to the next
// leaves a moment with neither, and is not leaving). Resolves with "" once `finished` is aborted.
function untilStopped(finished) {
  return new Promise((resolve) => {
    let missed = 0;
    const timer = setInterval(async () => {
      const open = await self.clients.matchAll({ type: "window" });
      missed = open.some((client) => partnershipOf(client.url)) ? 0 : missed + 1;
      const why = finished.aborted ? "" : costly() ? "costly connection" : missed >= 2 ? "reader left" : null;
      if (why === null) return;
      clearInterval(timer);
      resolve(why);
    }, PREFETCH_WATCH_MS);
  });
}

// One file at a time, at low priority, skipping what the cache holds or is receiving (the navigator's own
// start may be fetching it). Any failure (the network, the server, the storage quota, a newer version
// deleting this cache) ends it there: what is stored stays, and a file half fetched is never stored
// (`cache.put` stores a whole answer or nothing). Resolves with the addresses stored.
async function prefetch(partnership) {
  const cache = await caches.open(CACHE);
  const stop = new AbortController();
  const finished = new AbortController();
  untilStopped(finished.signal).then((why) => why && stop.abort(new Error(why)));
  const stored = [];
  try {
    for (const url of [...MANIFEST.navigator, ...MANIFEST.navigator_data[partnership]].map(address)) {
      stop.signal.throwIfAborted();
      if (!(await caches.has(CACHE))) throw new Error("a newer version has replaced this worker");
      if (await afterDownload(cache, url)) continue;
      const response = await fetch(url, { cache: "no-cache", priority: "low", signal: stop.signal });
      if (!keepable(response)) throw new Error(`${url}: ${response.status}`);
      await downloading(url, cache.put(url, response));
      stored.push(url);
    }
    return stored;
  } finally {
    finished.abort();
  }
}

// Asked by a page of one partnership (handbook.js), and only heeded from a page under that partnership's
// folder: never the home page or a page across partnerships. One prefetch at a time; a later ask waits
// for the one under way, then finds its files kept. The reply names what was stored, or why it stopped.
let prefetching = Promise.resolve();

self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "prefetch-navigator") return;
  const { partnership } = event.data;
  const page = event.source;
  if (!page) return;
  const reply = (type, detail) => page.postMessage({ type, version: MANIFEST.version, ...detail });
  if (!partnership || partnershipOf(page.url) !== partnership) {
    reply("navigator-not-prefetched", { reason: "not a partnership's page" });
    return;
  }
  prefetching = prefetching
    .then(() => prefetch(partnership))
    .then(
      (stored) => reply("navigator-prefetched", { stored }),
      (error) => reply("navigator-not-prefetched", { reason: String(error?.message ?? error) }),
    )
    .catch(() => undefined); // the page has gone: nobody to tell
  event.waitUntil(prefetching);
});
