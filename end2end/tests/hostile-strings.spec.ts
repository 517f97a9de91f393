import { test, expect, type Page, type APIRequestContext, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CV, JOB, finishInterview } from './api';
import { waitForHydration } from './helpers';

// Hostile strings (testdata/hostile/payloads.json) in every field, read in Chromium after
// hydration: each shows as the text it was, the page gains no element a payload tried to make
// (they all carry `data-pwn`), the document title is exact, and a shared report stays on our
// origin. Run twice: against the offline coach (whose questions and report quote the documents
// and answers) and against a server whose LLM provider (fake-llm.mjs) writes hostile questions
// and reports. server/tests/hostile_strings.rs checks the server-rendered HTML of the same.

type Payload = { name: string; text: string };
const { payloads } = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'testdata', 'hostile', 'payloads.json'), 'utf8'),
) as { payloads: Payload[] };
const payload = (name: string) => payloads.find((p) => p.name === name)!.text;
/** Those a job title or company takes: one line of at most 200 characters. */
const names = payloads.filter((p) => [...p.text].length <= 200 && !/[\u0000-\u001f]/.test(p.text));
/** What documents keep of a payload: control characters and the byte-order mark go. */
const asStored = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff]/g, '');
const SITE = 'Interview Simulator';

const servers = [
  { name: 'offline coach', baseURL: undefined as string | undefined, llm: false },
  { name: 'LLM writing hostile text', baseURL: `http://127.0.0.1:${process.env.E2E_HOSTILE_LLM_PORT ?? '3102'}`, llm: true },
];

