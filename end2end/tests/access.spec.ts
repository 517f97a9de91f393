import { test, expect, type Page, type Locator } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CV, JOB, STRONG_ANSWER, readyInterview, scoredInterview } from './api';
import { uniqueTitle, waitForHydration, INTERVIEW_URL } from './helpers';

/** Presses Tab until `target` has the focus; fails if it is not reachable by keyboard. */
async function tabTo(page: Page, target: Locator, maxPresses = 60) {
  for (let press = 0; press < maxPresses; press++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('a whole interview by keyboard alone, from the home page to the feedback', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await tabTo(page, page.getByRole('link', { name: 'New interview' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/interviews\/new$/);
  await waitForHydration(page);

  await tabTo(page, page.getByLabel('Job title'));
  await page.keyboard.type(uniqueTitle('Data Scientist'));
  await tabTo(page, page.getByLabel('Company'));
  await page.keyboard.type('Northwind Analytics');
  await tabTo(page, page.getByLabel('Questions'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await tabTo(page, page.getByRole('button', { name: 'Create interview' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(INTERVIEW_URL);
  await waitForHydration(page);

  for (const [slug, text] of [['cv', CV], ['job_description', JOB]]) {
    await tabTo(page, page.locator(`#${slug}-paste`));
    await page.keyboard.insertText(text);
    await tabTo(page, page.locator(`#${slug}-paste-save`));
    await page.keyboard.press('Enter');
    await expect(page.locator(`#${slug}-text`)).toHaveValue(text);
  }
  await tabTo(page, page.locator('#start-interview'));
  await page.keyboard.press('Enter');

  for (let position = 1; position <= 3; position++) {
    await expect(page.locator('#progress-label')).toHaveText(`Question ${position} of 3`);
    if (position > 1) {
      // The new question takes the focus, so a screen reader reads it at once.
      await expect(page.locator(`#question-${position}`)).toBeFocused();
    }
    await tabTo(page, page.locator('#answer'));
    await page.keyboard.insertText(`${STRONG_ANSWER} (answer ${position})`);
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('.answer-text').nth(position - 1)).toContainText(`(answer ${position})`);
  }
  await tabTo(page, page.locator('#see-feedback'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/feedback$/);
  await expect(page.locator('#score-gauge svg[role="img"]')).toBeVisible({ timeout: 20_000 });
});

test('focus is visible on every kind of control', async ({ page }) => {
  await page.goto('/interviews/new');
  await waitForHydration(page);
  for (const control of [page.getByRole('link', { name: 'New interview' }), page.getByLabel('Job title'), page.getByRole('button', { name: 'Create interview' })]) {
    await tabTo(page, control);
    const outline = await control.evaluate((element) => {
      const style = getComputedStyle(element);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }
});

/** Every page of the product in the state a user meets it, for the same owner. */
async function everyPage(page: Page) {
  const scored = await scoredInterview(page.request, uniqueTitle('Data Scientist'));
  const setup = await readyInterview(page.request, uniqueTitle('Analyst'));
  const running = await readyInterview(page.request, uniqueTitle('Engineer'));
  await page.request.post(`/api/v1/interviews/${running}/start`);
  const share = await (await page.request.post(`/api/v1/interviews/${scored.id}/shares`)).json();
  return [
    ['history', '/'],
    ['new interview', '/interviews/new'],
    ['set-up', `/interviews/${setup}`],
    ['preparation brief', `/interviews/${setup}/brief`],
    ['room', `/interviews/${running}`],
    ['finished interview', `/interviews/${scored.id}`],
    ['feedback', `/interviews/${scored.id}/feedback`],
    ['shared report', `/share/${share.token}`],
    ['move a history here', '/move/ABCD-EFGH-JKMN-PQRS?failed=1'],
    ['answer bank', '/answer-bank'],
    ['not found', '/interviews/00000000-0000-4000-8000-000000000000'],
  ] as const;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe-core finds no serious or critical violations and the CSP blocks nothing on any page (${colorScheme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    // Anything the Content-Security-Policy blocks (a script, a style, the WASM) is recorded.
    await page.addInitScript(() => {
      (window as any).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as any).cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
      });
    });
    const cspViolations = () => page.evaluate(() => (window as any).cspViolations);
    await page.goto('/');
    await waitForHydration(page);
    // The empty history first, before anything exists.
    expect(await seriousViolations(page), 'empty history').toEqual([]);
    for (const [name, path] of await everyPage(page)) {
      await page.goto(path);
      await waitForHydration(page);
      if (name === 'room') await expect(page.locator('#answer')).toBeVisible();
      if (name === 'feedback') await expect(page.locator('#score-gauge')).toBeVisible({ timeout: 20_000 });
      expect(await seriousViolations(page), name).toEqual([]);
      expect(await cspViolations(), name).toEqual([]);
    }
  });
}
