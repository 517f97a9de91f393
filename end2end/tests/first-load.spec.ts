import { test, expect } from '@playwright/test';
import { readyInterview } from './api';
import { waitForHydration } from './helpers';

// Sizes are deterministic, so the WASM budget is a test; times are not, so they are measured
// by `make bench` (bench/first-load.mjs), never here.
const WASM_GZIP_BUDGET = 350 * 1000;

test('the stylesheet is inlined; the bundle has content-hashed names, is served pre-compressed and cached for a year, within budget', async ({ page, request }) => {
  await page.goto('/');
  const wasm = await page.evaluate(() => (document.querySelector('link[rel="preload"][href$=".wasm"]') as HTMLLinkElement | null)?.getAttribute('href'));
  expect(wasm).toMatch(/^\/pkg\/interview-simulator\.[A-Za-z0-9_-]+\.wasm$/);
  // The stylesheet is inlined: the first paint waits for no second request.
  expect(await page.locator('link[rel="stylesheet"]').count()).toBe(0);
  expect(await page.locator('head style#leptos').textContent()).toContain('.interview-card');
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).borderBottomStyle)).toBe('solid');

  for (const encoding of ['br', 'gzip']) {
    const response = await request.get(wasm!, { headers: { 'accept-encoding': encoding } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-encoding']).toBe(encoding);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  // The gzip file as stored (Playwright would decode the body, so ask the server for its length).
  const gzip = await request.fetch(wasm!, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
  const gzipBytes = Number(gzip.headers()['content-length']);
  expect(gzipBytes).toBeGreaterThan(0);
  expect(gzipBytes).toBeLessThanOrEqual(WASM_GZIP_BUDGET);
});

test("a lazy route's chunks are preloaded by its page, and fetched only through those preloads", async ({ page }) => {
  const id = await readyInterview(page.request, 'Data Scientist');
  await page.request.post(`/api/v1/interviews/${id}/start`);
  await page.goto(`/interviews/${id}`);
  await waitForHydration(page);
  await expect(page.locator('#answer')).toBeVisible();
  const preloaded = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="preload"][href*="/pkg/"][href$=".wasm"]')].map((link) => link.getAttribute('href')),
  );
  // The main bundle plus the interview pages' module and the chunk it shares with the report
  // pages: three files, not the nine of a module per page.
  expect(preloaded.some((href) => href!.includes('split___interview_pages_view'))).toBe(true);
  expect(new Set(preloaded).size).toBeLessThanOrEqual(3);
  expect(await page.locator('link[rel="modulepreload"][href*="__wasm_split"]').count()).toBeGreaterThan(0);
  // The same files as a `Link` header, which the browser acts on before parsing the page.
  const links = (await page.request.get(`/interviews/${id}`)).headers()['link'];
  for (const href of preloaded) expect(links).toContain(`<${href}>; rel=preload; as=fetch`);
  expect(links).toMatch(/<\/pkg\/__wasm_split\.[^>]+\.js>; rel=modulepreload/);
  expect(links).toMatch(/<\/pkg\/interview-simulator\.[^>]+\.js>; rel=modulepreload/);
  // Every WASM file the page used came from a preload: none fetched afterwards by the loader.
  const fetched = await page.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.wasm'))
      .map((entry) => ({ path: new URL(entry.name).pathname, by: (entry as PerformanceResourceTiming).initiatorType })),
  );
  expect(fetched.length).toBeGreaterThan(1);
  expect(fetched.filter((entry) => entry.by !== 'link')).toEqual([]);
  // The history is in the main bundle: nothing else to preload but the split loader, which
  // the main JS imports on every page.
  await page.goto('/');
  await waitForHydration(page);
  expect(await page.locator('link[rel="preload"][href*="split___"]').count()).toBe(0);
  expect(await page.locator('link[rel="modulepreload"][href*="__wasm_split"]').count()).toBe(1);
});

test('the hydration script imports the main bundle statically, with the page\'s nonce, and hydrates', async ({ page }) => {
  const response = await page.goto('/');
  await waitForHydration(page);
  const scripts = await page.locator('head script[type="module"]').evaluateAll((elements) =>
    elements.map((element) => ({ text: element.textContent ?? '', nonce: (element as HTMLScriptElement).nonce })),
  );
  // One module script: ours, not Leptos's `import()` from inside its script.
  expect(scripts).toHaveLength(1);
  expect(scripts[0].text).toMatch(/^import init, \{ hydrate \} from "\/pkg\/interview-simulator\.[A-Za-z0-9_-]+\.js";/);
  expect(scripts[0].text).not.toContain('import(');
  const wasm = await page.locator('link[rel="preload"][href$=".wasm"]').first().getAttribute('href');
  expect(scripts[0].text).toContain(`init({ module_or_path: "${wasm}" })`);
  // The policy allows it by nonce, not by allowing every inline script.
  expect(scripts[0].nonce).not.toBe('');
  expect(response!.headers()['content-security-policy']).toContain(`'nonce-${scripts[0].nonce}'`);
  expect(response!.headers()['content-security-policy']).not.toContain('unsafe-inline');
});
