import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { setUpThroughThePages, waitForHydration } from './helpers';

// The French eval pair: a teacher's CV and a collège's job ad, and the candidate's answers.
const PAIR = '../testdata/eval/teaching-fr';
const FRENCH_WORDS = /\b(vous|votre|vos|quel|quelle|comment|pourquoi)\b/i;

test('a French job gets a French interview and report; the language can be changed before the start', async ({ page }) => {
  const [cv, job, bank] = (
    await Promise.all(['cv.txt', 'jd.txt', 'answers.txt'].map((file) => readFile(`${PAIR}/${file}`, 'utf8')))
  ).map((text) => text.trim());
  // The answer bank's blocks: the line after each `== …` header.
  const answers = bank.split('\n').filter((line, index, lines) => index > 0 && lines[index - 1].startsWith('== '));

  await setUpThroughThePages(page, cv, job, 3);
  const picker = page.locator('#interview-language');
  await expect(picker).toHaveValue('french');
  await expect(page.locator('#language-source')).toContainText('Detected from the job description');
  await expect(page.locator('#interview-language-fact')).toHaveText('Français');

  // Chosen, kept across a reload, and chosen back.
  await picker.selectOption('spanish');
  await expect(page.locator('#language-source')).toContainText('Your choice');
  await expect(page.locator('#interview-language-fact')).toHaveText('Español');
  await page.reload();
  await waitForHydration(page);
  await expect(picker).toHaveValue('spanish');
  // A language only the AI interviewer speaks: the page says the built-in coach asks in English.
  await expect(page.locator('#language-coach-note')).toHaveCount(0);
  await picker.selectOption('italian');
  await expect(page.locator('#language-coach-note')).toHaveText(
    'The AI interviewer asks in Italiano; the built-in coach, used when no AI interviewer is configured or it fails, asks in English.',
  );
  await picker.selectOption('french');
  await expect(page.locator('#interview-language-fact')).toHaveText('Français');
  await expect(page.locator('#language-coach-note')).toHaveCount(0);

  await page.locator('#start-interview').click();
  for (let position = 1; position <= 3; position++) {
    const question = page.locator('.question-text').nth(position - 1);
    await expect(question).toHaveText(/\?$/);
    expect(await question.textContent()).toMatch(FRENCH_WORDS);
    await page.locator('#answer').fill(answers[position - 1]);
    await page.locator('#send-answer').click();
    await expect(page.locator('.answer-text').nth(position - 1)).toHaveText(answers[position - 1]);
  }
  await expect(page.locator('#interview-complete')).toBeVisible();

  await page.goto(page.url() + '/feedback');
  const summary = page.locator('#report-summary');
  await expect(summary).toBeVisible({ timeout: 15_000 });
  // French function words, none of them English ("9/10 (3 questions sur 3 ont reçu une réponse)…").
  expect(await summary.textContent()).toMatch(/\b(sur|une|les|des|vous|est)\b/);
  // A strong French interview is scored, not "not enough evidence".
  await expect(page.locator('#report')).not.toContainText('not enough evidence');
});
