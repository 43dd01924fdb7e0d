import { Page } from 'playwright-core';
import { captureScreen, newPerson, openScreen, signIn, localInput } from './support/browser';
import { webWorld } from './support/web-stack';

/** The scheduling form of a case, as the case page links to it. */
async function openNew(page: Page, caseId: string): Promise<void> {
  await page.goto(`/#/meetings/new?caseId=${caseId}`);
  await page.locator('#page-title').waitFor();
}

describe('meetings screens', () => {
  const world = webWorld();
  let caseId: string;

  beforeAll(async () => {
    const { stack, cast } = world;
    caseId = (
      await stack.factory.dialogueCase({
        associationId: cast.associationId,
        areaId: cast.communeId,
        createdBy: cast.mediator.id,
        codeName: 'Baobab',
        team: [{ userId: cast.mediator.id, lead: true }, { userId: cast.mediator2.id }],
      })
    ).id;
  });

  it('schedules a meeting, shows it in the calendar, and refuses a double booking', async () => {
    const { stack, cast, browser } = world;
    const { context, page } = await newPerson(browser, stack.baseURL);
    await signIn(page, cast.mediator.username);
    const start = new Date(Date.now() + 86_400_000);
    start.setHours(9, 0, 0, 0);

    await openNew(page, caseId);
    await page.getByText('Baobab').waitFor();
    await page.getByLabel('Date et heure').fill(localInput(start));
    await page.getByLabel('Durée (minutes)').fill('120');
    await page.getByLabel(`Display ${cast.mediator.username}`).check();
    await page.getByLabel(`Display ${cast.mediator2.username}`).check();
    await page.getByLabel('Ordre du jour').fill('Accès aux points d’eau');
    await page.getByRole('button', { name: 'Planifier', exact: true }).click();
    await page.getByText('Rencontre planifiée.').waitFor();
    // Nobody holds a mission order yet: the coverage names them and offers to request one.
    await expect(page.getByTestId('coverage').textContent()).resolves.toContain(
      `Display ${cast.mediator2.username}`,
    );
    await page.getByRole('link', { name: 'Demander un ordre de mission' }).waitFor();

    await openScreen(page, '/meetings');
    // Tomorrow is a Monday: the meeting is in next week's view.
    if (start.getDay() === 1) await page.getByRole('button', { name: /Semaine suivante/ }).click();
    const item = page.getByTestId('meeting-item').filter({ hasText: 'Baobab' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toMatch(/09:00.*Baobab.*Prévue/);
    await captureScreen(page, 'meetings-calendar');
    // The upcoming list shows it too, with its date.
    await page.getByRole('button', { name: 'Liste à venir' }).click();
    const listed = page.getByTestId('meeting-item').filter({ hasText: 'Baobab' });
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toMatch(/09:00/);
    await captureScreen(page, 'meetings-list');

    // Fatou again, one hour later, on the same case: a double booking.
    await openNew(page, caseId);
    await page.getByLabel('Date et heure').fill(localInput(new Date(start.getTime() + 3_600_000)));
    await page.getByLabel(`Display ${cast.mediator2.username}`).check();
    await page.getByRole('button', { name: 'Planifier', exact: true }).click();
    const overlap = page.getByTestId('overlap-error');
    await overlap.waitFor();
    await expect(overlap.textContent()).resolves.toContain('Double réservation');
    await expect(overlap.textContent()).resolves.toContain(
      `Display ${cast.mediator2.username} a déjà une rencontre`,
    );
    await captureScreen(page, 'meetings-new');

    await overlap.getByRole('link', { name: 'Voir cette rencontre' }).click();
    await page.getByRole('heading', { name: 'Rencontre — Baobab' }).waitFor();
    await page.getByText('Accès aux points d’eau').waitFor();
    await captureScreen(page, 'meetings-page');

    // The outcome is recorded from the meeting page.
    await page.getByLabel('Issue', { exact: true }).selectOption('held');
    await page.getByLabel('Notes').fill('Les deux villages ont accepté un calendrier de passage.');
    await page.getByRole('button', { name: 'Enregistrer l’issue' }).click();
    await page.getByText('Issue enregistrée.').waitFor();
    await page.locator('dd').getByText('Tenue').waitFor();
    await context.close();
  });
});
