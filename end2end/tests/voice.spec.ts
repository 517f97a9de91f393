import { test, expect, type Page } from '@playwright/test';
import { readyInterview } from './api';
import { uniqueTitle, waitForHydration } from './helpers';

// Headless Chromium has no speech service behind its recognition API, so these tests put a
// scripted recogniser in its place: the page's own code (Rust → web-sys) drives it exactly as
// it drives the browser's, and the test speaks through `window.say`. Speech synthesis is
// recorded instead of played.
const SCRIPTED_SPEECH = () => {
  class ScriptedRecognition {
    continuous = false;
    interimResults = false;
    lang = '';
    onresult: ((event: unknown) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onend: ((event: unknown) => void) | null = null;
    constructor() {
      (window as any).recognition = this;
    }
    start() {
      (window as any).recognitionStarts = ((window as any).recognitionStarts ?? 0) + 1;
    }
    stop() {
      this.onend?.(new Event('end'));
    }
    abort() {}
  }
  Object.defineProperty(window, 'SpeechRecognition', { value: undefined, configurable: true });
  Object.defineProperty(window, 'webkitSpeechRecognition', { value: ScriptedRecognition, configurable: true });
  // `atMs`: when the recogniser reports it (the event's time stamp); now when left out.
  (window as any).say = (text: string, isFinal: boolean, atMs?: number) => {
    const result = Object.assign([{ transcript: text, confidence: 0.9 }], { isFinal });
    const timeStamp = atMs ?? performance.now();
    (window as any).recognition.onresult?.({ resultIndex: 0, results: [result], timeStamp });
  };
  (window as any).fail = (error: string) => {
    const recognition = (window as any).recognition;
    recognition.onerror?.({ error });
    recognition.onend?.(new Event('end'));
  };
  (window as any).spoken = [];
  speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
    (window as any).spoken.push(utterance.text);
  };
};

async function room(page: Page) {
  const id = await readyInterview(page.request, uniqueTitle('Data Scientist'));
  await page.request.post(`/api/v1/interviews/${id}/start`);
  await page.goto(`/interviews/${id}`);
  await waitForHydration(page);
  await expect(page.locator('#answer')).toBeVisible();
  return id;
}

const say = (page: Page, text: string, isFinal: boolean, atMs?: number) =>
  page.evaluate(([text, isFinal, atMs]) => (window as any).say(text, isFinal, atMs), [text, isFinal, atMs] as const);

test('an answer by voice: phrases land in the answer box, stay editable and are sent', async ({ page }) => {
  await page.addInitScript(SCRIPTED_SPEECH);
  await room(page);
  const dictate = page.locator('#dictate');
  await expect(dictate).toHaveText('Answer by voice');
  await dictate.click();
  await expect(dictate).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#dictation-status')).toContainText('Listening');

  await say(page, 'I led the', false);
  await expect(page.locator('#dictation-interim')).toHaveText('I led the');
  await say(page, 'I led the forecasting rebuild at Larkspur', true);
  await expect(page.locator('#answer')).toHaveValue('I led the forecasting rebuild at Larkspur');
  // Edited by hand while listening; the next phrase follows the edit.
  await page.locator('#answer').press('End');
  await page.keyboard.type(' Grocers.');
  await say(page, 'We cut waste by 18 percent', true);
  await expect(page.locator('#answer')).toHaveValue('I led the forecasting rebuild at Larkspur Grocers. We cut waste by 18 percent');

  await dictate.click();
  await expect(dictate).toHaveAttribute('aria-pressed', 'false');
  await page.locator('#send-answer').click();
  await expect(page.locator('.answer-text').first()).toHaveText('I led the forecasting rebuild at Larkspur Grocers. We cut waste by 18 percent');
});

test('a spoken answer gets its pace, pauses and fillers in the report, beside the scores', async ({ page }) => {
  await page.addInitScript(SCRIPTED_SPEECH);
  const id = await room(page);
  await page.locator('#dictate').click();
  // Two phrases, timed as a recogniser reports them: 12 s of speaking with a 4.5 s silence.
  await say(page, 'um at Larkspur', false, 1_000);
  await say(page, 'um at Larkspur I led the demand forecasting rebuild with LightGBM', true, 5_000);
  await say(page, 'and you know', false, 9_500);
  await say(page, 'and you know we cut fresh food waste by 18 percent in six months', true, 13_000);
  await page.locator('#dictate').click();
  await page.locator('#send-answer').click();
  await expect(page.locator('#question-2')).toHaveText(/\?$/);

  expect((await page.request.post(`/api/v1/interviews/${id}/end`)).status()).toBe(200);
  await page.request.post(`/api/v1/interviews/${id}/feedback`);
  await page.goto(`/interviews/${id}/feedback`);
  const delivery = page.locator('#delivery');
  await expect(delivery).toContainText('How you sounded', { timeout: 15_000 });
  // 25 words over 12 s is 125 a minute; the silence between the phrases is 4.5 s.
  await expect(delivery).toContainText('From the 1 of your 1 answers you gave by voice');
  await expect(delivery).toContainText('Pace: 125 words a minute (comfortable), 25 spoken words in 12.0 s.');
  await expect(delivery).toContainText('1 long pause (4.5 s).');
  await expect(delivery).toContainText(/filler words?: “um”/);
  const first = page.locator('.question-feedback').first();
  await first.locator('summary').click();
  await expect(first.locator('.question-feedback__delivery')).toContainText('125 words a minute');
});

test('a refused microphone is explained and what was said is kept', async ({ page }) => {
  await page.addInitScript(SCRIPTED_SPEECH);
  await room(page);
  await page.locator('#dictate').click();
  await say(page, 'My first point is', true);
  await page.evaluate(() => (window as any).fail('not-allowed'));
  await expect(page.locator('#dictation-error')).toContainText('Microphone access was refused');
  await expect(page.locator('#dictate')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('#answer')).toHaveValue('My first point is');
  // Trying again starts a new recognition.
  await page.locator('#dictate').click();
  await expect(page.locator('#dictation-error')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).recognitionStarts)).toBe(2);
});

test('questions are read aloud when switched on, and the choice is remembered', async ({ page }) => {
  await page.addInitScript(SCRIPTED_SPEECH);
  await room(page);
  const toggle = page.locator('#read-aloud');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const first = (await page.locator('#question-1').textContent())!;
  expect(await page.evaluate(() => (window as any).spoken)).toEqual([]);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => page.evaluate(() => (window as any).spoken)).toEqual([first]);

  await page.locator('#answer').fill('At Larkspur I rebuilt demand forecasting and cut waste by 18 %.');
  await page.locator('#send-answer').click();
  const second = page.locator('#question-2');
  await expect(second).toHaveText(/\?$/);
  await expect.poll(() => page.evaluate(() => (window as any).spoken)).toEqual([first, await second.textContent()]);

  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#read-aloud')).toHaveAttribute('aria-pressed', 'true');
});

test('browsers without speech support show no voice controls', async ({ page }) => {
  await page.addInitScript(() => {
    for (const name of ['SpeechRecognition', 'webkitSpeechRecognition', 'speechSynthesis']) {
      Object.defineProperty(window, name, { value: undefined, configurable: true });
    }
  });
  await room(page);
  await expect(page.locator('#dictate')).toBeHidden();
  await expect(page.locator('#read-aloud')).toBeHidden();
  await expect(page.locator('#answer')).toBeEditable();
});
