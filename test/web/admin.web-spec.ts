import { randomUUID } from 'node:crypto';
import {
  captureScreen,
  LAPTOP,
  newPerson,
  openScreen,
  signIn,
  acceptNextDialog,
} from './support/browser';
import { PASSWORD, webWorld } from './support/web-stack';

/** Accepts the next confirm() dialog of the page. */
describe('administration screens', () => {
  const world = webWorld();

  it('the admin creates an association and a mediator in it; the mediator must change the password; disabling locks them out', async () => {
    const suffix = randomUUID().slice(0, 6);
    const associationName = `Association Douentza ${suffix}`;
    const username = `awa.${suffix}`;
    const initialPassword = `Initial-pass-${suffix}-7`;
    const newPassword = `Nouveau-mot-de-passe-${suffix}`;
    const admin = await newPerson(world.browser, world.stack.baseURL, { viewport: LAPTOP });
    const page = admin.page;
    await signIn(page, world.cast.admin.username);
    expect(new URL(page.url()).hash).toBe('#/admin/users');

    // Association
    await openScreen(page, '/admin/associations');
    await page.getByLabel('Nom', { exact: true }).fill(associationName);
    await page.getByLabel("Numéro d'enregistrement (facultatif)").fill(`REC-${suffix}`);
    await page
      .getByLabel('Enregistrée auprès de (facultatif)')
      .selectOption({ label: world.cast.authority.name });
    await page.getByRole('button', { name: "Créer l'association" }).click();
    await page.getByRole('status').filter({ hasText: associationName }).waitFor();
    await page.getByRole('heading', { name: associationName }).waitFor();
    await captureScreen(page, 'admin-associations');

    // Authority over the cercle of Koro (region → cercle, then add)
    const { rows } = await world.stack.api.db.query<{ name: string }>(
      'SELECT r.name FROM area r JOIN area c ON c.parent_id = r.id WHERE c.id = $1',
      [world.cast.cercleId],
    );
    const regionName = rows[0].name;
    await openScreen(page, '/admin/authorities');
    await page.getByLabel('Nom (ex. Préfecture de Koro)').fill(`Sous-préfecture ${suffix}`);
    await page.getByLabel('Région').selectOption({ label: regionName });
    await page.getByLabel('Cercle').selectOption({ label: 'Koro' });
    await page.getByRole('button', { name: 'Ajouter cette zone' }).click();
    await page.getByRole('button', { name: 'Retirer Koro' }).waitFor();
    await page.getByRole('button', { name: "Créer l'autorité" }).click();
    await page.getByRole('heading', { name: `Sous-préfecture ${suffix}` }).waitFor();
    await captureScreen(page, 'admin-authorities');

    // Areas: region → cercle → add a commune
    await openScreen(page, '/admin/areas');
    await page.getByRole('button', { name: regionName }).click();
    await page.getByRole('button', { name: 'Koro' }).click();
    await page.getByRole('heading', { name: 'Communes du cercle de Koro' }).waitFor();
    await page.getByLabel('Nom de la commune').fill(`Commune ${suffix}`);
    await page.getByRole('button', { name: 'Ajouter la commune' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Commune ${suffix}` })
      .waitFor();
    await page
      .getByRole('list', { name: 'Communes du cercle de Koro' })
      .getByText(`Commune ${suffix}`)
      .waitFor();
    await captureScreen(page, 'admin-areas');

    // Mediator with a legal identity
    await openScreen(page, '/admin/users');
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    await page.getByLabel("Nom d'utilisateur").fill(username);
    await page.getByLabel('Nom affiché').fill('Awa D.');
    await page.getByLabel('Rôle').selectOption('mediator');
    await page.getByLabel('Association').selectOption({ label: associationName });
    await page.getByLabel('Nom légal complet').fill('Awa Diallo');
    await page.getByLabel("Numéro de pièce d'identité").fill(`ML-${suffix}`);
    await page.getByLabel('Mot de passe initial').fill(initialPassword);
    await page.getByRole('button', { name: "Créer l'utilisateur" }).click();
    await page.getByRole('status').filter({ hasText: username }).waitFor();
    const card = page.locator(`[data-username="${username}"]`);
    await card.getByText('Doit changer son mot de passe').waitFor();
    await card.getByText('En attente de confirmation').waitFor();
    await card.getByText('Identité légale enregistrée').waitFor();
    await expect(card.textContent()).resolves.toContain(associationName);
    await captureScreen(page, 'admin-users');

    // The mediator's first sign-in on a phone: forced to change the password
    const mediator = await newPerson(world.browser, world.stack.baseURL);
    const phone = mediator.page;
    await phone.goto('/');
    await phone.getByLabel("Nom d'utilisateur").fill(username);
    await phone.getByLabel('Mot de passe').fill(initialPassword);
    await phone.getByRole('button', { name: 'Se connecter' }).click();
    await phone.getByRole('heading', { name: 'Choisissez un nouveau mot de passe' }).waitFor();
    await captureScreen(phone, 'password-change');
    await phone.getByLabel('Mot de passe actuel').fill(initialPassword);
    await phone.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
    await phone.getByLabel('Confirmer le nouveau mot de passe').fill(newPassword);
    await phone.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await phone.locator('#page-title').waitFor();
    expect(new URL(phone.url()).hash).toBe('#/cases');
    // No coordinator of the association has confirmed the account: no case for now.
    await phone.getByText('Compte en attente de confirmation').first().waitFor();
    await mediator.context.close();

    // The admin disables the account: the API refuses the sign-in
    await page.reload();
    await page.locator('#page-title').waitFor();
    acceptNextDialog(page);
    await card.getByRole('button', { name: 'Désactiver' }).click();
    await card.getByText('Désactivé', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Réactiver' }).waitFor();
    const refused = await world.stack.api.http
      .post('/api/v1/auth/login')
      .send({ username, password: newPassword });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    await admin.context.close();
  });

  it('the admin resets the second factor and the password of an official whose phone was seized', async () => {
    const { official } = world.cast;
    await world.stack.api.db.query(
      `UPDATE app_user SET totp_enabled = true, totp_secret = 'enc:v1:lost' WHERE id = $1`,
      [official.id],
    );
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.admin.username);
    const card = page.locator(`[data-username="${official.username}"]`);
    await card.getByText('Vérification en deux étapes').waitFor();
    acceptNextDialog(page);
    await card.getByRole('button', { name: 'Réinitialiser la double vérification' }).click();
    await card.getByRole('button', { name: 'Réinitialiser la double vérification' }).waitFor({
      state: 'detached',
    });
    expect(await card.getByText('Vérification en deux étapes').count()).toBe(0);
    const { rows } = await world.stack.api.db.query<{ totp_enabled: boolean }>(
      'SELECT totp_enabled FROM app_user WHERE id = $1',
      [official.id],
    );
    expect(rows[0].totp_enabled).toBe(false);

    // Whoever holds the phone may know the password: a temporary one replaces it.
    await card.getByRole('button', { name: 'Mot de passe temporaire' }).click();
    const field = card.getByLabel('Nouveau mot de passe temporaire');
    await field.fill('azerty');
    await card.getByRole('button', { name: 'Enregistrer le mot de passe temporaire' }).click();
    await card.locator('.field-error').waitFor();
    const temporary = `Temporaire-${randomUUID().slice(0, 8)}-Koro`;
    await field.fill(temporary);
    await card.getByRole('button', { name: 'Enregistrer le mot de passe temporaire' }).click();
    await card.getByText('Mot de passe temporaire enregistré').waitFor();
    await card.getByText('Doit changer son mot de passe').waitFor();
    await context.close();

    // The official: the old password no longer opens the account; the temporary
    // one leads to the password change, then the notification says why.
    const person = await newPerson(world.browser, world.stack.baseURL);
    const phone = person.page;
    const refused = await world.stack.api.http
      .post('/api/v1/auth/login')
      .send({ username: official.username, password: PASSWORD });
    expect(refused.status).toBe(401);
    await phone.goto('/');
    await phone.getByLabel("Nom d'utilisateur").fill(official.username);
    await phone.getByLabel('Mot de passe').fill(temporary);
    await phone.getByRole('button', { name: 'Se connecter' }).click();
    await phone.getByRole('heading', { name: 'Choisissez un nouveau mot de passe' }).waitFor();
    await phone.getByLabel('Mot de passe actuel').fill(temporary);
    await phone.getByLabel('Nouveau mot de passe', { exact: true }).fill(PASSWORD);
    await phone.getByLabel('Confirmer le nouveau mot de passe').fill(PASSWORD);
    await phone.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await phone.locator('#page-title').waitFor();
    await openScreen(phone, '/notifications');
    await phone
      .getByText('Un administrateur a réinitialisé votre double vérification.', { exact: false })
      .waitFor();
    await person.context.close();
  });

  it('a coordinator sees their association’s users, without create or disable controls, and confirms a pending member', async () => {
    const pending = await world.stack.factory.user('mediator', {
      associationId: world.cast.associationId,
      pending: true,
    });
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.coordinator.username);
    await openScreen(page, '/admin/users');
    await page.getByRole('heading', { name: 'Membres de mon association' }).waitFor();
    await page.locator(`[data-username="${world.cast.mediator.username}"]`).waitFor();
    const card = page.locator(`[data-username="${pending.username}"]`);
    await card.getByText('En attente de confirmation').waitFor();
    acceptNextDialog(page);
    await card.getByRole('button', { name: 'Confirmer ce membre' }).click();
    await card.getByText('En attente de confirmation').waitFor({ state: 'detached' });
    const { rows } = await world.stack.api.db.query<{ pending: boolean }>(
      'SELECT pending FROM app_user WHERE id = $1',
      [pending.id],
    );
    expect(rows[0].pending).toBe(false);
    await expect(
      page.locator(`[data-username="${world.cast.admin.username}"]`).count(),
    ).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Nouvel utilisateur' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Désactiver' }).count()).resolves.toBe(0);
    await context.close();
  });
});
