import { Page } from 'playwright-core';
import { bearer, login } from '../support/factories';
import { captureScreen, newPerson, openScreen, signIn } from './support/browser';
import { webWorld } from './support/web-stack';

/** Region → cercle → commune, as a mediator picks Dinangourou on a phone. */
async function pickDinangourou(page: Page, labels: [string, string, string]): Promise<void> {
  await page.getByLabel(labels[0], { exact: true }).selectOption({ label: 'Bandiagara' });
  await page.getByLabel(labels[1], { exact: true }).selectOption({ label: 'Koro' });
  await page.getByLabel(labels[2], { exact: true }).selectOption({ label: 'Dinangourou' });
}

describe('dialogue case screens', () => {
  const world = webWorld();
  const otherAssociation = 'Association Sahel Paix';

  beforeAll(async () => {
    const other = await world.stack.factory.association({ name: otherAssociation });
    const otherCoordinator = await world.stack.factory.user('coordinator', {
      associationId: other.id,
    });
    await world.stack.factory.dialogueCase({
      associationId: other.id,
      areaId: world.cast.communeId,
      createdBy: otherCoordinator.id,
      status: 'negotiating',
      type: 'humanitarian_access',
    });
  });

  it('a mediator sees the other association’s process, creates a case and works on it', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    await openScreen(page, '/cases/new');
    await page.getByRole('heading', { name: 'Nouveau dossier', level: 1 }).waitFor();

    await page.getByLabel('Nom de code (obligatoire)').fill('Baobab-7');
    await pickDinangourou(page, ['Région', 'Cercle', 'Commune']);
    const overlaps = page.getByTestId('overlaps');
    await overlaps.getByText(otherAssociation, { exact: false }).waitFor();
    expect(await overlaps.textContent()).toMatch(
      /Accès humanitaire, En négociation, depuis \d{4}-\d{2}/,
    );
    await page.getByLabel('Type').selectOption({ label: 'Intercommunautaire' });
    await page.getByLabel('Résumé').fill('Accès aux puits entre deux quartiers.');
    await page.getByLabel('Lieu précis').fill('Près du puits du marché');
    await captureScreen(page, 'cases-new');

    await page.getByRole('button', { name: 'Créer' }).click();
    // After the 201 the response's overlaps are shown, then the case opens.
    await page.getByText('Dossier « Baobab-7 » créé.').waitFor();
    expect(await page.getByTestId('overlaps').textContent()).toContain(otherAssociation);
    await page.getByRole('link', { name: 'Ouvrir le dossier' }).click();
    await page.getByRole('heading', { name: 'Baobab-7', level: 1 }).waitFor();
    const caseId = /^#\/cases\/([0-9a-f-]{36})$/.exec(new URL(page.url()).hash)?.[1];
    expect(caseId).toBeDefined();
    const { rows } = await world.stack.api.db.query<{
      association_id: string;
      created_by: string;
      area_id: string;
      type: string;
    }>('SELECT association_id, created_by, area_id, type FROM dialogue_case WHERE id = $1', [
      caseId,
    ]);
    expect(rows[0]).toEqual({
      association_id: world.cast.associationId,
      created_by: world.cast.mediator.id,
      area_id: world.cast.communeId,
      type: 'intercommunity',
    });
    // The encrypted field comes back to the team and is shown.
    await page.getByText('Près du puits du marché').waitFor();

    // A party…
    await page.getByRole('tab', { name: 'Parties' }).click();
    const parties = page.getByRole('tabpanel', { name: 'Parties' });
    await parties.getByLabel('Nom', { exact: true }).fill('Conseil du village');
    await parties.getByLabel('Catégorie').selectOption({ label: 'Communauté' });
    await parties.getByRole('button', { name: 'Ajouter une partie' }).click();
    await parties.getByRole('listitem').filter({ hasText: 'Conseil du village' }).waitFor();
    await captureScreen(page, 'cases-page-parties');

    // …and a participant of that party, by pseudonym only.
    await page.getByRole('tab', { name: 'Participants' }).click();
    const participants = page.getByRole('tabpanel', { name: 'Participants' });
    // A real name without the person's consent: the API's refusal is shown by the consent box.
    await participants.getByLabel('Pseudonyme').fill('Karité');
    await participants.getByLabel('Vrai nom').fill('Nom réel');
    await participants.getByRole('button', { name: 'Ajouter un participant' }).click();
    const consentError = participants.locator('fieldset .field-error').first();
    await consentError.waitFor();
    const refused = await world.stack.api.http
      .post(`/api/v1/cases/${caseId}/participants`)
      .set(bearer((await login(world.stack.api.http, world.cast.mediator.username)).accessToken))
      .set('Accept-Language', 'fr')
      .send({ pseudonym: 'X', role: 'elder', realName: 'Y' });
    expect(refused.status).toBe(400);
    expect(await consentError.textContent()).toBe(
      (refused.body.errors as { field: string; message: string }[])[0].message,
    );
    await participants.getByLabel('Vrai nom').fill('');
    await participants.getByLabel('Partie').selectOption({ label: 'Conseil du village' });
    await participants.getByLabel('Rôle').selectOption({ label: 'Interprète' });
    await participants.getByRole('button', { name: 'Ajouter un participant' }).click();
    await participants
      .getByRole('listitem')
      .filter({ hasText: 'Karité' })
      .filter({ hasText: 'Interprète · Conseil du village' })
      .waitFor();
    await captureScreen(page, 'cases-page-participants');

    const tokens = await login(world.stack.api.http, world.cast.mediator.username);
    const held = await world.stack.api.http
      .get(`/api/v1/cases/${caseId}/participants`)
      .set(bearer(tokens.accessToken));
    expect(held.body.items).toEqual([
      expect.objectContaining({ pseudonym: 'Karité', role: 'interpreter', realName: null }),
    ]);

    // Status: only the allowed moves are offered; the reason is kept in the history.
    await page.getByRole('tab', { name: 'Résumé' }).click();
    const overview = page.getByRole('tabpanel', { name: 'Résumé' });
    const moves = await overview.getByRole('button', { name: /^Passer à/ }).allTextContents();
    expect(moves).toEqual(['Passer à « En négociation »', 'Passer à « Suspendu »']);
    await overview.getByRole('button', { name: 'Passer à « En négociation »' }).click();
    await overview
      .getByLabel('Motif (obligatoire)')
      .fill('Les deux parties acceptent de se parler.');
    await overview.getByRole('button', { name: 'Confirmer : En négociation' }).click();
    await overview.getByText('Statut changé : En négociation.').waitFor();
    await overview.locator('[data-status="negotiating"]').first().waitFor();
    const status = await world.stack.api.db.query<{ status: string }>(
      'SELECT status FROM dialogue_case WHERE id = $1',
      [caseId],
    );
    expect(status.rows[0].status).toBe('negotiating');

    await page.getByRole('tab', { name: 'Historique' }).click();
    const history = page.getByTestId('history');
    await history.getByText('Exploratoire → En négociation').waitFor();
    expect(await history.textContent()).toContain('Les deux parties acceptent de se parler.');
    await captureScreen(page, 'cases-page-history');

    await page.getByRole('tab', { name: 'Résumé' }).click();
    await captureScreen(page, 'cases-page');

    await openScreen(page, '/cases');
    const card = page.getByRole('listitem').filter({ hasText: 'Baobab-7' });
    await card.getByText('Dinangourou · Intercommunautaire').waitFor();
    await card.getByText('En négociation').waitFor();
    await captureScreen(page, 'cases-list');
    // A search that matches nothing empties the list.
    await page.getByText('Filtrer', { exact: true }).click();
    await page.getByLabel('Rechercher').fill('Karakara');
    await page.getByLabel('Rechercher').press('Enter');
    await page.getByText('Aucun dossier ne correspond.').waitFor();
    await page.getByLabel('Rechercher').fill('');
    await page.getByLabel('Rechercher').press('Enter');
    await card.getByRole('link', { name: 'Baobab-7' }).click();
    expect(new URL(page.url()).hash).toBe(`#/cases/${caseId}`);
    await context.close();
  });

  it('shows the API’s English message beside the empty code name', async () => {
    const tokens = await login(world.stack.api.http, world.cast.mediator.username);
    const direct = await world.stack.api.http
      .post('/api/v1/cases')
      .set(bearer(tokens.accessToken))
      .set('Accept-Language', 'en')
      .send({ codeName: '', areaId: world.cast.communeId, type: 'other' });
    expect(direct.status).toBe(400);
    const expected = (direct.body.errors as { field: string; message: string }[]).find(
      (e) => e.field === 'codeName',
    )?.message;
    expect(expected).toBeTruthy();

    const { context, page } = await newPerson(world.browser, world.stack.baseURL, { locale: 'en' });
    await signIn(page, world.cast.mediator.username);
    await openScreen(page, '/cases/new');
    await pickDinangourou(page, ['Region', 'Cercle', 'Commune']);
    await page.getByRole('button', { name: 'Create' }).click();
    const codeName = page.getByLabel('Code name (required)');
    const field = page.locator('.field').filter({ has: codeName });
    await field.locator('.field-error').waitFor();
    await expect(field.locator('.field-error').textContent()).resolves.toBe(expected);
    await expect(codeName.getAttribute('aria-invalid')).resolves.toBe('true');
    const count = await world.stack.api.db.query(
      'SELECT 1 FROM dialogue_case WHERE created_by = $1',
      [world.cast.mediator.id],
    );
    expect(count.rowCount).toBe(1);
    await context.close();
  });

  it('a coordinator adds a mediator to a case team; a mediator sees no such form', async () => {
    const dialogue = await world.stack.factory.dialogueCase({
      associationId: world.cast.associationId,
      areaId: world.cast.communeId,
      createdBy: world.cast.mediator.id,
      codeName: 'Tamarinier-3',
      team: [{ userId: world.cast.mediator.id, lead: true }],
    });
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.coordinator.username);
    await openScreen(page, `/cases/${dialogue.id}`);
    await page.getByRole('heading', { name: 'Tamarinier-3', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Équipe' }).click();
    const team = page.getByRole('tabpanel', { name: 'Équipe' });
    await team.getByText('Responsable', { exact: true }).waitFor();
    await team
      .getByLabel('Médiateur')
      .selectOption({ label: `Display ${world.cast.mediator2.username}` });
    await team.getByRole('button', { name: 'Ajouter à l’équipe' }).click();
    await team
      .getByRole('listitem')
      .filter({ hasText: `Display ${world.cast.mediator2.username}` })
      .waitFor();
    await captureScreen(page, 'cases-page-team');
    const members = await world.stack.api.db.query<{ user_id: string }>(
      'SELECT user_id FROM case_team_member WHERE case_id = $1 ORDER BY lead DESC',
      [dialogue.id],
    );
    expect(members.rows.map((r) => r.user_id)).toEqual([
      world.cast.mediator.id,
      world.cast.mediator2.id,
    ]);
    // Coordinators get no encrypted field from the API, so none is shown.
    await page.getByRole('tab', { name: 'Résumé' }).click();
    await page.locator('dt', { hasText: 'Nom de code' }).waitFor();
    expect(await page.locator('dt', { hasText: 'Lieu précis' }).count()).toBe(0);
    await context.close();

    const mediator = await newPerson(world.browser, world.stack.baseURL);
    await signIn(mediator.page, world.cast.mediator2.username);
    await openScreen(mediator.page, `/cases/${dialogue.id}`);
    await mediator.page.getByRole('tab', { name: 'Équipe' }).click();
    await mediator.page
      .getByText('Seul un coordinateur de l’association peut modifier l’équipe.')
      .waitFor();
    expect(await mediator.page.getByLabel('Médiateur').count()).toBe(0);
    await mediator.context.close();
  });
});
