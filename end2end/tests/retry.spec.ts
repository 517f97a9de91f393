import { test, expect, type Page } from '@playwright/test';
import { STRONG_ANSWER, finishInterview, readyInterview, scoredInterview } from './api';
import { uniqueTitle, waitForHydration } from './helpers';

// Practising a question again: from the feedback page, a weak answer is answered again with a
// stronger one, scored beside the original; the draft survives a reload, a double click stores
// one attempt, the overall score and the history's trend count the best attempt, the answer
// bank keeps it, and a later interview's room offers it as material, never sending it.

/** Long enough to be scored, but no figure, no result and no "I". */
const WEAK_ANSWER =
  'We looked at the forecasting with the team and we tried a few things, and it kind of went fine in general and people were sort of happy with it, maybe.';

/** "6/10" → 6. */
async function scoreOf(page: Page, selector: string) {
  const text = (await page.locator(selector).textContent()) ?? '';
  const match = text.match(/(\d+)\/10/);
  expect(match, `${selector}: ${text}`).not.toBeNull();
  return Number(match![1]);
}

test('a question answered again is scored beside the original, counts in the score and the trend, and joins the answer bank', async ({ page }) => {
  test.setTimeout(120_000);
  const job = uniqueTitle('Data Scientist');
  // An earlier interview for the same job, so the history draws a trend.
  const earlier = await scoredInterview(page.request, job);
  const id = await readyInterview(page.request, job);
  const report = await finishInterview(page.request, id, Array(12).fill(WEAK_ANSWER));
  const original = report.overall.score as number;
  expect(original).toBeGreaterThan(0);

  await page.goto(`/interviews/${id}/feedback`);
  await waitForHydration(page);
  await expect(page.locator('#practice')).toBeVisible();
  // Each question of the report's breakdown leads to its practice.
  await expect(page.locator('#practise-link-2')).toHaveAttribute('href', '#practice-2');
  await expect(page.locator('#overall-original')).toHaveText(`${original}/10`);
  await expect(page.locator('#overall-with-attempts')).toHaveCount(0);

  // Question 2 (a story question in the offline coach's three-question plan), typed, then a
  // reload before sending: the draft is still there.
  await page.locator('#retry-2').click();
  await page.locator('#attempt-2').fill(STRONG_ANSWER);
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#attempt-2')).toHaveValue(STRONG_ANSWER);

  // A double click stores one attempt.
  await page.locator('#send-attempt-2').dblclick();
  const attempt = page.locator('#attempts-2 .attempt[data-attempt="1"]');
  await expect(attempt).toBeVisible();
  await expect(page.locator('#attempts-2 .attempt[data-attempt="2"]')).toHaveCount(0);
  await expect(page.locator('#practice-status')).toContainText('Your new answer to question 2 scored');
  await expect(page.locator('#attempt-2')).toHaveCount(0);

  // Side by side: the original answer and its score, the attempt with a higher one, what
  // improved and what still lacks.
  const originalAnswer = page.locator('#attempts-2 .attempt--original');
  await expect(originalAnswer).toContainText(WEAK_ANSWER);
  await expect(attempt).toContainText(STRONG_ANSWER);
  const before = await scoreOf(page, '#attempts-2 .attempt--original .attempt__score');
  const after = await scoreOf(page, '#attempts-2 .attempt[data-attempt="1"] .attempt__score');
  expect(after).toBeGreaterThan(before);
  await expect(attempt.locator('.attempt__improved li').first()).toBeVisible();
  await expect(attempt.locator('.attempt__improved')).toContainText('18 %');
  await expect(attempt).toContainText('Best');

  // The overall score with the best attempt, beside the interview's own.
  await expect(page.locator('#overall-original')).toHaveText(`${original}/10`);
  const withBest = await scoreOf(page, '#overall-with-attempts');
  expect(withBest).toBeGreaterThan(original);

  // Reloaded, everything is still there; the original answer and the report are unchanged.
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#attempts-2 .attempt[data-attempt="1"]')).toContainText(STRONG_ANSWER);
  await expect(page.locator('#attempts-2 .attempt[data-attempt="2"]')).toHaveCount(0);
  await expect(page.locator('#overall-with-attempts')).toHaveText(`${withBest}/10`);
  await expect(page.locator('#retry-2')).toBeVisible();
  const stored = await (await page.request.get(`/api/v1/interviews/${id}/attempts`)).json();
  expect(stored.questions[1].attempts).toHaveLength(1);
  expect(stored.questions[1].original_answer).toBe(WEAK_ANSWER);
  expect(stored.overall).toEqual({ original, with_best: withBest });
  const transcript = await (await page.request.get(`/api/v1/interviews/${id}/transcript`)).json();
  expect(transcript.entries[1].answer).toBe(WEAK_ANSWER);
  expect((await (await page.request.get(`/api/v1/interviews/${id}/feedback`)).json()).overall.score).toBe(original);

  // The history: the score with the best attempt and the interview's own, and the trend of
  // the job counting the best attempt.
  await page.goto('/');
  await waitForHydration(page);
  const card = page.locator(`.interview-card[data-interview-id="${id}"]`);
  await expect(card.locator('.interview-card__score--practised')).toContainText(`${withBest}/10`);
  await expect(card.locator('.interview-card__original')).toHaveText(`${original} in the interview`);
  await expect(card.locator('svg.sparkline')).toHaveAttribute(
    'aria-label',
    `Scores for this job, oldest first: ${earlier.score}, ${withBest} (out of 10)`,
  );
  await expect(card.getByRole('link', { name: 'Practise questions' })).toHaveAttribute('href', `/interviews/${id}/feedback#practice`);

  // The answer bank keeps the best answer of its kind.
  await page.getByRole('link', { name: 'Answer bank' }).click();
  await expect(page).toHaveURL(/\/answer-bank$/);
  const banked = page.locator('#answer-bank .banked-answer');
  await expect(banked).toHaveCount(1);
  await expect(banked.locator('.banked-answer__text')).toHaveText(STRONG_ANSWER);
  await expect(banked.locator('.banked-answer__score')).toHaveText(`${after}/10`);
  await expect(banked).toContainText(job);

  // A later interview for another job: when a story question is open, the room offers the
  // banked answer; inserting it fills the answer box and sends nothing.
  const later = await readyInterview(page.request, uniqueTitle('Analyst'), 5);
  await page.goto(`/interviews/${later}`);
  await waitForHydration(page);
  const materialAsked = () => page.waitForResponse((response) => response.url().includes('/api/bank_material'));
  let asked = materialAsked();
  await page.locator('#start-interview').click();
  let offeredAt = 0;
  for (let position = 1; position <= 4 && offeredAt === 0; position++) {
    await expect(page.locator('#progress-label')).toHaveText(`Question ${position} of 5`);
    const material = await (await asked).text();
    if (material.includes(STRONG_ANSWER)) {
      offeredAt = position;
      break;
    }
    await expect(page.locator('#bank-material')).toHaveCount(0);
    asked = materialAsked();
    await page.locator('#answer').fill(`Answer ${position}: I ran CUPED experiments at Larkspur and cut variance by 30 %.`);
    await page.locator('#send-answer').click();
  }
  expect(offeredAt, 'a story question came and was offered the banked answer').toBeGreaterThan(0);
  await expect(page.locator('#bank-material-text')).toHaveText(STRONG_ANSWER);
  await expect(page.locator('#bank-material')).toContainText(job);
  await page.locator('#insert-bank-material').click();
  await expect(page.locator('#answer')).toHaveValue(STRONG_ANSWER);
  // Nothing was sent: the question is still open, its answer box holds the material.
  await expect(page.locator('.answer-text')).toHaveCount(offeredAt - 1);
  await expect(page.locator('#progress-label')).toHaveText(`Question ${offeredAt} of 5`);
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#answer')).toHaveValue(STRONG_ANSWER);
});

test('strangers cannot see or add attempts, and an unfinished interview offers none', async ({ page, browser }) => {
  const id = await readyInterview(page.request, uniqueTitle('Data Scientist'));
  await finishInterview(page.request, id, Array(12).fill(WEAK_ANSWER));
  const stranger = await browser.newContext();
  const attempt = { text: STRONG_ANSWER, client_id: crypto.randomUUID() };
  expect((await stranger.request.get(`/api/v1/interviews/${id}/attempts`)).status()).toBe(404);
  expect((await stranger.request.post(`/api/v1/interviews/${id}/questions/1/attempts`, { data: attempt })).status()).toBe(404);
  expect(await (await stranger.request.get('/api/v1/answer-bank')).json()).toEqual([]);
  await stranger.close();

  const unfinished = await readyInterview(page.request, uniqueTitle('Analyst'));
  await page.request.post(`/api/v1/interviews/${unfinished}/start`);
  expect((await page.request.post(`/api/v1/interviews/${unfinished}/questions/1/attempts`, { data: attempt })).status()).toBe(409);
  await page.goto('/answer-bank');
  await waitForHydration(page);
  await expect(page.locator('#answer-bank-empty')).toBeVisible();
});
