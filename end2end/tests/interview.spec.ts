import { test, expect } from '@playwright/test';
import { CV, JOB } from './api';
import { setUpThroughThePages, waitForHydration } from './helpers';

test('a full eight-question interview with the offline coach, with a reload in the middle', async ({ page }) => {
  await setUpThroughThePages(page, CV, JOB);
  await page.locator('#start-interview').click();
  await expect(page.locator('#progress-label')).toHaveText('Question 1 of 8');

  const questions: string[] = [];
  for (let position = 1; position <= 8; position++) {
    await expect(page.locator('#progress-label')).toHaveText(`Question ${position} of 8`);
    const question = page.locator('.question-text').nth(position - 1);
    await expect(question).toHaveText(/\?$/);
    questions.push((await question.textContent())!);

    const answer = `Answer ${position}: I led the forecasting work at Larkspur and cut waste by ${position * 3} %.`;
    const box = page.locator('#answer');
    if (position === 4) {
      // Half typed, then a reload: the draft is still there.
      await box.fill(answer);
      await page.reload();
      await waitForHydration(page);
      await expect(page.locator('#progress-label')).toHaveText('Question 4 of 8');
      await expect(page.locator('#answer')).toHaveValue(answer);
      await expect(page.locator('.answer-text')).toHaveCount(3);
    } else {
      await box.fill(answer);
    }
    if (position % 2 === 0) {
      await page.locator('#answer').press('Control+Enter');
    } else {
      await page.locator('#send-answer').click();
    }
    await expect(page.locator('.answer-text').nth(position - 1)).toHaveText(answer);
  }

  await expect(page.locator('#interview-complete')).toBeVisible();
  await expect(page.locator('#progress-label')).toHaveText('Interview complete: 8 of 8 questions answered');
  expect(new Set(questions).size).toBe(8);
  // The questions are about these documents.
  expect(questions.join(' ')).toContain('Northwind Analytics');

  await page.reload();
  await expect(page.locator('.answer-text')).toHaveCount(8);
  await expect(page.locator('#answer')).toHaveCount(0);
});

test('an empty answer cannot be sent, and ending early keeps what was answered', async ({ page }) => {
  await setUpThroughThePages(page, CV, JOB);
  await page.locator('#start-interview').click();
  await expect(page.locator('#progress-label')).toHaveText('Question 1 of 8');
  await expect(page.locator('#send-answer')).toBeDisabled();
  await page.locator('#answer').fill('   ');
  await expect(page.locator('#send-answer')).toBeDisabled();

  await page.locator('#answer').fill('I ran CUPED experiments that cut variance by 30 %.');
  await page.locator('#send-answer').click();
  await expect(page.locator('#progress-label')).toHaveText('Question 2 of 8');
  await page.locator('#end-interview').click();
  await expect(page.locator('#interview-complete')).toBeVisible();
  await expect(page.locator('#progress-label')).toHaveText('Interview complete: 1 of 8 questions answered');
  await expect(page.locator('.badge')).toContainText('Completed');
});

test('a lost question stream offers "Try again" and keeps the answer', async ({ page }) => {
  await setUpThroughThePages(page, CV, JOB);
  await page.locator('#start-interview').click();
  await expect(page.locator('#progress-label')).toHaveText('Question 1 of 8');
  await expect(page.locator('.question-text').first()).toHaveText(/\?$/);

  // The connection to the interviewer drops while question 2 is being asked.
  await page.route('**/question/stream', (route) => route.abort('connectionreset'));
  const answer = 'I ran CUPED experiments that cut variance by 30 %.';
  await page.locator('#answer').fill(answer);
  await page.locator('#send-answer').click();
  await expect(page.locator('#ask-error')).toContainText('Your answers are saved');
  await expect(page.locator('.answer-text')).toHaveText([answer]);
  await expect(page.locator('#answer')).toHaveCount(0);

  await page.unroute('**/question/stream');
  await page.locator('#ask-again').click();
  await expect(page.locator('.question-text')).toHaveCount(2);
  await expect(page.locator('.question-text').nth(1)).toHaveText(/\?$/);
  await expect(page.locator('#progress-label')).toHaveText('Question 2 of 8');
  await expect(page.locator('#ask-error')).toHaveCount(0);
  await expect(page.locator('#answer')).toBeVisible();
});
