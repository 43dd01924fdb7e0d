import { Request } from 'playwright-core';
import { bearer, login } from '../support/factories';
import { captureScreen, newPerson, openScreen, signIn } from './support/browser';
import { apiAs, caseOfCast, webWorld } from './support/web-stack';

/**
 * A mediator checks an accord where there is no network: the follow-up is
 * kept on the phone, sent once the link is back, and never recorded twice,
 * even when the same request (same Idempotency-Key) reaches the API again.
 */
describe('a follow-up recorded offline', () => {
  const world = webWorld();
  let caseId: string;
  let meetingId: string;
  let accordId: string;
  const TERM_TEXTS = [
    'Les femmes peuvent aller au marché de Dinangourou',
    'Pas de mines sur la piste des champs',
  ];

  beforeAll(async () => {
    caseId = await caseOfCast(world, { codeName: 'Tamarinier', status: 'negotiating' });
    const create = await apiAs(world, world.cast.mediator.username);
    const partyIds: string[] = [];
    for (const name of ['Conseil de village', 'Katiba'])
      partyIds.push(await create(`/cases/${caseId}/parties`, { name, kind: 'community' }));
    accordId = await create(`/cases/${caseId}/accords`, {
      concludedAt: new Date().toISOString(),
      kind: 'non_aggression_pact',
      form: 'verbal',
    });
    meetingId = await create(`/cases/${caseId}/meetings`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      durationMinutes: 60,
      attendeeUserIds: [world.cast.mediator.id],
      agenda: 'Partage de l’eau du puits',
    });
    for (const [i, text] of TERM_TEXTS.entries())
      await create(`/accords/${accordId}/terms`, {
        text,
        category: i === 0 ? 'freedom_of_movement' : 'explosives_mines',
        obligorPartyId: partyIds[1],
        beneficiaryPartyId: partyIds[0],
      });
  });

  async function followUps(): Promise<number> {
    const { rows } = await world.stack.api.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM follow_up WHERE accord_id = $1',
      [accordId],
    );
    return rows[0].n;
  }

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('the case list, a case and a meeting opened online read again with no connection, after a restart', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await page.getByRole('link', { name: 'Tamarinier', exact: true }).waitFor();
    await openScreen(page, `/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Tamarinier' }).waitFor();
    await openScreen(page, `/meetings/${meetingId}`);
    await page.getByText('Partage de l’eau du puits').waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.getByText('Partage de l’eau du puits').waitFor();
    await page.getByTestId('saved-copy').first().waitFor();
    await openScreen(page, `/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Tamarinier' }).waitFor();
    await page.getByTestId('saved-copy').first().waitFor();
    await openScreen(page, '/cases');
    await page.getByRole('link', { name: 'Tamarinier', exact: true }).waitFor();
    // Never opened, so never kept: the screen says the network is missing.
    await openScreen(page, `/accords/${accordId}`);
    await page.getByText('Pas de connexion. Réessayez quand le réseau revient.').waitFor();
    await context.close();
  });

  it('is queued offline, sent once back online, and a replay creates nothing twice', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    const sent: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/accords/${accordId}/follow-ups`))
        sent.push(r);
    });
    await signIn(page, world.cast.mediator.username);
    // The service worker must control the page before the network goes, to serve the shell.
    // (A controller exists only once the worker installed, i.e. cached the whole shell.)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });

    // Opened once online: the accord and its follow-ups are kept on the phone.
    await openScreen(page, `/accords/${accordId}`);
    await page.getByTestId('term').nth(1).waitFor();
    await page.getByText('Aucun suivi enregistré.').waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.locator('#page-title').waitFor();
    await page.getByTestId('saved-copy').first().waitFor();
    await page.getByTestId('term').nth(1).waitFor();
    await page.getByRole('link', { name: 'Enregistrer un suivi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enregistrer un suivi' }).waitFor();
    for (const text of TERM_TEXTS)
      await page.locator('fieldset', { hasText: text }).getByLabel('Complet').check();
    await page.getByRole('group', { name: 'Jugement d’ensemble' }).getByLabel('Stable').check();
    await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();

    await page.getByTestId('follow-up-queued').waitFor();
    expect(await page.getByTestId('follow-up-queued').textContent()).toContain(
      'enregistré sur cet appareil',
    );
    const count = page.getByTestId('outbox-count');
    await count.waitFor();
    expect(await count.textContent()).toBe('1 en attente');
    expect(await followUps()).toBe(0);

    await page.getByRole('link', { name: "Voir la file d'envoi" }).click();
    await page.getByRole('heading', { level: 1, name: "File d'envoi" }).waitFor();
    await page
      .getByText('Suivi de l’accord « Pacte de non-agression »', { exact: false })
      .waitFor();
    await captureScreen(page, 'outbox');

    // Back online: the 'online' event flushes the queue.
    await context.setOffline(false);
    await count.waitFor({ state: 'detached' });
    await page.getByText('Rien en attente : tout a été envoyé.').waitFor();
    await until(async () => (await followUps()) === 1, 'the follow-up to reach the API');
    expect(sent.length).toBeGreaterThanOrEqual(1);

    // The answer was lost on the way back: the phone sends the same request again.
    const first = sent[sent.length - 1];
    const key = await first.headerValue('idempotency-key');
    expect(key).toBeTruthy();
    const auth = bearer(
      (await login(world.stack.api.http, world.cast.mediator.username)).accessToken,
    );
    const replay = await world.stack.api.http
      .post(`/api/v1/accords/${accordId}/follow-ups`)
      .set(auth)
      .set('Idempotency-Key', key!)
      .set('Content-Type', 'application/json')
      .send(first.postData() ?? '');
    expect(replay.status).toBeLessThan(300);
    expect(await followUps()).toBe(1);

    // A reload after the sync finds nothing left to send, and still one follow-up.
    await page.reload();
    await page.locator('#page-title').waitFor();
    await page.getByText('Rien en attente : tout a été envoyé.').waitFor();
    expect(await count.count()).toBe(0);
    expect(await followUps()).toBe(1);

    // The accord page, online again, shows the check.
    await openScreen(page, `/accords/${accordId}`);
    await page.getByTestId('follow-up').first().waitFor();
    expect(await page.getByTestId('implementation-score').textContent()).toBe('100 %');
    await context.close();
  });

  it('records an accord and its terms offline: sent in order once back online, never twice', async () => {
    // The page stays open throughout: no service worker needed, and the API's refusal is routed.
    const { context, page } = await newPerson(world.browser, world.stack.baseURL, {
      interceptable: true,
    });
    const sent: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/(cases\/[^/]+\/accords|accords\/[^/]+\/terms)$/.test(r.url()))
        sent.push(r);
    });
    await signIn(page, world.cast.mediator.username);
    const accordsOfCase = async (): Promise<number> =>
      (
        await world.stack.api.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM accord WHERE case_id = $1',
          [caseId],
        )
      ).rows[0].n;
    const before = await accordsOfCase();

    // The form opened with the network; the network goes before it is sent.
    await openScreen(page, `/cases/${caseId}/accords/new`);
    await page.getByLabel("Type d'accord").waitFor();
    await context.setOffline(true);
    await page.getByLabel("Type d'accord").selectOption('ceasefire');
    await page.getByLabel('Verbal').check();
    await page.getByRole('button', { name: /Enregistrer et ajouter les engagements/ }).click();
    await page.getByTestId('accord-queued').waitFor();

    const TERMS = ['Pas de tir sur les puits', 'Les troupeaux passent par le couloir nord'];
    const form = page.getByRole('form', { name: 'Ajouter un engagement' });
    const addTerm = async (i: number) => {
      await form.getByLabel('Engagement', { exact: true }).fill(TERMS[i]);
      await form.getByLabel('Catégorie').selectOption('armed_presence');
      await form.getByLabel('Qui est engagé').selectOption({ label: 'Katiba' });
      await form.getByRole('button', { name: "Ajouter l'engagement" }).click();
      await page.getByTestId('queued-term').nth(i).waitFor();
    };
    const isTerm = (r: Request) => r.url().endsWith('/terms');
    await addTerm(0);

    // The link returns while the API cannot take the accord yet: it stays queued, and a
    // term added now waits behind it instead of reaching the API before its accord.
    let refusals = 0;
    await page.route('**/api/v1/cases/*/accords', (route) => {
      refusals += 1;
      return route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 503, code: 'database_unavailable', title: 'Indisponible' }),
      });
    });
    await context.setOffline(false);
    await until(() => Promise.resolve(refusals >= 1), 'the accord to be tried again');
    await addTerm(1);
    await until(() => Promise.resolve(refusals >= 2), 'the queue to be tried behind the term');
    expect(sent.filter(isTerm)).toHaveLength(0);
    expect(await page.getByTestId('queued-term').allTextContents()).toEqual([
      expect.stringContaining(TERMS[0]),
      expect.stringContaining(TERMS[1]),
    ]);
    expect(await page.getByTestId('queued-term').getByText('En attente d’envoi').count()).toBe(2);
    await page.getByTestId('term-queued').waitFor();
    const count = page.getByTestId('outbox-count');
    await count.filter({ hasText: '3 en attente' }).waitFor();
    await captureScreen(page, 'accords-new-offline');
    expect(await accordsOfCase()).toBe(before);

    // The API is back (a reconnection sends the queue): the accord first, then its terms.
    await page.unroute('**/api/v1/cases/*/accords');
    await context.setOffline(true);
    await context.setOffline(false);
    await count.waitFor({ state: 'detached' });
    await until(async () => (await accordsOfCase()) === before + 1, 'the accord to reach the API');
    const accord = sent.find((r) => r.url().endsWith('/accords'))!;
    const accordId = (JSON.parse(accord.postData() ?? '{}') as { id: string }).id;
    const lastAccordTry = sent.map((r) => r.url().endsWith('/accords')).lastIndexOf(true);
    expect(sent.findIndex(isTerm)).toBeGreaterThan(lastAccordTry);
    const terms = async () =>
      (
        await world.stack.api.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM accord_term WHERE accord_id = $1',
          [accordId],
        )
      ).rows[0].n;
    await until(async () => (await terms()) === 2, 'the terms to reach the API');

    // Answers lost on the way back: the same requests again change nothing.
    const auth = bearer(
      (await login(world.stack.api.http, world.cast.mediator.username)).accessToken,
    );
    for (const request of [accord, sent.find(isTerm)!]) {
      const replay = await world.stack.api.http
        .post(new URL(request.url()).pathname)
        .set(auth)
        .set('Idempotency-Key', (await request.headerValue('idempotency-key'))!)
        .set('Content-Type', 'application/json')
        .send(request.postData() ?? '');
      expect(replay.status).toBeLessThan(300);
    }
    expect(await accordsOfCase()).toBe(before + 1);
    expect(await terms()).toBe(2);

    await openScreen(page, `/accords/${accordId}`);
    await page.getByTestId('term').nth(1).waitFor();
    expect(await page.getByTestId('term').count()).toBe(2);
    await context.close();
  });
});