/** Nothing a payload tried to add is in the live document. */
async function expectNothingInjected(page: Page) {
  const found = await page.evaluate(() => ({
    marked: document.querySelectorAll('[data-pwn]').length,
    images: document.querySelectorAll('img, iframe, object, embed, base').length,
    refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
    handlers: [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${element.tagName} ${a.name}`),
    ),
    links: [...document.querySelectorAll('a[href]')]
      .map((a) => a.getAttribute('href')!.trim().toLowerCase())
      .filter((href) => href.startsWith('javascript:') || href.startsWith('data:')),
    foreignScripts: [...document.querySelectorAll('script')].filter(
      (script) => !(script as HTMLScriptElement).nonce && !script.getAttribute('src')?.startsWith('/pkg/'),
    ).length,
    bodyShown: getComputedStyle(document.body).display !== 'none',
  }));
  expect(found).toEqual({ marked: 0, images: 0, refresh: 0, handlers: [], links: [], foreignScripts: 0, bodyShown: true });
}

async function open(page: Page, url: string, title: string) {
  await page.goto(url);
  await waitForHydration(page);
  await expect(page).toHaveTitle(title);
  await expectNothingInjected(page);
}

/** Creates an interview through the API with both documents holding every payload. */
async function hostileInterview(request: APIRequestContext, jobTitle: string, company: string) {
  const created = await request.post('/api/v1/interviews', {
    data: { job_title: jobTitle, company, question_count: 3 },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const everyPayload = payloads.map((p) => p.text).join('\n');
  for (const [kind, text] of [['cv', `${CV}\n${everyPayload}`], ['job_description', `${JOB}\n${everyPayload}`]]) {
    const saved = await request.put(`/api/v1/interviews/${id}/documents/${kind}`, { data: { text } });
    expect(saved.status()).toBe(200);
  }
  return id as string;
}

/** Opens a share link as a stranger would and checks it stays where it is. */
async function expectShareStays(browser: Browser, url: string, title: string, jobTitle: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const response = await page.goto(url);
  expect(response!.headers()['referrer-policy']).toBe('no-referrer');
  await waitForHydration(page);
  // A meta refresh of 0 s, or a script, would have moved the page by now.
  await page.waitForTimeout(1_500);
  expect(navigations).toEqual([url]);
  expect(page.url()).toBe(url);
  await expect(page).toHaveTitle(title);
  await expect(page.locator('h1.interview-title')).toHaveText(jobTitle);
  await expectNothingInjected(page);
  for (const selector of ['meta[property="og:title"]', 'meta[name="twitter:title"]']) {
    await expect(page.locator(selector)).toHaveCount(1);
    await expect(page.locator(selector)).toHaveAttribute('content', title.replace(` · ${SITE}`, ''));
  }
  await context.close();
}

for (const server of servers) {
  test.describe(`hostile strings, ${server.name}`, () => {
    if (server.baseURL) test.use({ baseURL: server.baseURL });

    test('every page shows them as text and a shared report stays on our site', async ({ page, browser, baseURL }) => {
      test.setTimeout(90_000);
      const jobTitle = payload('title-close-refresh');
      const company = payload('quotes');
      const job = `${jobTitle} at ${company}`;
      const id = await hostileInterview(page.request, jobTitle, company);

      // Set-up: the documents' text boxes hold the payloads as typed.
      await open(page, `/interviews/${id}`, `${job} · ${SITE}`);
      await expect(page.locator('h1.interview-title')).toHaveText(jobTitle);
      await expect(page.locator('.interview-company')).toHaveText(company);
      for (const box of ['#cv-text', '#job_description-text']) {
        const value = await page.locator(box).inputValue();
        for (const p of payloads) expect(value).toContain(asStored(p.text));
      }

      const answers = [payload('textarea-close'), payload('script-close'), payload('markdown-links')];
      await finishInterview(page.request, id, answers);

      // The room: questions and answers as text.
      await open(page, `/interviews/${id}`, `${job} · ${SITE}`);
      await expect(page.locator('.answer-text')).toHaveText(answers);
      if (server.llm) {
        // The model's questions carry the payload of this interview (its job title).
        await expect(page.locator('.question-text').first()).toContainText(`How would you handle ${jobTitle} in week`);
      }

      // The report, and its Markdown export.
      await open(page, `/interviews/${id}/feedback`, `Feedback: ${job} · ${SITE}`);
      await expect(page.locator('#report')).toBeVisible();
      if (server.llm) {
        await expect(page.locator('#report-summary')).toContainText(jobTitle);
        await expect(page.locator('#strengths')).toContainText(jobTitle);
      } else {
        await expect(page.locator('#question-breakdown')).toContainText(answers[0]);
      }
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-markdown').click()]);
      const markdown = await readFile((await download.path())!, 'utf8');
      expect(markdown.toLowerCase()).not.toMatch(/\]\((javascript|data):/);
      // Every "<" of user or model text is escaped as \<, so none starts a tag.
      expect(markdown).not.toMatch(/(^|[^\\])<[a-z\/!?]/im);

      // Shared: a stranger's browser stays on our origin.
      await page.locator('#create-share').click();
      const url = await page.locator('#share-url').inputValue();
      expect(new URL(url).origin).toBe(new URL(baseURL!).origin);
      await expectShareStays(browser, url, `Interview feedback: ${job} · ${SITE}`, jobTitle);

      // History: every name as text.
      await open(page, '/', `Your interviews · ${SITE}`);
      await expect(page.locator('.interview-card', { hasText: jobTitle }).first()).toBeVisible();
    });

    test('every payload a name takes is a title and a heading, never markup', async ({ page }) => {
      test.setTimeout(60_000);
      for (const { text } of names) {
        const id = await hostileInterview(page.request, text, `${text} Ltd`);
        await open(page, `/interviews/${id}`, `${text} at ${text} Ltd · ${SITE}`);
        await expect(page.locator('h1.interview-title')).toHaveText(text);
      }
      await open(page, '/', `Your interviews · ${SITE}`);
      // An address made of a payload is the 404 page, nothing more.
      await open(page, `/interviews/${encodeURIComponent(payload('img-onerror'))}`, `Not found · ${SITE}`);
      await open(page, `/share/${encodeURIComponent(payload('title-close-refresh'))}`, `Not found · ${SITE}`);
    });
  });
}

test.describe('hostile strings without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the set-up form shows typed values back as text after a refused post', async ({ page }) => {
    await page.goto('/interviews/new');
    const company = payload('textarea-close');
    await page.getByLabel('Job title').fill('    ');
    await page.getByLabel('Company').fill(company);
    await page.getByRole('button', { name: 'Create interview' }).click();
    await expect(page.locator('#job_title-error')).toHaveText('Job title is required.');
    await expect(page.getByLabel('Company')).toHaveValue(company);
    await expect(page).toHaveTitle(`New interview · ${SITE}`);
    await expect(page.locator('[data-pwn], img')).toHaveCount(0);
  });
});
