import { test, expect } from '@playwright/test';
import { readyInterview } from './api';
import { uniqueTitle, waitForHydration } from './helpers';
import { readFile } from 'node:fs/promises';

test('everything downloads as JSON and Markdown from the history', async ({ page }) => {
  const title = uniqueTitle('Data Scientist <b>&</b>');
  const id = await readyInterview(page.request, title);
  await page.goto('/');
  await waitForHydration(page);

  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  expect(json.suggestedFilename()).toBe('interview-simulator-export.json');
  const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
  const mine = exported.interviews.find((entry: any) => entry.interview.id === id);
  expect(mine.interview.job_title).toBe(title);
  expect(mine.documents.map((d: any) => d.kind).sort()).toEqual(['cv', 'job_description']);

  const [markdown] = await Promise.all([page.waitForEvent('download'), page.locator('#export-markdown').click()]);
  expect(markdown.suggestedFilename()).toBe('interview-simulator-export.md');
  const text = await readFile((await markdown.path())!, 'utf8');
  expect(text).toContain('# Your Interview Simulator data');
  expect(text).toContain('\\<b\\>&\\</b\\>');
});

test('a move code takes the history to another browser, once', async ({ page, browser }) => {
  const title = uniqueTitle('Analyst');
  await readyInterview(page.request, title);
  await page.goto('/');
  await waitForHydration(page);
  await page.locator('#make-move-code').click();
  const code = (await page.locator('#move-code').textContent())!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
  await expect(page.locator('#move-url')).toHaveAttribute('href', `/move/${code}`);

  const other = await browser.newContext();
  const there = await other.newPage();
  // A mistyped code: said so, and what was typed stays in the box.
  await there.goto('/move');
  await there.locator('#move-code-input').fill('ABCD-EFGH-JKMN-PQRS');
  await there.locator('#move-here').click();
  await expect(there.locator('#move-error')).toContainText('That code does not work');
  await expect(there.locator('#move-code-input')).toHaveValue('ABCD-EFGH-JKMN-PQRS');

  // Typed in lower case: the same code.
  await there.locator('#move-code-input').fill(code.toLowerCase());
  await there.locator('#move-here').click();
  await expect(there).toHaveURL(/\/\?moved=1$/);
  await expect(there.locator('#moved-status')).toHaveText('History moved: this browser now holds 1 interview.');
  await expect(there.locator('.interview-card')).toContainText(title);

  // The first browser holds nothing now; the link works no more.
  await page.reload();
  await expect(page.locator('#empty-state')).toBeVisible();
  await there.goto(`/move/${code}`);
  await expect(there.locator('#move-code-input')).toHaveValue(code);
  await there.locator('#move-here').click();
  await expect(there.locator('#move-error')).toBeVisible();
  await other.close();
});
