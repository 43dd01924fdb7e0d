/* Toguna service worker: keeps the app so that it opens with no connection.
 * On install it downloads the shell (page, entry bundle, styles, icons) and
 * the screens of a first day in the field (PRECACHE, chosen in first-day.ts);
 * any other screen's files are kept the first time they are fetched. API
 * responses are never cached here: the app keeps the records the user opened
 * in IndexedDB, under its own control (panic wipes them), and API traffic
 * passes straight through. Built by vite.config.ts, which fills in the file
 * list and the version. */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `toguna-shell-${VERSION}`;
const PASS_THROUGH = /^\/(api|docs|health|\.well-known)(\/|$)/;
/** Hashed files of the build: the same name is always the same content. */
const BUILD_FILE = /^\/assets\//;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('toguna-shell-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** From the network, kept for next time when it is a file of this build. */
function fetchAndKeep(request, pathname) {
  return fetch(request).then((response) => {
    if (response.ok && response.type === 'basic' && BUILD_FILE.test(pathname)) {
      const copy = response.clone();
      void caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || PASS_THROUGH.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // The app routes in the URL fragment: every page load is the one index page.
    event.respondWith(caches.match('/index.html').then((cached) => cached || fetch(request)));
    return;
  }
  event.respondWith(
    caches.match(request).then((cached) => cached || fetchAndKeep(request, url.pathname)),
  );
});
