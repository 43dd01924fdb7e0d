import { Page } from 'playwright-core';
import { newPerson, openScreen, signIn } from './support/browser';
import { webWorld } from './support/web-stack';

/** The paths the service worker holds, once it controls the page. */
async function cachedPaths(page: Page): Promise<string[]> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });
}

/** Whether a file of the build whose name starts with `prefix` is among the paths. */
const has = (paths: string[], prefix: string): boolean =>
  paths.some((p) => p.startsWith(`/assets/${prefix}-`));

/**
 * A first visit downloads the shell and the first-day screens only; the QR
 * reader and the admin screens come when first opened, and are kept from
 * then on. A screen never opened says so offline instead of breaking the app.
 */
describe('what the service worker keeps', () => {
  const world = webWorld();

  it('precaches the shell and the field screens, not the QR reader nor the admin screens', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    const paths = await cachedPaths(page);
    for (const path of ['/index.html', '/manifest.webmanifest', '/icon.svg'])
      expect(paths).toContain(path);
    for (const screen of ['case-list', 'case-page', 'accord-page', 'follow-up-form', 'outbox'])
      expect(has(paths, screen)).toBe(true);
    for (const screen of ['jsQR', 'users', 'areas', 'associations', 'authorities', 'account'])
      expect(has(paths, screen)).toBe(false);
    expect(paths.some((p) => /\.(br|gz)$/.test(p) || p.startsWith('/api/'))).toBe(false);
    await context.close();
  });

  it('keeps a screen once opened; offline, one never opened says so and opens when back online', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.admin.username);
    await page.getByRole('list', { name: 'Liste des utilisateurs' }).waitFor();
    // Opened before the worker took over (a first visit): kept all the same.
    await cachedPaths(page);
    await page.waitForFunction(async () => {
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys())
          if (new URL(request.url).pathname.startsWith('/assets/users-')) return true;
      return false;
    });

    await context.setOffline(true);
    await page.reload();
    // The screen's code comes from the device; its data cannot.
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await openScreen(page, '/admin/areas');
    const notice = page.getByTestId('screen-unavailable');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      "Cet écran n'a pas encore été ouvert sur cet appareil : il s'ouvrira quand le réseau reviendra.",
    );
    // The rest of the app still works: the menu, another screen.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();

    await openScreen(page, '/admin/areas');
    await notice.waitFor();
    await context.setOffline(false);
    await page.getByRole('heading', { level: 1, name: 'Régions, cercles et communes' }).waitFor();
    expect(await notice.count()).toBe(0);
    await context.close();
  });
});
