import { test, expect } from '@playwright/test';
import { readyInterview, scoredInterview } from './api';
import { uniqueTitle, waitForHydration } from './helpers';

test('an empty history explains the product and leads to the set-up', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#empty-state')).toContainText('scored report');
  await page.locator('#empty-state a').click();
  await expect(page).toHaveURL(/\/interviews\/new$/);
});

test('the history shows status, score and the trend for the same job; delete confirms, then removes everything', async ({ page }) => {
  const job = uniqueTitle('Data Scientist');
  const first = await scoredInterview(page.request, job);
  const second = await scoredInterview(page.request, job.toUpperCase());
  const unfinished = await readyInterview(page.request, uniqueTitle('Analyst'));
  const share = await (await page.request.post(`/api/v1/interviews/${second.id}/shares`)).json();
  const sharedUrl = `/api/v1/shared/${share.token}`;
  expect((await page.request.get(sharedUrl)).status()).toBe(200);

  await page.goto('/');
  await waitForHydration(page);
  const cards = page.locator('.interview-card');
  await expect(cards).toHaveCount(3);
  const card = (id: string) => page.locator(`.interview-card[data-interview-id="${id}"]`);

  // Newest first; the unfinished one offers to finish the set-up.
  await expect(cards.first()).toHaveAttribute('data-interview-id', unfinished);
  await expect(card(unfinished).getByRole('link', { name: 'Start' })).toHaveAttribute('href', `/interviews/${unfinished}`);
  await expect(card(unfinished)).toContainText('Ready to start');
  // Both scored interviews of the same job (any case) chart the same two scores.
  for (const scored of [first, second]) {
    await expect(card(scored.id)).toContainText(`${scored.score}/10`);
    await expect(card(scored.id).getByRole('link', { name: 'Open feedback' })).toHaveAttribute('href', `/interviews/${scored.id}/feedback`);
    await expect(card(scored.id).locator('svg.sparkline')).toHaveAttribute(
      'aria-label',
      `Scores for this job, oldest first: ${first.score}, ${second.score} (out of 10)`,
    );
    await expect(card(scored.id)).toContainText('3 of 3 answered');
  }
  await expect(card(unfinished).locator('svg.sparkline')).toHaveCount(0);

  // Each says when it will be deleted unless opened: 90 days on (RETENTION_DAYS' default).
  const in90 = new Date(Date.now() + 90 * 24 * 3600 * 1000);
  const day = `${in90.getUTCDate()} ${in90.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${in90.getUTCFullYear()}`;
  for (const id of [unfinished, first.id, second.id]) {
    await expect(card(id).locator('.interview-card__expiry')).toHaveText(`Deleted on ${day} unless you open it before then.`);
  }
  // The share link says so too.
  expect((await (await page.request.get(sharedUrl)).json()).expires_at).toMatch(/^\d{4}-/);
  await page.goto(`/share/${share.token}`);
  await expect(page.locator('#share-expiry')).toHaveText(`This report will be deleted on ${day} unless its owner opens the interview before then.`);
  await page.goto('/');
  await waitForHydration(page);

  // Delete asks first, with the focus on the safe choice; "Keep it" changes nothing.
  const target = card(second.id);
  await target.getByRole('button', { name: 'Delete' }).click();
  const confirm = target.getByRole('group', { name: 'Confirm delete' });
  await expect(confirm).toContainText('documents, transcript, report, practice attempts and share links');
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  await expect(target.getByRole('button', { name: 'Delete' })).toBeFocused();

  await target.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete for good' }).click();
  await expect(target).toHaveCount(0);
  await expect(page.locator('#history-status')).toHaveText(`Deleted the interview for ${job.toUpperCase()} at Northwind Analytics.`);
  await expect(page.locator('#history-heading')).toBeFocused();
  // The other interview of that job has only its own score left: no trend to draw.
  await expect(card(first.id).locator('svg.sparkline')).toHaveCount(0);

  // Gone for good: the API knows nothing of it or its share link, also after a reload.
  for (const path of ['', '/transcript', '/feedback', '/shares', '/documents/cv']) {
    expect((await page.request.get(`/api/v1/interviews/${second.id}${path}`)).status(), path).toBe(404);
  }
  expect((await page.request.get(sharedUrl)).status()).toBe(404);
  await page.goto(`/share/${share.token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.goto('/');
  await expect(page.locator('.interview-card')).toHaveCount(2);
});

test('a failed delete says so and keeps the interview', async ({ page }) => {
  const id = await readyInterview(page.request, uniqueTitle('Nurse'));
  await page.goto('/');
  await waitForHydration(page);
  const card = page.locator(`.interview-card[data-interview-id="${id}"]`);
  await card.getByRole('button', { name: 'Delete' }).click();
  // The server is unreachable for this one request.
  await page.route('**/api/delete_interview*', (route) => route.abort('connectionrefused'));
  await card.getByRole('button', { name: 'Delete for good' }).click();
  await expect(card.getByRole('alert')).toContainText('Nothing was deleted; you can try again.');
  await page.unroute('**/api/delete_interview*');
  await card.getByRole('button', { name: 'Delete for good' }).click();
  await expect(card).toHaveCount(0);
  expect((await page.request.get(`/api/v1/interviews/${id}`)).status()).toBe(404);
});

test('a history that fails to load offers to try again', async ({ page }) => {
  const title = uniqueTitle('Pharmacist');
  await readyInterview(page.request, title);
  await page.goto('/interviews/new');
  await waitForHydration(page);
  await page.route('**/api/list_interviews*', (route) => route.abort('connectionrefused'));
  // A client-side navigation: the list is fetched by the browser.
  await page.getByRole('link', { name: 'Your interviews' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.unroute('**/api/list_interviews*');
  await page.locator('#history-retry').click();
  await expect(page.locator('.interview-card', { hasText: title })).toBeVisible();
});
