import { Page, Request, Route } from 'playwright-core';
import { newPerson, signIn } from './support/browser';
import { apiAs, caseOfCast, webWorld } from './support/web-stack';

/**
 * A screen shows only the record its URL names. Opening case A, then a case
 * the user may not see (or, offline, one never opened) must not leave A's
 * title, fields or buttons under the error: a status change pressed there
 * would change A. The same for accords. Every request made after leaving A
 * is checked: none names A.
 */
describe('a screen never shows or acts on the record opened before', () => {
  const world = webWorld();
  let caseA: string;
  let caseHidden: string;
  let caseNeverOpened: string;
  let accordA: string;
  let accordHidden: string;
  let accordNeverOpened: string;
  const TERM_A = 'Les troupeaux passent par le couloir de la mare';
  const OFFLINE = 'Pas de connexion. Réessayez quand le réseau revient.';

  beforeAll(async () => {
    const f = world.stack.factory;
    caseA = await caseOfCast(world, { codeName: 'Karité-A', status: 'negotiating' });
    caseNeverOpened = await caseOfCast(world, { codeName: 'Néré-C', status: 'negotiating' });
    const other = await f.association({ name: 'Association Autre Cercle' });
    const stranger = await f.user('mediator', { associationId: other.id });
    caseHidden = (
      await f.dialogueCase({
        associationId: other.id,
        areaId: world.cast.communeId,
        createdBy: stranger.id,
        codeName: 'Rônier-B',
        team: [{ userId: stranger.id, lead: true }],
      })
    ).id;

    const asMediator = await apiAs(world, world.cast.mediator.username);
    const asStranger = await apiAs(world, stranger.username);
    const accord = (kind: string) => ({
      concludedAt: new Date().toISOString(),
      kind,
      form: 'verbal',
    });
    accordA = await asMediator(`/cases/${caseA}/accords`, accord('non_aggression_pact'));
    accordNeverOpened = await asMediator(`/cases/${caseNeverOpened}/accords`, accord('ceasefire'));
    accordHidden = await asStranger(`/cases/${caseHidden}/accords`, accord('ceasefire'));
    const party = await asMediator(`/cases/${caseA}/parties`, {
      name: 'Conseil de village',
      kind: 'community',
    });
    await asMediator(`/accords/${accordA}/terms`, {
      text: TERM_A,
      category: 'livelihoods_access',
      obligorPartyId: party,
    });
  });

  /**
   * The requests the page makes while away from a record: each call of
   * `away(work)` records those `work` causes, from leaving the record on.
   */
  function recordAway(page: Page) {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const away: Request[] = [];
    return {
      all: requests,
      away,
      run: async (work: () => Promise<void>): Promise<void> => {
        const start = requests.length;
        await work();
        away.push(...requests.slice(start));
      },
    };
  }

  /** Holds the API's answer for `pattern` until `release()` is called. */
  async function holdAnswer(page: Page, pattern: string): Promise<() => void> {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(pattern, async (route: Route) => {
      await released;
      await route.continue().catch(() => undefined);
    });
    return release;
  }

  /** Goes to a route in the fragment without reloading the page (as a link does). */
  async function follow(page: Page, route: string): Promise<void> {
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#${route}`);
  }

  /** Nothing of case A is on screen: not its name, not its status moves. */
  async function nothingOfCaseA(page: Page): Promise<void> {
    expect(await page.locator('#page-title').textContent()).toBe('Dossier');
    expect(await page.locator('main').textContent()).not.toContain('Karité-A');
    expect(await page.getByRole('button', { name: /^Passer à/ }).count()).toBe(0);
    expect(await page.getByRole('tab').count()).toBe(0);
  }

  async function nothingOfAccordA(page: Page): Promise<void> {
    expect(await page.locator('#page-title').textContent()).toBe('Accord');
    const text = await page.locator('main').textContent();
    expect(text).not.toContain(TERM_A);
    expect(text).not.toContain('Pacte de non-agression');
    for (const name of [/^Signaler un problème$/, /^Ajouter un engagement$/])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(
      await page.getByRole('link', { name: /Enregistrer un suivi|Retour au dossier/ }).count(),
    ).toBe(0);
  }

  const naming = (requests: Request[], id: string): string[] =>
    requests.map((r) => `${r.method()} ${r.url()}`).filter((line) => line.includes(id));

  /**
   * Record `id` was read while open (its GETs are there), nothing named it
   * while the user was away from it, and nothing ever wrote to it.
   */
  function expectNothingAskedOf(requests: ReturnType<typeof recordAway>, id: string): void {
    expect(naming(requests.all, id).length).toBeGreaterThan(0);
    expect(naming(requests.away, id)).toEqual([]);
    expect(naming(requests.all, id).filter((line) => !line.startsWith('GET '))).toEqual([]);
  }

  async function openCaseA(page: Page): Promise<void> {
    await follow(page, `/cases/${caseA}`);
    await page.getByRole('heading', { level: 1, name: 'Karité-A' }).waitFor();
    await page.getByRole('button', { name: 'Passer à « Suspendu »' }).waitFor();
  }

  async function openAccordA(page: Page): Promise<void> {
    await follow(page, `/accords/${accordA}`);
    await page
      .getByRole('heading', { level: 1, name: 'Accord : Pacte de non-agression' })
      .waitFor();
    await page.getByText(TERM_A).waitFor();
  }

  it('case: while another case loads, when it is not visible, refused or offline', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL, {
      interceptable: true,
    });
    const statusOfA = async (): Promise<string> =>
      (
        await world.stack.api.db.query<{ status: string }>(
          'SELECT status FROM dialogue_case WHERE id = $1',
          [caseA],
        )
      ).rows[0].status;
    const before = await statusOfA();
    await signIn(page, world.cast.mediator.username);
    const requests = recordAway(page);
    await openCaseA(page);
    // The status form of A half filled in, as a user would leave it.
    await page.getByRole('button', { name: 'Passer à « Suspendu »' }).click();
    await page.getByLabel('Motif (obligatoire)').fill('Les pourparlers sont suspendus.');

    // Loading a case the user may not see: nothing of A meanwhile, then "Introuvable" alone.
    await requests.run(async () => {
      const release = await holdAnswer(page, `**/api/v1/cases/${caseHidden}`);
      await follow(page, `/cases/${caseHidden}`);
      await page.getByText('Chargement…').filter({ visible: true }).first().waitFor();
      await nothingOfCaseA(page);
      release();
      await page.getByText('Introuvable').waitFor();
      await nothingOfCaseA(page);
      expect(await page.getByLabel('Motif (obligatoire)').count()).toBe(0);
    });

    // Refused (403): the same.
    await openCaseA(page);
    await requests.run(async () => {
      await page.route(`**/api/v1/cases/${caseNeverOpened}`, (route) =>
        route.fulfill({
          status: 403,
          contentType: 'application/problem+json',
          body: JSON.stringify({ status: 403, code: 'forbidden', title: 'Action non autorisée' }),
        }),
      );
      await follow(page, `/cases/${caseNeverOpened}`);
      await page.getByText('Action non autorisée').waitFor();
      await nothingOfCaseA(page);
      await page.unroute(`**/api/v1/cases/${caseNeverOpened}`);
    });

    // Offline, a case never opened on this phone: "no connection", and nothing of A.
    await openCaseA(page);
    await requests.run(async () => {
      await context.setOffline(true);
      await follow(page, `/cases/${caseNeverOpened}`);
      await page.getByText(OFFLINE).waitFor();
      await nothingOfCaseA(page);
      await context.setOffline(false);
    });

    expectNothingAskedOf(requests, caseA);
    expect(await statusOfA()).toBe(before);
    await context.close();
  });

  it('accord: while another accord loads, when it is not visible, or offline', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL, {
      interceptable: true,
    });
    await signIn(page, world.cast.mediator.username);
    const requests = recordAway(page);
    await openAccordA(page);

    await requests.run(async () => {
      const release = await holdAnswer(page, `**/api/v1/accords/${accordHidden}`);
      await follow(page, `/accords/${accordHidden}`);
      await page.getByText('Chargement…').filter({ visible: true }).first().waitFor();
      await nothingOfAccordA(page);
      release();
      await page.getByText('Introuvable').waitFor();
      await nothingOfAccordA(page);
    });

    // A's follow-up form open, then offline to an accord never opened here.
    await openAccordA(page);
    await follow(page, `/accords/${accordA}/follow-up`);
    await page.getByText(TERM_A).waitFor();
    await requests.run(async () => {
      await context.setOffline(true);
      await follow(page, `/accords/${accordNeverOpened}/follow-up`);
      await page.getByText(OFFLINE).waitFor();
      expect(await page.locator('main').textContent()).not.toContain(TERM_A);
      expect(await page.getByRole('button', { name: 'Enregistrer le suivi' }).count()).toBe(0);
      await follow(page, `/accords/${accordNeverOpened}`);
      await page.getByText(OFFLINE).waitFor();
      await nothingOfAccordA(page);
      await context.setOffline(false);
    });

    expectNothingAskedOf(requests, accordA);
    await context.close();
  });
});
