import { test, expect } from '@playwright/test';
import { CV, JOB } from './api';
import { setUpThroughThePages, waitForHydration } from './helpers';

// The preparation brief, read before the first question: linked from the set-up page once
// both documents are in, it shows each requirement with the CV line that backs it (or a
// gap), the questions likely to come and the stories worth preparing; and the interview then
// opens with the brief's first question. axe-core checks the page with the others
// (access.spec.ts).

test('the brief prepares the candidate for the questions the interview then asks', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await setUpThroughThePages(page, CV, JOB, 5);
  const interviewUrl = page.url();

  await page.locator('#read-brief').click();
  await expect(page).toHaveURL(`${interviewUrl}/brief`);
  await expect(page).toHaveTitle(/^Preparation brief: Data Scientist .* at Northwind Analytics/);
  const requirements = page.locator('.brief__requirement');
  await expect(requirements).toHaveCount(3);
  const python = requirements.filter({ hasText: 'Python, SQL and Snowflake' });
  await expect(python.locator('.brief__evidence q')).toContainText('Python and SQL every day');
  await expect(page.locator('[data-testid="brief-coverage"]')).toContainText(/Your CV shows \d of 3/);
  const likely = page.locator('.brief__questions li');
  await expect(likely).toHaveCount(5);
  const expected = (await likely.first().textContent())!;
  expect(expected).toMatch(/\?$/);

  // Server-rendered too: the brief reads without scripts after a reload.
  await page.reload();
  await waitForHydration(page);
  await expect(likely.first()).toHaveText(expected);

  await page.getByRole('link', { name: 'Back to the interview' }).click();
  await expect(page).toHaveURL(interviewUrl);
  await waitForHydration(page);
  await page.locator('#start-interview').click();
  await expect(page.locator('#question-1')).toHaveText(expected);
  expect(pageErrors).toEqual([]);
});

test('a brief before the documents are in says what is missing', async ({ page }) => {
  const created = await page.request.post('/api/v1/interviews', {
    data: { job_title: 'Nurse', company: 'Spital Nord', question_count: 3 },
  });
  const { id } = await created.json();
  await page.goto(`/interviews/${id}/brief`);
  await waitForHydration(page);
  await expect(page.getByRole('alert')).toContainText('Add your CV and the job description first');
});
