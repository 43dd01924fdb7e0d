import { authenticator } from 'otplib';
import { Page } from 'playwright-core';
import { bearer, login } from '../support/factories';
import { captureScreen, newPerson, openScreen, signIn, acceptNextDialog } from './support/browser';
import { PASSWORD, webWorld } from './support/web-stack';

/** Accepts the next confirm() dialog of the page. */
/** Opens the menu when it is folded (phone) and presses one of its buttons. */
async function menuButton(page: Page, name: string | RegExp, testId?: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Menu' });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  const button = testId ? page.getByTestId(testId) : page.getByRole('button', { name });
  await button.click();
}

/** Every record left in the app's IndexedDB databases, by database and store. */
function indexedDbContents(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const counts: Record<string, number> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        counts[`${info.name}/${store}`] = await new Promise<number>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(new Error(String(request.error)));
        });
      }
      db.close();
    }
    return counts;
  });
}

describe('my account, notifications and panic', () => {
  const world = webWorld();

  it('a mediator ends a session, turns on two-step verification with the password, which ends the others, and is asked for the code at the next sign-in', async () => {
    // Two other devices of the same mediator, signed in earlier.
    const others = [
      await login(world.stack.api.http, world.cast.mediator.username),
      await login(world.stack.api.http, world.cast.mediator.username),
    ];
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    await openScreen(page, '/account');
    await page.getByText('Non activée').waitFor();

    // Sessions: this one and the two others; end one.
    const sessions = page.getByTestId('session');
    await sessions.first().waitFor();
    await expect(sessions.count()).resolves.toBe(3);
    await captureScreen(page, 'account');
    acceptNextDialog(page);
    await page.getByRole('button', { name: 'Fermer cette session' }).first().click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="session"]').length === 2,
    );

    // Setting up asks for the password again: a wrong one is refused.
    const password = page.getByLabel('Votre mot de passe');
    await password.fill('Not-my-password-at-all');
    await page.getByRole('button', { name: 'Configurer la vérification en deux étapes' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: "Le mot de passe actuel n'est pas correct." })
      .waitFor();
    await expect(page.getByTestId('totp-secret').count()).resolves.toBe(0);
    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Configurer la vérification en deux étapes' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    await page.getByRole('img', { name: /Code QR/ }).waitFor();
    await page.getByLabel(/Code à 6 chiffres/).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Activer', exact: true }).click();
    await page
      .getByTestId('totp-state')
      .and(page.getByText('Activée', { exact: true }))
      .waitFor();
    await page
      .getByRole('status')
      .filter({
        hasText: 'Vérification en deux étapes activée. Vos autres sessions ont été fermées.',
      })
      .waitFor();

    // Only this device is left.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="session"]').length === 1,
    );
    await sessions.first().getByText('Cet appareil').waitFor();
    for (const other of others) {
      const refused = await world.stack.api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: other.refreshToken });
      expect(refused.status).toBe(401);
    }

    // Sign out, sign in again: the code is asked after the password.
    await menuButton(page, 'Se déconnecter');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByLabel("Nom d'utilisateur").fill(world.cast.mediator.username);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const codeField = page.getByLabel(/Code de vérification/);
    await codeField.waitFor();
    await captureScreen(page, 'sign-in-totp');
    // A code is good once: use the next step's code (accepted within ±1 step).
    await codeField.fill(authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // Signed in again, back on the screen where they signed out.
    await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
    await context.close();
  });

  it('a phone that signed in before still signs in while strangers have locked the account', async () => {
    const owner = await world.stack.factory.user('mediator', {
      associationId: world.cast.associationId,
    });
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, owner.username);
    await menuButton(page, 'Se déconnecter');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();

    // Someone guesses the owner's password elsewhere until the account is locked.
    for (let i = 0; i < 6; i++) {
      await world.stack.api.http
        .post('/api/v1/auth/login')
        .send({ username: owner.username, password: `Guessed-password-${i}` });
    }
    const stranger = await world.stack.api.http
      .post('/api/v1/auth/login')
      .send({ username: owner.username, password: PASSWORD });
    expect(stranger.status).toBe(429);

    // The phone sends its device token with the password: the lock is not for it.
    await signIn(page, owner.username);
    await context.close();
  });

  it('shows a notification in words with a link to its case, and marks it read', async () => {
    const dialogueCase = await world.stack.factory.dialogueCase({
      associationId: world.cast.associationId,
      areaId: world.cast.communeId,
      createdBy: world.cast.coordinator.id,
      team: [{ userId: world.cast.mediator.id, lead: true }],
    });
    const coordinator = await login(world.stack.api.http, world.cast.coordinator.username);
    const added = await world.stack.api.http
      .post(`/api/v1/cases/${dialogueCase.id}/team`)
      .set(bearer(coordinator.accessToken))
      .send({ userId: world.cast.mediator2.id });
    expect(added.status).toBe(201);

    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator2.username);
    await openScreen(page, '/notifications');
    const card = page.getByTestId('notification').filter({ hasText: 'équipe d’un dossier' });
    await card.getByText('Non lue').waitFor();
    expect(await card.getByRole('link', { name: 'Ouvrir le dossier' }).getAttribute('href')).toBe(
      `#/cases/${dialogueCase.id}`,
    );
    await captureScreen(page, 'notifications');
    await card.getByRole('button', { name: 'Marquer comme lue' }).click();
    await card.getByText('Lue', { exact: true }).waitFor();
    await page.getByLabel('Seulement les non lues').check();
    await page.getByText('Aucune notification non lue.').waitFor();

    const mine = await login(world.stack.api.http, world.cast.mediator2.username);
    const unread = await world.stack.api.http
      .get('/api/v1/notifications?unread=true')
      .set(bearer(mine.accessToken));
    expect(unread.body.items).toEqual([]);
    await context.close();
  });

  it('panic erases the device and ends the session: the old refresh token is refused, the case is gone', async () => {
    const dialogueCase = await world.stack.factory.dialogueCase({
      associationId: world.cast.associationId,
      areaId: world.cast.communeId,
      createdBy: world.cast.mediator2.id,
      codeName: 'Puits de Dinangourou',
      team: [{ userId: world.cast.mediator2.id, lead: true }],
    });
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator2.username);
    await openScreen(page, `/cases/${dialogueCase.id}`);
    await page.getByText('Puits de Dinangourou').first().waitFor();

    const before = await indexedDbContents(page);
    expect(before['toguna-records/records']).toBeGreaterThan(0);
    const refreshToken = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('toguna');
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const get = open.result.transaction('session').objectStore('session').get('current');
            get.onsuccess = () => {
              resolve((get.result as { refreshToken: string }).refreshToken);
              open.result.close();
            };
            get.onerror = () => reject(new Error(String(get.error)));
          };
        }),
    );
    expect(refreshToken).toBeTruthy();

    acceptNextDialog(page);
    // Panic ends by reloading the app at / once the device is wiped.
    await Promise.all([page.waitForEvent('load'), menuButton(page, /Urgence/, 'panic')]);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();

    const after = await indexedDbContents(page);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    const refused = await world.stack.api.http.post('/api/v1/auth/refresh').send({ refreshToken });
    expect(refused.status).toBe(401);

    // Offline, the case opened before cannot be read: the app asks to sign in.
    await context.setOffline(true);
    await page.evaluate((id) => (window.location.hash = `#/cases/${id}`), dialogueCase.id);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await expect(page.getByText('Puits de Dinangourou').count()).resolves.toBe(0);
    await context.close();
  });
});
