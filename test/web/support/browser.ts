import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing). Nothing is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/**
 * A browser tab signed in the way a person signs in: by opening the sign-in link (`/#token=…`). It records what the
 * page's console and scripts complain of, so a test can check that no Content-Security-Policy or script error occurred.
 */
export async function signedInTab(
  browser: Browser,
  baseUrl: string,
  token: string,
): Promise<{ context: BrowserContext; page: Page; complaints: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      complaints.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => complaints.push(`pageerror: ${error.message}`));
  await page.goto(`${baseUrl}/#token=${token}`);
  await waitUntilReady(page);
  return { context, page, complaints };
}

/** Waits until the page in the address bar has everything it asked the API for on screen (`data-page-ready`). */
export async function waitUntilReady(page: Page): Promise<void> {
  try {
    await page.waitForFunction(
      () => {
        const doc = globalThis as unknown as {
          document: { documentElement: { dataset: Record<string, string> } };
          location: { pathname: string; search: string };
        };
        return doc.document.documentElement.dataset.pageReady === doc.location.pathname + doc.location.search;
      },
      undefined,
      { timeout: 15_000 },
    );
  } catch (error) {
    // Say which page never became ready and what it showed instead.
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '(no body)');
    throw new Error(`${page.url()} was not ready after 15 s; it showed: ${shown.slice(0, 600)}`, { cause: error });
  }
}

/** Opens an app path as a fresh load (as a shared link or a reload would) and waits until it is ready. */
export async function open(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await waitUntilReady(page);
}

/** Milliseconds from the start of navigation to the page's `page-ready` mark: everything on screen and working. */
export function readyAfterMs(page: Page): Promise<number> {
  return page.evaluate(() => {
    const marks = (
      globalThis as unknown as { performance: { getEntriesByName(n: string): { startTime: number }[] } }
    ).performance.getEntriesByName('page-ready');
    return marks.length ? marks[marks.length - 1].startTime : Number.POSITIVE_INFINITY;
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** axe-core's WCAG 2.2 A and AA rules on the page as it is; the violations found, described for a failure message. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE); // evaluated by the test driver, so the page's CSP (rightly) does not apply to it
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: tags },
    });
    return result.violations;
  }, WCAG_TAGS);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
