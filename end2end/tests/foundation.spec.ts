import { test, expect } from '@playwright/test';
import { INTERVIEW_URL, uniqueTitle, waitForHydration } from './helpers';

test.describe('hydrated app', () => {
  test('create an interview through the form and find it listed after a reload', async ({ page }) => {
    await page.goto('/');
    await waitForHydration(page);

    // Client-side navigation keeps the same document: a marker on window survives.
    await page.evaluate(() => ((window as any).__sameDocument = true));
    await page.getByRole('link', { name: 'New interview' }).click();
    await expect(page).toHaveURL(/\/interviews\/new$/);
    await expect(page.getByRole('heading', { name: 'Set up a practice interview' })).toBeVisible();
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

    const title = uniqueTitle('Platform Engineer');
    const jobTitle = page.getByLabel('Job title');
    await jobTitle.fill(title);
    // The live character counter needs the WASM bundle.
    await expect(page.locator('#job_title-count')).toHaveText(`${title.length} / 200`);
    await page.getByLabel('Company').fill('Zürich Rail AG');
    await page.getByLabel('Interview kind').selectOption('technical');
    await page.getByRole('button', { name: 'Create interview' }).click();

    await expect(page).toHaveURL(INTERVIEW_URL);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('Zürich Rail AG')).toBeVisible();
    await expect(page.getByText('Technical')).toBeVisible();

    await page.goto('/');
    await page.reload();
    const card = page.locator('.interview-card', { hasText: title });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Zürich Rail AG');
  });

  test('invalid input shows inline errors and keeps what was typed', async ({ page }) => {
    await page.goto('/interviews/new');
    await waitForHydration(page);
    await page.getByLabel('Job title').fill('   ');
    await page.getByLabel('Company').fill('Acme Analytics');
    await page.getByRole('button', { name: 'Create interview' }).click();

    await expect(page.locator('#job_title-error')).toHaveText('Job title is required.');
    await expect(page.getByLabel('Job title')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Company')).toHaveValue('Acme Analytics');
    await expect(page).toHaveURL(/\/interviews\/new$/);
  });

  test('newest interviews come first', async ({ page }) => {
    const older = uniqueTitle('Older');
    const newer = uniqueTitle('Newer');
    for (const title of [older, newer]) {
      await page.goto('/interviews/new');
      await waitForHydration(page);
      await page.getByLabel('Job title').fill(title);
      await page.getByLabel('Company').fill('Order Test Ltd');
      await page.getByRole('button', { name: 'Create interview' }).click();
      await expect(page).toHaveURL(INTERVIEW_URL);
    }
    await page.goto('/');
    const titles = await page.locator('.interview-card__title').allTextContents();
    expect(titles.indexOf(newer)).toBeLessThan(titles.indexOf(older));
    expect(titles.indexOf(newer)).toBe(0);
  });
});

test('another browser gets the 404 page for an interview it does not own', async ({ browser }) => {
  const owner = await browser.newContext();
  const page = await owner.newPage();
  await page.goto('/interviews/new');
  await waitForHydration(page);
  const title = uniqueTitle('Private');
  await page.getByLabel('Job title').fill(title);
  await page.getByLabel('Company').fill('Secret Corp');
  await page.getByRole('button', { name: 'Create interview' }).click();
  await expect(page).toHaveURL(INTERVIEW_URL);
  const url = page.url();

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const response = await strangerPage.goto(url);
  expect(response?.status()).toBe(404);
  await expect(strangerPage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(strangerPage.getByText(title)).toHaveCount(0);
  await owner.close();
  await stranger.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the server-rendered form creates an interview', async ({ page }) => {
    await page.goto('/interviews/new');
    const title = uniqueTitle('No-JS Analyst');
    await page.getByLabel('Job title').fill(title);
    await page.getByLabel('Company').fill('Plain Forms plc');
    await page.getByRole('button', { name: 'Create interview' }).click();
    await expect(page).toHaveURL(INTERVIEW_URL);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

    await page.goto('/');
    await expect(page.locator('.interview-card', { hasText: title })).toBeVisible();
  });

  test('server-side errors are shown inline with the typed values kept', async ({ page }) => {
    await page.goto('/interviews/new');
    await page.getByLabel('Job title').fill('    ');
    await page.getByLabel('Company').fill('Kept Company GmbH');
    await page.getByRole('button', { name: 'Create interview' }).click();
    await expect(page.locator('#job_title-error')).toHaveText('Job title is required.');
    await expect(page.getByLabel('Company')).toHaveValue('Kept Company GmbH');
  });
});
