import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { CV as BASE_CV, JOB } from './api';
import { setUpThroughThePages, waitForHydration } from './helpers';

// A phrase only the CV contains: a share link must never show it.
const CV_SECRET = 'Quillfeather Marsh birdsong archive';
const CV = `${BASE_CV}\nInterests: volunteer curator of the ${CV_SECRET}.`;
const ANSWERS = [
  'At Larkspur Grocers I led the demand-forecasting rebuild: I chose LightGBM, wrote the Python pipeline in Snowflake and SQL, and as a result cut fresh-food waste by 18 % in six months.',
  'I designed CUPED A/B experiments for the pricing team. My task was to halve the time to a decision; I built the variance-reduction step myself and we reached significance in 9 days instead of 21.',
  'I explain forecasts to store managers with one chart and one number. When the buyers doubted the model, I ran a two-week shadow test and showed it beat their orders by 12 %, so they adopted it.',
];

/** A finished three-question interview with the offline coach; returns its URL. */
async function completedInterview(page: Page) {
  await setUpThroughThePages(page, CV, JOB, 3);
  await page.locator('#start-interview').click();
  for (const [index, answer] of ANSWERS.entries()) {
    await expect(page.locator('#progress-label')).toHaveText(`Question ${index + 1} of 3`);
    await page.locator('#answer').fill(answer);
    await page.locator('#send-answer').click();
    await expect(page.locator('.answer-text').nth(index)).toHaveText(answer);
  }
  await expect(page.locator('#interview-complete')).toBeVisible();
  return page.url();
}

/** Follows "See your feedback" and waits for the report (it is written in the background). */
async function openFeedback(page: Page) {
  await page.locator('#see-feedback').click();
  await expect(page).toHaveURL(/\/feedback$/);
  await expect(page.locator('#score-gauge svg[role="img"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.question-feedback')).toHaveCount(3);
}

test('the report appears, survives a reload, and is shared read-only until revoked', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await completedInterview(page);
  await openFeedback(page);
  await expect(page.locator('#score-gauge svg')).toHaveAttribute('aria-label', /^Overall score: (\d+ out of 10|not enough evidence)$/);
  await expect(page.locator('#dimensions .dimension')).toHaveCount(6);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');

  // A reload asks again and gets the stored report, rendered by the server.
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#score-gauge svg[role="img"]')).toBeVisible();
  await expect(page.locator('.question-feedback')).toHaveCount(3);
  const summary = (await page.locator('#report-summary').textContent())!;
  expect(summary.length).toBeGreaterThan(0);

  // Make a share link.
  await expect(page.locator('#share-links-empty')).toBeVisible();
  await page.locator('#create-share').click();
  const shareUrl = page.locator('#share-url');
  await expect(shareUrl).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/share\/[A-Za-z0-9_-]{43}$/);
  const url = await shareUrl.inputValue();
  await expect(page.locator('.share-link')).toHaveCount(1);
  await expect(page.locator('.share-link__state')).toHaveText('Active');

  // Someone else opens it: the report without the CV, share controls or CV tips.
  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    const response = await other.goto(url);
    expect(response!.status()).toBe(200);
    const html = await response!.text();
    expect(html).toContain('name="robots" content="noindex"');
    expect(html).toContain('property="og:title"');
    await waitForHydration(other);
    await expect(other.locator('#score-gauge svg[role="img"]')).toBeVisible();
    await expect(other.locator('.question-feedback')).toHaveCount(3);
    await expect(other.locator('#report-summary')).toHaveText(summary);
    await expect(other.locator('#share')).toHaveCount(0);
    await expect(other.locator('#cv-tips')).toHaveCount(0);
    await expect(other.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await expect(other.locator('meta[property="og:title"]')).toHaveAttribute(
      'content',
      /^Interview feedback: Data Scientist .+ at Northwind Analytics$/,
    );
    await expect(other.locator('meta[property="og:description"]')).toHaveAttribute('content', /^Score /);
    await expect(other.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary');
    // Opened, every folded answer is visible too: still no CV anywhere.
    for (const summaryLine of await other.locator('.question-feedback summary').all()) {
      await summaryLine.click();
    }
    expect(await other.content()).not.toContain(CV_SECRET);
    expect(await other.locator('body').innerText()).not.toContain(CV_SECRET);

    // The owner revokes it: it stops working at once.
    await page.locator('.share-link__revoke').click();
    await expect(page.locator('.share-link[data-revoked="true"]')).toHaveCount(1);
    await expect(page.locator('.share-link__state')).toContainText('Revoked');
    await expect(page.locator('.share-link__revoke')).toHaveCount(0);

    const gone = await other.goto(url);
    expect(gone!.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(other.locator('#report')).toHaveCount(0);
  } finally {
    await stranger.close();
  }
});

test('the report downloads as Markdown', async ({ page }) => {
  test.setTimeout(90_000);
  const interviewUrl = await completedInterview(page);
  // Straight to the page this time: the server renders it while the report is being written,
  // and the hydrated page polls until it is ready.
  await expect(page.locator('#see-feedback')).toHaveAttribute('href', new URL(interviewUrl).pathname + '/feedback');
  await page.goto(interviewUrl + '/feedback');
  await waitForHydration(page);
  await expect(page.locator('#score-gauge svg[role="img"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.question-feedback')).toHaveCount(3);
  const label = (await page.locator('#score-gauge svg').getAttribute('aria-label'))!;
  const score = /(\d+) out of 10/.exec(label);
  const question = (await page.locator('.question-feedback__text').first().textContent())!;

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#download-markdown').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^interview-feedback-data-scientist-.+\.md$/);
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown).toMatch(/^# Interview feedback: Data Scientist .+ at Northwind Analytics\n/);
  expect(markdown).toContain(score ? `**Overall score: ${score[1]}/10**` : '**Overall score: not enough evidence.**');
  expect(markdown).toContain('### Question 1');
  expect(markdown).toContain(question.trim());
  expect(markdown).toContain('## Scores by dimension');
});
