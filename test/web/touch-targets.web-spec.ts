import { Page } from 'playwright-core';
import { captureScreen, newPerson, openScreen, PHONE, signIn } from './support/browser';
import { apiAs, caseOfCast, webWorld } from './support/web-stack';

/** WCAG 2.5.5 (AAA): a target at least 44 × 44 CSS px. Material asks 48 dp. */
const MIN = 44;

interface Target {
  what: string;
  width: number;
  height: number;
}

/**
 * Every visible control of the page with the box a finger can hit: a radio
 * button or checkbox counts with its label, a link that covers its card
 * (`data-card-link`) with the card. Links inside a sentence are exempt, as
 * WCAG exempts them.
 */
function targetsOf(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="tab"]',
    );
    // Shown and on the screen (the skip link waits off-screen until focused).
    const visible = (el: HTMLElement): boolean =>
      el.getClientRects().length > 0 &&
      el.getBoundingClientRect().right > 0 &&
      getComputedStyle(el).visibility !== 'hidden' &&
      !el.closest('[hidden], .visually-hidden');
    const inSentence = (el: HTMLElement): boolean => {
      if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
      const block = el.parentElement;
      if (!block) return false;
      const around = [...block.childNodes]
        .filter((n) => n !== el)
        .map((n) => n.textContent ?? '')
        .join('')
        .replace(/[\s←→·:]/g, '');
      return around.length > 0;
    };
    const describe = (el: HTMLElement): string =>
      `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${(
        el.getAttribute('aria-label') ??
        el.textContent ??
        ''
      )
        .trim()
        .slice(0, 40)}"`;
    const out: { what: string; width: number; height: number }[] = [];
    for (const el of controls) {
      if (!visible(el) || inSentence(el)) continue;
      let box = el.getBoundingClientRect();
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        const label =
          el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
        if (label) box = label.getBoundingClientRect();
      }
      const card = el.hasAttribute('data-card-link') ? el.closest('.card') : null;
      if (card) box = card.getBoundingClientRect();
      out.push({
        what: describe(el),
        width: Math.round(box.width),
        height: Math.round(box.height),
      });
    }
    return out;
  });
}

async function expectThumbSized(page: Page, screen: string): Promise<void> {
  const targets = await targetsOf(page);
  // Something to measure: the header's and the screen's own controls.
  if (targets.length <= 3)
    throw new Error(`${screen}: only ${targets.length} controls: ${JSON.stringify(targets)}`);
  const small = targets
    .filter((t) => t.width < MIN || t.height < MIN)
    .map((t) => `${screen}: ${t.what} ${t.width}×${t.height}`);
  expect(small).toEqual([]);
}

/** Nothing wider than the screen: no sideways scrolling, no control cut off. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    cut: [...document.querySelectorAll<HTMLElement>('button, a[href], [role="tab"]')]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Wholly left of the screen is hidden on purpose (the skip link until focused).
        return r.right > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5);
      })
      .map((el) => el.textContent?.trim()),
  }));
  expect(overflow).toEqual({ page: PHONE.width, cut: [] });
}

/**
 * At 360 px, on the main flows of a mediator — the case list, the case page
 * and each of its sections, the accord page, the follow-up form — every
 * control is at least 44 × 44 px, whole cards open their record, the case
 * sections fit without sideways scrolling, and the header stays on one row
 * offline with writes waiting.
 */
