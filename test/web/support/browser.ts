import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { PASSWORD } from '../../support/factories';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium with a fresh profile (Playwright makes a new empty
 * user-data-dir per launch), without any call to Google's services: the
 * machine's network is closed and those calls would only fail.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright's signal handlers keep a Jest worker from exiting when asked;
    // each file closes its browser in afterAll, and Playwright still kills it on exit.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { width: 360, height: 740 };
export const LAPTOP = { width: 1280, height: 800 };

/**
 * One person's browser: its own storage, French unless told, a phone screen
 * unless told. CSP is bypassed only so the tests can inject axe-core.
 * `interceptable`: no service worker, so that page.route() sees every request
 * (requests that go through a service worker escape Playwright's routing).
 */
export async function newPerson(
  browser: Browser,
  baseURL: string,
  options: {
    locale?: 'fr' | 'en';
    viewport?: { width: number; height: number };
    interceptable?: boolean;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? PHONE,
    locale: options.locale === 'en' ? 'en-GB' : 'fr-FR',
    bypassCSP: true,
    serviceWorkers: options.interceptable ? 'block' : 'allow',
  });
  const page = await context.newPage();
  if (options.locale === 'en') {
    await page.addInitScript(() => localStorage.setItem('toguna.lang', 'en'));
  }
  return { context, page };
}

/** Signs in through the sign-in form and waits for the first screen. */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/Nom d'utilisateur|Username/).fill(username);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await page.locator('#page-title').waitFor();
}

/** A datetime-local input's value for a time (in the machine's zone, as the browser's). */
export const localInput = (d: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Accepts the next confirm() the page shows (destructive actions ask first). */
export const acceptNextDialog = (page: Page): void => {
  page.once('dialog', (dialog) => void dialog.accept());
};

/** Navigates inside the app (the route is in the URL fragment) and waits for the screen. */
export async function openScreen(page: Page, route: string): Promise<void> {
  await page.goto(`/#${route}`);
  await page.locator('#page-title').waitFor();
}

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core on the current page: the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Screenshots of the screen as it is now at 360 px and 1280 px wide
 * (test-output/screenshots/<name>-360.png, -1280.png), each checked with
 * axe-core; fails listing any serious or critical violation. The viewport is
 * put back as it was.
 */
export async function captureScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? PHONE;
  const problems: string[] = [];
  for (const size of [PHONE, LAPTOP]) {
    await page.setViewportSize(size);
    // From the top: a full-page shot of a scrolled page draws sticky parts (the case tabs) mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}.png`), fullPage: true });
    for (const v of await seriousViolations(page)) {
      problems.push(
        `${size.width}px ${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
      );
    }
  }
  await page.setViewportSize(before);
  if (problems.length > 0)
    throw new Error(`accessibility violations on ${name}:\n${problems.join('\n')}`);
}
