/* Toguna service worker: keeps the app shell (page, bundles, icons) so the app
 * opens with no connection. API responses are never cached here: the app keeps
 * the records the user opened in IndexedDB, under its own control (panic wipes
 * them), and API traffic passes straight through. Built by vite.config.ts,
 * which fills in the file list and the version. */
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const CACHE = `toguna-shell-${VERSION}`;
const PASS_THROUGH = /^\/(api|docs|health|\.well-known)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
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
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
