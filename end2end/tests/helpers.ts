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
