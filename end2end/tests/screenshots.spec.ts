import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { readyInterview, scoredInterview, STRONG_ANSWER } from './api';
import { waitForHydration } from './helpers';

// The README's screenshots, taken from the real pages on every end-to-end run so they show
// the product as it is. Each test has its own owner, so only its own interviews appear.
const shots = path.resolve(__dirname, '../../docs/screenshots');

async function shoot(page: Page, name: string) {
  // No caret or animation in the picture (Playwright's own switches: the page's CSP rightly
  // refuses an injected stylesheet).
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}

test('screenshots of the main pages', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1100, height: 800 });
  const first = await scoredInterview(page.request, 'Data Scientist', "At Larkspur Grocers I built the demand-forecasting model in Python with LightGBM and Snowflake. I tested it against the buyers' orders for two weeks, and as a result waste went down by 9 %.");
  const second = await scoredInterview(page.request, 'Data Scientist');
  const setup = await readyInterview(page.request, 'Analytics Engineer');
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.locator('.interview-card')).toHaveCount(3);
  await shoot(page, 'history');

  await page.goto(`/interviews/${setup}`);
  await waitForHydration(page);
  await shoot(page, 'set-up');

  await page.request.post(`/api/v1/interviews/${setup}/start`);
  await page.goto(`/interviews/${setup}`);
  await waitForHydration(page);
  await page.locator('#answer').fill(STRONG_ANSWER);
  await page.locator('#send-answer').click();
  await expect(page.locator('#question-2')).toHaveText(/\?$/);
  await page.locator('#answer').fill('In my last role I ran weekly A/B tests with CUPED');
  await shoot(page, 'room');

  await page.goto(`/interviews/${second.id}/feedback`);
  await expect(page.locator('#score-gauge')).toBeVisible({ timeout: 20_000 });
  await waitForHydration(page);
  await shoot(page, 'feedback');
  expect(first.id).not.toBe(second.id);

  await page.setViewportSize({ width: 375, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/interviews/${setup}`);
  await waitForHydration(page);
  await shoot(page, 'room-phone-dark');
});
