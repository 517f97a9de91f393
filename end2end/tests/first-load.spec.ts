import { test, expect } from '@playwright/test';

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
