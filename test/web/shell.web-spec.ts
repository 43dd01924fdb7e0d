import { Browser } from 'playwright-core';
import { captureScreen, launchBrowser, newPerson, signIn } from './support/browser';
import { Cast, castOf, startWebStack, WebStack } from './support/web-stack';

describe('web app shell', () => {
  let stack: WebStack;
  let cast: Cast;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startWebStack();
    cast = await castOf(stack);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('serves the app at / in French, and a wrong password gets the API’s French message', async () => {
    const { context, page } = await newPerson(browser, stack.baseURL);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await captureScreen(page, 'sign-in');

    await page.getByLabel("Nom d'utilisateur").fill(cast.mediator.username);
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/identifiants|incorrect/i);
    await context.close();
  });

  it('switches to English and signs each role in to its first screen', async () => {
    const { context, page } = await newPerson(browser, stack.baseURL, { locale: 'en' });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'FR' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByRole('button', { name: 'EN' }).click();
    await signIn(page, cast.mediator.username);
    expect(new URL(page.url()).hash).toBe('#/cases');
    await context.close();

    for (const [user, home] of [
      [cast.coordinator, '#/dashboard'],
      [cast.official, '#/mission-orders'],
      [cast.admin, '#/admin/users'],
    ] as const) {
      const person = await newPerson(browser, stack.baseURL);
      await signIn(person.page, user.username);
      expect(new URL(person.page.url()).hash).toBe(home);
      await person.context.close();
    }
  });
});
