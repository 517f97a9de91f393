import { test, expect } from '@playwright/test';
import { CV, JOB } from './api';
import { setUpThroughThePages } from './helpers';

// Against the second server, whose owners may make the interviewer write three times a minute
// (start + two answers): the third answer is refused with 429, the page says how long to wait
// and keeps the answer, and after that wait the same answer goes through, stored once.
const limitedPort = process.env.E2E_LIMITED_PORT ?? '3101';
test.use({ baseURL: `http://127.0.0.1:${limitedPort}` });

test('a rate-limited answer is explained, kept, and goes through after the wait', async ({ page }) => {
  test.setTimeout(90_000);
  await setUpThroughThePages(page, CV, JOB, 5);
  await page.locator('#start-interview').click();
  for (const position of [1, 2]) {
    await expect(page.locator('#progress-label')).toHaveText(`Question ${position} of 5`);
    await page.locator('#answer').fill(`Answer ${position}: LightGBM forecasting at Larkspur.`);
    await page.locator('#send-answer').click();
  }
  await expect(page.locator('#progress-label')).toHaveText('Question 3 of 5');
  await expect(page.locator('.question-text').nth(2)).toHaveText(/\?$/);

  const third = 'Answer 3: I ran CUPED experiments that cut variance by 30 %.';
  await page.locator('#answer').fill(third);
  const refused = page.waitForResponse((response) => response.url().includes('/api/submit_answer'));
  await page.locator('#send-answer').click();
  const response = await refused;
  expect(response.status()).toBe(429);
  const wait = Number(response.headers()['retry-after']);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(20);

  // Explained, with the wait; nothing typed is lost.
  await expect(page.locator('#room-error')).toContainText(/Please wait \d+ seconds?, then try again; nothing you typed is lost/);
  await expect(page.locator('#answer')).toHaveValue(third);
  await expect(page.locator('.answer-text')).toHaveCount(2);

  // After the wait the same answer is accepted, once.
  await page.waitForTimeout(wait * 1000 + 500);
  await page.locator('#send-answer').click();
  await expect(page.locator('.answer-text').nth(2)).toHaveText(third);
  await expect(page.locator('#room-error')).toHaveCount(0);
  await expect(page.locator('#progress-label')).toHaveText('Question 4 of 5');
  const id = page.url().split('/').pop();
  const transcript = await (await page.request.get(`/api/v1/interviews/${id}/transcript`)).json();
  const answers = transcript.entries.map((entry: { answer?: string }) => entry.answer).filter(Boolean);
  expect(answers).toEqual([
    'Answer 1: LightGBM forecasting at Larkspur.',
    'Answer 2: LightGBM forecasting at Larkspur.',
    third,
  ]);
});
