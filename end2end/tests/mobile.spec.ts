import { test, expect, type Page } from '@playwright/test';
import { CV, JOB, STRONG_ANSWER } from './api';
import { INTERVIEW_URL, uniqueTitle, waitForHydration } from './helpers';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

/** Nothing may be wider than the phone: no sideways scrolling, no clipped controls. */
async function fitsTheScreen(page: Page, name: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 1 || box.left < -1) && getComputedStyle(element).position !== 'fixed';
      })
      .filter((element) => !element.closest('.visually-hidden'))
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${element.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
  expect(overflow.wide, name).toEqual([]);
  expect(overflow.scrollWidth, name).toBeLessThanOrEqual(overflow.width);
}

test('the whole flow works on a 375 px wide phone', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/');
  await waitForHydration(page);
  await fitsTheScreen(page, 'empty history');
  await page.locator('#empty-state a').tap();
  await expect(page).toHaveURL(/\/interviews\/new$/);
  await waitForHydration(page);
  await fitsTheScreen(page, 'new interview');
  await page.getByLabel('Job title').fill(uniqueTitle('Senior Data Scientist (Forecasting & Experimentation)'));
  await page.getByLabel('Company').fill('Northwind Analytics International Holdings');
  await page.getByLabel('Questions').fill('3');
  await page.getByRole('button', { name: 'Create interview' }).tap();
  await expect(page).toHaveURL(INTERVIEW_URL);
  await waitForHydration(page);
  await fitsTheScreen(page, 'set-up');
  for (const [slug, text] of [['cv', CV], ['job_description', JOB]]) {
    await page.locator(`#${slug}-paste`).fill(text);
    await page.locator(`#${slug}-paste-save`).tap();
    await expect(page.locator(`#${slug}-text`)).toHaveValue(text);
  }
  await fitsTheScreen(page, 'set-up with documents');
  await page.locator('#start-interview').tap();
  for (let position = 1; position <= 3; position++) {
    await expect(page.locator('#progress-label')).toHaveText(`Question ${position} of 3`);
    await fitsTheScreen(page, `question ${position}`);
    await page.locator('#answer').fill(STRONG_ANSWER);
    await page.locator('#send-answer').tap();
    await expect(page.locator('.answer-text')).toHaveCount(position);
  }
  await page.locator('#see-feedback').tap();
  await expect(page.locator('#score-gauge')).toBeVisible({ timeout: 20_000 });
  await fitsTheScreen(page, 'feedback');
  await page.locator('#create-share').tap();
  const url = await page.locator('#share-url').inputValue();
  await fitsTheScreen(page, 'feedback with a share link');
  await page.goto(url);
  await expect(page.locator('#score-gauge')).toBeVisible();
  await fitsTheScreen(page, 'shared report');
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.locator('.interview-card')).toHaveCount(1);
  await fitsTheScreen(page, 'history');
});
