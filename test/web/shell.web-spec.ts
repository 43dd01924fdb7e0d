import { captureScreen, newPerson, openScreen, signIn } from './support/browser';
import { webWorld } from './support/web-stack';

describe('web app shell', () => {
  const world = webWorld();

  it('serves the app at / in French, and a wrong password gets the API’s French message', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await captureScreen(page, 'sign-in');

    await page.getByLabel("Nom d'utilisateur").fill(world.cast.mediator.username);
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/identifiants|incorrect/i);
    await context.close();
  });

  it('runs the app and the API docs under a CSP without inline script: nothing is blocked', async () => {
    // Not newPerson(): its contexts bypass the CSP so that axe-core can be injected.
    const context = await world.browser.newContext({ baseURL: world.stack.baseURL });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    const answer = await page.goto('/');
    expect(answer?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await signIn(page, world.cast.mediator.username);
    await openScreen(page, '/account');
    await page.goto('/docs');
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(blocked).toEqual([]);
    // An injected inline script would not run.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await context.close();
  });

  it('switches to English and signs each role in to its first screen', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL, { locale: 'en' });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'FR' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByRole('button', { name: 'EN' }).click();
    await signIn(page, world.cast.mediator.username);
    expect(new URL(page.url()).hash).toBe('#/cases');
    await openScreen(page, '/no-such-screen');
    await expect(page.locator('#page-title').textContent()).resolves.toBe('Page not found');
    await captureScreen(page, 'not-found');
    await context.close();

    for (const [user, home] of [
      [world.cast.coordinator, '#/dashboard'],
      [world.cast.official, '#/mission-orders'],
      [world.cast.admin, '#/admin/users'],
    ] as const) {
      const person = await newPerson(world.browser, world.stack.baseURL);
      await signIn(person.page, user.username);
      expect(new URL(person.page.url()).hash).toBe(home);
      await person.context.close();
    }
  });

  it('opens the menu on a phone: every screen of the role, sign-out and panic', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.coordinator.username);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.waitFor();
    for (const name of ['Tableau de bord', 'Dossiers', 'Rencontres', 'Utilisateurs'])
      await nav.getByRole('link', { name }).waitFor();
    expect(await nav.getByRole('link', { name: 'Associations' }).count()).toBe(0);
    await nav.getByRole('button', { name: 'Urgence : tout effacer' }).waitFor();
    await captureScreen(page, 'menu');
    await nav.getByRole('link', { name: 'Dossiers' }).click();
    expect(new URL(page.url()).hash).toBe('#/cases');
    await nav.waitFor({ state: 'hidden' });
    await context.close();
  });
});
