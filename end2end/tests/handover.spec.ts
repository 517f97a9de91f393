import { test, expect } from '@playwright/test';
import { readyInterview } from './api';
import { uniqueTitle, waitForHydration } from './helpers';

// A model slower than the first-token deadline: the server behind the fake LLM provider
// (fake-llm.mjs, slow for a job title carrying "slow-to-start"; LLM_FIRST_TOKEN_SECS=3 in
// playwright.config.ts) hands the question over to its built-in coach, and the room says so
// in a status line above the question, then shows the coach's question, and no error.

test.use({ baseURL: `http://127.0.0.1:${process.env.E2E_HOSTILE_LLM_PORT ?? '3102'}` });

const NOTICE = 'The AI interviewer was slow to start, so the built-in coach is asking this question.';

test('a slow model hands the question to the built-in coach and the room says so', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const id = await readyInterview(page.request, uniqueTitle('Data Scientist slow-to-start'));
  await page.goto(`/interviews/${id}`);
  await waitForHydration(page);
  await page.locator('#start-interview').click();
  await expect(page.locator('#progress-label')).toHaveText('Question 1 of 3');

  // While the model is silent: the interviewer is thinking, and the status line waits, empty.
  const notice = page.locator('#handover-notice');
  await expect(page.locator('#streaming-question')).toHaveText('The interviewer is thinking…');
  await expect(notice).toHaveAttribute('role', 'status');

  // Past the deadline: the hand-over is said, then the coach's question arrives beneath it.
  await expect(notice).toHaveText(NOTICE);
  const first = page.locator('#question-1');
  await expect(first).toHaveText(/\?$/);
  expect(await first.textContent()).not.toContain('How would you handle');
  const firstExchange = page.locator('li.exchange', { has: first });
  await expect(firstExchange.locator('.handover-notice')).toHaveText(NOTICE);
  await expect(page.locator('#answer')).toBeVisible();
  await expect(page.locator('#ask-error')).toHaveCount(0);
  await expect(page.locator('#room-error')).toHaveCount(0);

  // Answered, the question loses its line; the next one is handed over the same way.
  const answer = 'I chose LightGBM at Larkspur and cut fresh-food waste by 18 % in six months.';
  await page.locator('#answer').fill(answer);
  await page.locator('#send-answer').click();
  await expect(page.locator('.answer-text')).toHaveText([answer]);
  await expect(firstExchange.locator('.handover-notice')).toHaveCount(0);
  await expect(page.locator('#question-2')).toHaveText(/\?$/);
  await expect(page.locator('li.exchange', { has: page.locator('#question-2') }).locator('.handover-notice')).toHaveText(NOTICE);
  await expect(notice).toHaveCount(1);
  await expect(page.locator('#ask-error')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