describe('controls sized for a thumb at 360 px', () => {
  const world = webWorld();
  let caseId: string;
  let accordId: string;

  beforeAll(async () => {
    caseId = await caseOfCast(world, {
      codeName: 'Balanzan',
      status: 'negotiating',
      team: [{ userId: world.cast.mediator.id, lead: true }, { userId: world.cast.mediator2.id }],
    });
    const create = await apiAs(world, world.cast.mediator.username);
    const party = (name: string) => create(`/cases/${caseId}/parties`, { name, kind: 'community' });
    const village = await party('Conseil de village');
    const herders = await party('Éleveurs peuls');
    await create(`/cases/${caseId}/participants`, {
      pseudonym: 'Karité',
      role: 'elder',
      partyId: village,
    });
    await create(`/cases/${caseId}/meetings`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      durationMinutes: 90,
      attendeeUserIds: [world.cast.mediator.id],
      languages: ['ffm', 'bam'],
    });
    accordId = await create(`/cases/${caseId}/accords`, {
      concludedAt: new Date().toISOString(),
      kind: 'non_aggression_pact',
      form: 'verbal',
    });
    for (const [text, obligor] of [
      ['Les troupeaux passent par le couloir nord', herders],
      ['Le marché du lundi reste ouvert à tous', village],
    ])
      await create(`/accords/${accordId}/terms`, {
        text,
        category: 'livelihoods_access',
        obligorPartyId: obligor,
      });
  });

  it('the case list: thumb-sized controls, and the whole card opens the case', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    const card = page.locator('.card').filter({ hasText: 'Balanzan' });
    await card.waitFor();
    await page.getByText('Filtrer', { exact: true }).click();
    await page.getByLabel('Rechercher').waitFor();
    await expectThumbSized(page, 'case list');
    await expectNoSidewaysScroll(page);

    // A tap far from the name, at the card's lower right corner, opens the case.
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(MIN);
    await page.mouse.click(box.x + box.width - 6, box.y + box.height - 6);
    await page.getByRole('heading', { level: 1, name: 'Balanzan' }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/cases/${caseId}`);
    await context.close();
  });

  it('the case page: six sections that fit at 360 px, each thumb-sized', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    await openScreen(page, `/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Balanzan' }).waitFor();
    const tabs = page.getByRole('tab');
    expect(await tabs.count()).toBe(6);
    await captureScreen(page, 'case-page-sections');
    for (let i = 0; i < 6; i++) {
      const tab = tabs.nth(i);
      const name = (await tab.textContent()) ?? '';
      await tab.click();
      expect(await tab.getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tabpanel', { name }).locator('h2, ul, p').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectThumbSized(page, `case page, ${name}`);
      await expectNoSidewaysScroll(page);
    }
    await context.close();
  });

  it('the accord page and the follow-up form; the header stays on one row offline', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await openScreen(page, `/accords/${accordId}`);
    await page.getByTestId('term').nth(1).waitFor();
    await page.waitForLoadState('networkidle');
    await expectThumbSized(page, 'accord page');
    await expectNoSidewaysScroll(page);

    await page.getByRole('link', { name: 'Enregistrer un suivi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enregistrer un suivi' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer le suivi' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectThumbSized(page, 'follow-up form');
    await expectNoSidewaysScroll(page);

    // Offline with a follow-up waiting: badges and menu on the header's one row.
    await context.setOffline(true);
    for (const fieldset of await page.locator('fieldset.term-check').all())
      await fieldset.getByLabel('Complet').check();
    await page.getByRole('group', { name: 'Jugement d’ensemble' }).getByLabel('Stable').check();
    await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await page.getByTestId('follow-up-queued').waitFor();
    await page.getByTestId('outbox-count').waitFor();
    const bar = await page.evaluate(() => {
      const items = [...document.querySelectorAll<HTMLElement>('.app-header .bar > *')].filter(
        (el) => el.getClientRects().length > 0 && el.getBoundingClientRect().width > 0,
      );
      const boxes = items.map((el) => el.getBoundingClientRect());
      // One row: some horizontal line crosses every item.
      const oneRow = Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
      // What the eye sees: the name, each badge, the menu. None covers another, none is cut.
      const parts = [
        ...document.querySelectorAll<HTMLElement>(
          '.app-header .brand, .app-header .status > *, .app-header .menu-toggle',
        ),
      ];
      const rects = parts.map((el) => el.getBoundingClientRect());
      const overlaps = rects.some((a, i) =>
        rects.some(
          (b, k) =>
            k > i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
        ),
      );
      return {
        items: items.length,
        oneRow,
        badges: [...document.querySelectorAll('.app-header .status > *')].map(
          (el) => el.textContent,
        ),
        overlaps,
        cut: parts
          .filter(
            (el, i) =>
              el.scrollWidth > el.clientWidth + 1 ||
              rects[i].left < 0 ||
              rects[i].right > innerWidth,
          )
          .map((el) => el.textContent),
      };
    });
    // The name, the badges (offline, 1 waiting) and the menu (the language is in the menu).
    expect(bar).toEqual({
      items: 3,
      oneRow: true,
      badges: ['Hors ligne', '1 en attente'],
      overlaps: false,
      cut: [],
    });
    await expectThumbSized(page, 'offline header and queued notice');
    await expectNoSidewaysScroll(page);
    await captureScreen(page, 'header-offline-queued');
    await context.setOffline(false);
    await context.close();
  });
});
