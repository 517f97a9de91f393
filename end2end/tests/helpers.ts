import { expect, type Page } from '@playwright/test';

/** Waits until the WASM bundle has hydrated the page (the app sets `data-hydrated`). */
export async function waitForHydration(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** A job title no other test uses, so parallel tests never see each other's rows. */
export function uniqueTitle(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const INTERVIEW_URL = /\/interviews\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Sets up an interview the way a user does: the form, then both documents pasted, until it
 * is ready to start. `questions` leaves the form's default when omitted.
 */
export async function setUpThroughThePages(page: Page, cv: string, job: string, questions?: number) {
  await page.goto('/interviews/new');
  await waitForHydration(page);
  await page.getByLabel('Job title').fill(uniqueTitle('Data Scientist'));
  await page.getByLabel('Company').fill('Northwind Analytics');
  if (questions !== undefined) await page.getByLabel('Questions').fill(String(questions));
  await page.getByRole('button', { name: 'Create interview' }).click();
  await expect(page).toHaveURL(INTERVIEW_URL);
  await page.locator('#cv-paste').fill(cv);
  await page.locator('#cv-paste-save').click();
  await expect(page.locator('#cv-text')).toHaveValue(cv);
  await page.locator('#job_description-paste').fill(job);
  await page.locator('#job_description-paste-save').click();
  await expect(page.locator('#readiness')).toContainText('ready to start');
}
