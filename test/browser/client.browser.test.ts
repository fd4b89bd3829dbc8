import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage, startSite, type Site } from './site.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without these, Chromium reaches for Google's hosts, which this closed network refuses.
const QUIET = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser | undefined;
let site: Site | undefined;

beforeAll(async () => {
  site = await startSite(await bundlePage());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the client in a real browser', () => {
  it('waits out maintenance and renews an expired token once, in Chromium', async () => {
    if (browser === undefined || site === undefined) throw new Error('the browser or the site did not start');
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(site.url);
    await page.waitForFunction(() => window.extralifeResults !== undefined, undefined, { timeout: 20_000 });
    const results = await page.evaluate(() => window.extralifeResults);
    expect(pageErrors).toEqual([]);
    expect(results).toMatchObject({
      maintenance: { ok: true, value: { id: 'lobby-1' } },
      refresh: { ok: true, refreshes: 1, tokens: ['stale-token'] },
    });
    const maintenance = results !== undefined && 'maintenance' in results ? results.maintenance : undefined;
    expect(maintenance?.retries).toBeGreaterThanOrEqual(1);
    expect(site.coralTokens.filter((token) => token === 'stale-token')).toHaveLength(3);
    expect(site.coralTokens.filter((token) => token === 'fresh-token')).toHaveLength(3);
  });
});
