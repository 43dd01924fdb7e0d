import { Page } from 'playwright-core';
import { PASSWORD_RULE } from '../../src/common/auth/password-rule';
import { PASSWORD } from '../support/factories';
import { newPerson, openScreen, signIn } from './support/browser';
import { caseOfCast, webWorld } from './support/web-stack';

/** The value beside a label in a list of facts (`<dt>label</dt><dd>value</dd>`). */
const factOf = (page: Page, label: string) =>
  page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

/** Switches a signed-in screen to English (the choice is in the menu). */
async function inEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
}

/**
 * What the screens say: one password rule in the hint and in the API's
 * refusal, the first administrator named in the user's language, the
 * languages of talks by name, exact counts shown as they are (0 included)
 * and the suppression rule for officials in one line.
 */
describe('words on the screens', () => {
  const world = webWorld();

  it('states one password rule: the hint, the refusal, and 10 characters accepted', async () => {
    const user = await world.stack.factory.user('mediator', {
      associationId: world.cast.associationId,
      mustChangePassword: true,
    });
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await page.goto('/');
    await page.getByLabel("Nom d'utilisateur").fill(user.username);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Choisissez un nouveau mot de passe' }).waitFor();
    const field = page.locator('.field').filter({ has: page.getByLabel('Nouveau mot de passe') });
    expect(await field.locator('.hint').textContent()).toContain(PASSWORD_RULE.fr);

    const fill = async (next: string) => {
      await page.getByLabel('Mot de passe actuel').fill(PASSWORD);
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(next);
      await page.getByLabel('Confirmer le nouveau mot de passe').fill(next);
      await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    };
    await fill('Baobab-d9');
    const refusal = page.locator('.alert-error[data-code="weak_password"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(PASSWORD_RULE.fr);
    await fill('Baobab-du-');
    await page.locator('#page-title').waitFor();
    expect(new URL(page.url()).hash).toBe('#/cases');
    await context.close();
  });

  it('names the first administrator in the language of the screen', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.admin.username);
    const card = page.locator('[data-testid="user-card"][data-username="admin"]');
    expect(await card.locator('.card-title').textContent()).toBe('Administrateur');
    await inEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(await card.locator('.card-title').textContent()).toBe('Administrator');
    // A name an administrator gave is shown as it is.
    expect(await page.locator('[data-testid="user-card"] .card-title').allTextContents()).toContain(
      `Display ${world.cast.coordinator.username}`,
    );
    await context.close();
  });

  it('names the languages of talks, in French and in English', async () => {
    const caseId = await caseOfCast(world, { codeName: 'Karité-langues' });
    await world.stack.api.db.query('UPDATE dialogue_case SET languages = $2 WHERE id = $1', [
      caseId,
      ['ffm', 'taq', 'xyz'],
    ]);
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    await openScreen(page, `/cases/${caseId}`);
    const languages = factOf(page, 'Langues');
    await languages.waitFor();
    // A code the list does not name stays as it is.
    expect(await languages.textContent()).toBe('Fulfulde (peul), Tamasheq, xyz');
    await inEnglish(page);
    const inEnglishWords = factOf(page, 'Languages');
    await inEnglishWords.waitFor();
    expect(await inEnglishWords.textContent()).toBe('Fulfulde (Fula), Tamasheq, xyz');

    // Editing offers them by name and keeps the unnamed code.
    await page.getByRole('button', { name: 'Edit' }).click();
    const choices = page.getByRole('group', { name: 'Languages' });
    for (const name of [
      'Bambara',
      'Fulfulde (Fula)',
      'Songhay',
      'Dogon',
      'Tamasheq',
      'French',
      'Arabic',
    ])
      await choices.getByLabel(name, { exact: true }).waitFor();
    await choices.getByLabel('Bambara', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await inEnglishWords.filter({ hasText: 'Bambara' }).waitFor();
    const { rows } = await world.stack.api.db.query<{ languages: string[] }>(
      'SELECT languages FROM dialogue_case WHERE id = $1',
      [caseId],
    );
    expect([...rows[0].languages].sort()).toEqual(['bam', 'ffm', 'taq', 'xyz']);
    await context.close();
  });

  it('shows counts as the API gives them, zero included, and the suppression rule in one line', async () => {
    const stats = {
      groupBy: 'cercle',
      items: [
        {
          areaId: world.cast.cercleId,
          areaName: 'Koro',
          counts: { broken: 0, at_risk: 1, watch: 4, stable: 12 },
        },
      ],
    };
    const { context, page } = await newPerson(world.browser, world.stack.baseURL, {
      interceptable: true,
    });
    // The counts a viewer allowed exact counts gets (the API decides who that is).
    await page.route('**/api/v1/stats/accords*', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(stats) }),
    );
    await signIn(page, world.cast.coordinator.username);
    const cells = page.locator('[data-testid="accord-stats"] .stat-cell');
    await cells.first().waitFor();
    expect(await cells.allTextContents()).toEqual(['0', '1', '4', '12']);
    const rule = page.getByTestId('suppression-rule');
    expect(await rule.textContent()).toBe(
      'Tout nombre inférieur à 3, zéro compris, s’affiche « <3 » pour qu’un petit village ne puisse pas être reconnu ; « x » : chiffre de région retenu, car il permettrait de retrouver un « <3 » de ses cercles.',
    );
    await context.close();

    // An official: what the API gives, small cells suppressed.
    const official = await newPerson(world.browser, world.stack.baseURL, { interceptable: true });
    await official.page.route('**/api/v1/stats/accords*', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          ...stats,
          items: [
            { ...stats.items[0], counts: { broken: '<3', at_risk: '<3', watch: 4, stable: 12 } },
          ],
        }),
      }),
    );
    await signIn(official.page, world.cast.official.username);
    await openScreen(official.page, '/dashboard');
    const officialCells = official.page.locator('[data-testid="accord-stats"] .stat-cell');
    await officialCells.first().waitFor();
    expect(await officialCells.allTextContents()).toEqual(['<3', '<3', '4', '12']);
    await official.page.getByTestId('suppression-rule').waitFor();
    await official.context.close();
  });
});
