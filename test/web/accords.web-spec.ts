import { Page } from 'playwright-core';
import { bearer, login } from '../support/factories';
import {
  captureScreen,
  LAPTOP,
  newPerson,
  openScreen,
  signIn,
  localInput,
} from './support/browser';
import { caseOfCast, webWorld } from './support/web-stack';

/**
 * The acceptance story: a mediator opens a case, schedules a meeting,
 * records a verbal pact and its terms on a phone, a follow-up finds one term violated and the accord turns
 * "at risk"; the coordinator sees it first on the dashboard and flags it; the
 * official sees only counts per area.
 */
describe('accords, follow-ups and the dashboard', () => {
  const world = webWorld();
  let caseId: string;
  let accordId: string;
  let quietAccordId: string;
  const CODE = 'Baobab';
  const TERMS = [
    {
      text: 'Les bergers peuvent mener le bétail aux pâturages de la mare',
      category: 'livelihoods_access',
      obligor: 'Katiba',
      beneficiary: 'Conseil de village',
      concession: true,
    },
    {
      text: 'Aucune patrouille armée au marché du lundi',
      category: 'armed_presence',
      obligor: 'Katiba',
      beneficiary: 'Conseil de village',
      concession: false,
    },
    {
      text: 'La route de Koro reste ouverte aux charrettes',
      category: 'freedom_of_movement',
      obligor: 'Katiba',
      beneficiary: '',
      concession: false,
    },
  ] as const;

  async function newCaseWithParties(codeName: string, parties: string[]): Promise<string> {
    const id = await caseOfCast(world, { codeName, status: 'negotiating' });
    const { accessToken } = await login(world.stack.api.http, world.cast.mediator.username);
    for (const name of parties) {
      await world.stack.api.http
        .post(`/api/v1/cases/${id}/parties`)
        .set(bearer(accessToken))
        .send({ name, kind: name === 'Katiba' ? 'armed_group' : 'community' })
        .expect(201);
    }
    return id;
  }

  beforeAll(async () => {
    caseId = await newCaseWithParties(CODE, ['Conseil de village', 'Katiba', 'Éleveurs']);
    // A second accord, concluded today and not yet due: healthy, so "worst first" means something.
    const quietCase = await newCaseWithParties('Karité', ['Village', 'Milice']);
    const { accessToken } = await login(world.stack.api.http, world.cast.mediator.username);
    const quiet = await world.stack.api.http
      .post(`/api/v1/cases/${quietCase}/accords`)
      .set(bearer(accessToken))
      .set('Idempotency-Key', crypto.randomUUID())
      .send({ concludedAt: new Date().toISOString(), kind: 'ceasefire', form: 'verbal' })
      .expect(201);
    quietAccordId = quiet.body.id as string;
  });

  async function addTerm(page: Page, term: (typeof TERMS)[number], index: number) {
    const form = page.getByRole('form', { name: 'Ajouter un engagement' });
    const open = page.getByRole('button', { name: 'Ajouter un engagement' });
    // The form opens by itself on a new accord (once the accord has loaded), then
    // stays open for the next term; otherwise its button opens it.
    await form.or(open).first().waitFor();
    if (!(await form.isVisible())) await open.click();
    await form.getByLabel('Engagement', { exact: true }).fill(term.text);
    await form.getByLabel('Catégorie').selectOption(term.category);
    await form.getByLabel('Qui est engagé').selectOption({ label: term.obligor });
    if (term.beneficiary)
      await form.getByLabel('Au bénéfice de').selectOption({ label: term.beneficiary });
    if (term.concession) await form.getByLabel(/Concession obtenue/).check();
    await form.getByRole('button', { name: "Ajouter l'engagement" }).click();
    await page.getByTestId('term').nth(index).waitFor();
  }

  it('a mediator opens the case, schedules a meeting, records an accord, its terms and a follow-up that finds a term violated', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);

    // From the list of cases to the case, then to its scheduling form, by the links a mediator taps.
    expect(new URL(page.url()).hash).toBe('#/cases');
    await page.getByRole('link', { name: CODE, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: CODE }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/cases/${caseId}`);
    const meetingsAndAccords = () =>
      page.getByRole('tab', { name: 'Rencontres et accords' }).click();
    await meetingsAndAccords();
    await page.getByRole('link', { name: 'Planifier une rencontre' }).click();
    const meetingAt = new Date(Date.now() + 2 * 86_400_000);
    meetingAt.setHours(10, 0, 0, 0);
    await page.getByLabel('Date et heure').fill(localInput(meetingAt));
    await page.getByLabel('Durée (minutes)').fill('90');
    await page.getByLabel(`Display ${world.cast.mediator.username}`).check();
    await page.getByRole('button', { name: 'Planifier', exact: true }).click();
    await page.getByText('Rencontre planifiée.').waitFor();
    const meetings = await world.stack.api.db.query(
      'SELECT scheduled_at FROM meeting WHERE case_id = $1',
      [caseId],
    );
    expect(meetings.rows.map((r: { scheduled_at: Date }) => r.scheduled_at.getTime())).toEqual([
      meetingAt.getTime(),
    ]);

    // Back on the case: record the accord from its link.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: CODE }).waitFor();
    await meetingsAndAccords();
    await page.getByRole('list', { name: 'Rencontres' }).getByRole('listitem').first().waitFor();
    await captureScreen(page, 'cases-page-meetings-accords');
    await page.getByRole('link', { name: 'Enregistrer un accord' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enregistrer un accord' }).waitFor();
    await page.getByLabel("Type d'accord").selectOption('non_aggression_pact');
    await page.getByLabel('Verbal').check();
    await page.getByLabel('Mécanisme de suivi').fill('Comité villageois de cinq membres');
    await page.getByLabel(/Suivi tous les/).fill('30');
    await captureScreen(page, 'accords-new');
    await page.getByRole('button', { name: /Enregistrer et ajouter les engagements/ }).click();

    await page.waitForURL(/#\/accords\/[0-9a-f-]{36}$/);
    accordId = new URL(page.url()).hash.split('/')[2];
    await page
      .getByRole('heading', { level: 1, name: 'Accord : Pacte de non-agression' })
      .waitFor();

    for (const [i, term] of TERMS.entries()) await addTerm(page, term, i);
    // Grouped by category, translated; who is bound and the concession shown.
    for (const heading of ['Moyens de subsistance', 'Présence armée', 'Liberté de circulation'])
      await page.getByRole('heading', { level: 3, name: new RegExp(heading) }).waitFor();
    const concession = page.getByTestId('term').filter({ hasText: TERMS[0].text });
    expect(await concession.textContent()).toContain('Concession');
    expect(await concession.textContent()).toContain('Engagé : Katiba');
    expect(await concession.textContent()).toContain('Au bénéfice de : Conseil de village');
    // What an SMS names: the accord's code with the message format, each term's number.
    expect(await page.getByTestId('sms-code').textContent()).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    await page.getByText(/^SUIVI [0-9A-Z]{6} STABLE 1=3 2=3 3=3 # note$/).waitFor();
    expect(await concession.getByTestId('term-number').textContent()).toBe('Engagement n° 1');
    // Amending a term (PATCH with If-Match) keeps the previous wording in its history.
    const road = page.getByTestId('term').filter({ hasText: TERMS[2].text });
    await road.getByRole('button', { name: 'Modifier', exact: true }).click();
    const editForm = road.getByRole('form', { name: "Modifier l'engagement" });
    await editForm.getByLabel('Engagement', { exact: true }).fill(`${TERMS[2].text} et aux motos`);
    await editForm.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await editForm.waitFor({ state: 'detached' });
    await road.getByText(`${TERMS[2].text} et aux motos`).waitFor();
    await road.getByRole('button', { name: 'Historique des modifications' }).click();
    await road.getByTestId('term-history').waitFor();
    expect(await road.getByTestId('term-history').textContent()).toContain(
      `avant : « ${TERMS[2].text} » (Liberté de circulation)`,
    );
    await page.locator('[data-health="stable"]').waitFor();
    await captureScreen(page, 'accords-page');

    await page.getByRole('link', { name: 'Enregistrer un suivi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enregistrer un suivi' }).waitFor();
    const termRow = (text: string) => page.locator('fieldset', { hasText: text });
    // Defaults: now, a visit, the next check one interval later.
    expect(await page.getByLabel('Visite').isChecked()).toBe(true);
    expect(await page.getByLabel('Prochain suivi').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await termRow(TERMS[0].text).getByLabel('Complet').check();
    await termRow(TERMS[1].text).getByLabel('Violé').check();
    await termRow(TERMS[2].text).getByLabel('Partiel').check();
    await page.getByRole('group', { name: 'Jugement d’ensemble' }).getByLabel('Tendu').check();
    await captureScreen(page, 'accords-follow-up');
    await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();

    // Back on the accord: its health is now "at risk", with the reason spelled out.
    await page.waitForURL(new RegExp(`#/accords/${accordId}$`));
    const badge = page.locator('.health [data-health="at_risk"]');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('À risque');
    expect(await page.getByTestId('health-reasons').first().textContent()).toContain(
      'Un engagement violé au dernier suivi',
    );
    await page.getByTestId('follow-up').first().waitFor();
    expect(await page.getByTestId('follow-up').count()).toBe(1);
    // (3 + 0 + 2) / 9 = 55.56 %: the violated term counts 0.
    expect(await page.getByTestId('implementation-score').textContent()).toBe('56 %');
    expect(await page.getByTestId('term').filter({ hasText: TERMS[1].text }).textContent()).toMatch(
      /Dernier suivi .*Violé/,
    );
    await context.close();
  });

  it('the coordinator sees that accord first on the dashboard, flags it and resolves the flag', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL, {
      viewport: LAPTOP,
      interceptable: true,
    });
    await signIn(page, world.cast.coordinator.username);
    expect(new URL(page.url()).hash).toBe('#/dashboard');
    const rows = page.getByTestId('dashboard-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-accord-id')).toBe(accordId);
    expect(await rows.nth(1).getAttribute('data-accord-id')).toBe(quietAccordId);
    expect(await rows.nth(0).locator('[data-health]').getAttribute('data-health')).toBe('at_risk');
    expect(await rows.nth(0).textContent()).toContain(CODE);
    expect(await rows.nth(0).textContent()).toContain('Dinangourou');
    expect(await rows.nth(0).textContent()).toContain('Un engagement violé au dernier suivi');
    expect(await rows.nth(1).locator('[data-health]').getAttribute('data-health')).toBe('stable');

    await page.getByRole('button', { name: `Signaler l'accord du dossier ${CODE}` }).click();
    const flagForm = page.getByRole('form', { name: 'Lever une alerte' });
    await flagForm.getByLabel('Élevée').check();
    await flagForm.getByLabel('Motif').fill('Des hommes armés ont été vus au marché lundi.');
    // The API records the flag but its answer is lost on the way back: the
    // coordinator sees "no connection" and taps again; the flag is not raised twice.
    await page.route(
      '**/api/v1/accords/*/flags',
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await flagForm.getByRole('button', { name: "Lever l'alerte" }).click();
    await flagForm.getByText('Pas de connexion. Réessayez quand le réseau revient.').waitFor();
    await flagForm.getByRole('button', { name: "Lever l'alerte" }).click();
    await flagForm.waitFor({ state: 'detached' });
    const { rows: flags } = await world.stack.api.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM accord_flag WHERE accord_id = $1',
      [accordId],
    );
    expect(flags[0].n).toBe(1);
    await rows.nth(0).getByText('Alerte grave en cours').waitFor();
    expect(await rows.nth(0).getAttribute('data-accord-id')).toBe(accordId);

    await page.getByRole('button', { name: `Alertes en cours du dossier ${CODE}` }).click();
    const flag = page.getByTestId('flag');
    await flag.waitFor();
    expect(await flag.getAttribute('data-severity')).toBe('high');
    expect(await flag.textContent()).toContain('Des hommes armés ont été vus au marché lundi.');
    expect(await flag.textContent()).toContain('Élevée');
    await captureScreen(page, 'dashboard-coordinator');

    await flag.getByRole('button', { name: 'Clore' }).click();
    await flag.getByLabel('Note de clôture').fill('Le comité a vérifié : patrouille partie.');
    page.once('dialog', (dialog) => void dialog.accept());
    await flag.getByRole('button', { name: 'Clore' }).click();
    await page.getByTestId('flag').waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="dashboard-row"]')
          ?.textContent?.includes('Alerte grave'),
    );
    const { rows: open } = await world.stack.api.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM accord_flag WHERE accord_id = $1 AND resolved_at IS NULL',
      [accordId],
    );
    expect(open[0].n).toBe(0);
    await context.close();
  });

  it('the official sees only counts per area, small counts shown as "<3"', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL, {
      viewport: LAPTOP,
    });
    await signIn(page, world.cast.official.username);
    await openScreen(page, '/dashboard');
    const table = page.getByTestId('accord-stats');
    await table.waitFor();
    const koro = table.getByRole('row', { name: /Koro/ });
    expect(await koro.locator('[data-level="at_risk"]').textContent()).toBe('<3');
    expect(await koro.locator('[data-level="stable"]').textContent()).toBe('<3');
    expect(await page.getByTestId('dashboard-row').count()).toBe(0);
    expect(await page.textContent('main')).not.toContain(CODE);
    await captureScreen(page, 'dashboard-official');
    await context.close();
  });
});
