// What the first-load benchmark and its A/B comparison share: starting a release server,
// the seeded interviews, the two kinds of cold page (`newTabVisitor`, `newProfileVisitor`)
// and one timed load.

import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

/** Starts the release server `serverBin` serving `siteRoot` on `port`; `stop()` ends it. */
export function startServer({ serverBin, siteRoot, port, env = {} }) {
  const baseURL = `http://127.0.0.1:${port}`;
  const server = spawn(serverBin, [], {
    env: { ...process.env, ...env, BIND_ADDR: `127.0.0.1:${port}`, SITE_ROOT: siteRoot, RUST_LOG: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  return { baseURL, stop, ready: () => waitForServer(baseURL) };
}

async function waitForServer(baseURL) {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`${baseURL}/readyz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not become ready in 30 s');
}

/** Headless Chromium with the flags every test here uses. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** One owner with a finished, scored interview and one in progress. */
export async function seed(api) {
  const create = async (title) => {
    const response = await api.post('/api/v1/interviews', { data: { job_title: title, company: 'Northwind Analytics', question_count: 3 } });
    const { id } = await response.json();
    for (const [kind, text] of [['cv', 'Priya Raghunathan\nData scientist. LightGBM forecasting, CUPED experiments, Snowflake, Python.'], ['job_description', 'Data Scientist at Northwind Analytics\nExperimentation, Python, SQL, forecasting.']]) {
      await api.put(`/api/v1/interviews/${id}/documents/${kind}`, { data: { text } });
    }
    return id;
  };
  const finished = await create('Data Scientist');
  let question = await (await api.post(`/api/v1/interviews/${finished}/start`)).json();
  for (;;) {
    const outcome = await (await api.post(`/api/v1/interviews/${finished}/answers`, {
      data: { question_id: question.id, text: 'At Larkspur I rebuilt demand forecasting with LightGBM and cut waste by 18 % in six months.', client_id: crypto.randomUUID() },
    })).json();
    if (outcome.completed) break;
    question = outcome.next_question;
  }
  await api.post(`/api/v1/interviews/${finished}/feedback`);
  for (let attempt = 0; attempt < 200 && (await api.get(`/api/v1/interviews/${finished}/feedback`)).status() !== 200; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const running = await create('Analytics Engineer');
  await api.post(`/api/v1/interviews/${running}/start`);
  return { finished, running };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
export const p90 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.9) - 1];
};

/**
 * How a load gets a cold page: `open()` gives a new tab with nothing of the site cached,
 * `close(page)` ends it.
 */
export async function newTabVisitor(browser, cookies, baseURL) {
  const context = await browser.newContext({ baseURL });
  await context.addCookies(cookies);
  // A tab kept open to clear the profile's HTTP cache before each load.
  const cdp = await context.newCDPSession(await context.newPage());
  return {
    open: async () => {
      await cdp.send('Network.clearBrowserCache');
      return context.newPage();
    },
    close: (page) => page.close(),
    dispose: () => context.close(),
  };
}

export function newProfileVisitor(browser, cookies, baseURL) {
  return {
    open: async () => {
      const context = await browser.newContext({ baseURL });
      await context.addCookies(cookies);
      return context.newPage();
    },
    close: (page) => page.context().close(),
    dispose: async () => {},
  };
}

/** One cold load of `url` in a page from `visitor`, timed by the page itself. */
export async function measureLoad(visitor, url) {
  const page = await visitor.open();
  await page.goto(url);
  // Waits, from inside the page, for the `hydrated` mark and the first contentful paint (on a
  // quick load the paint can be reported after the mark). Not `waitForSelector`: Playwright
  // would inject its selector engine (a large script) while the page is still hydrating, and
  // its parsing showed up in the trace as ~30 ms of the page's main thread.
  await page.evaluate(() => new Promise((resolve) => {
    const done = () => performance.getEntriesByName('hydrated').length > 0
      && performance.getEntriesByName('first-contentful-paint').length > 0;
    if (done()) return resolve();
    const observer = new PerformanceObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: 'mark', buffered: true });
    observer.observe({ type: 'paint', buffered: true });
  }));
  const sample = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const hydrated = performance.getEntriesByName('hydrated')[0];
    const resources = performance.getEntriesByType('resource');
    // The main bundle, then the chunks of the page's lazy route (`--split`).
    const wasmFiles = resources.filter((entry) => entry.name.endsWith('.wasm'));
    const jsFiles = resources.filter((entry) => /\/pkg\/.*\.js$/.test(entry.name));
    const wasm = wasmFiles.find((entry) => /\/pkg\/interview-simulator\.[^/]*\.wasm$/.test(entry.name));
    const navigation = performance.getEntriesByType('navigation')[0];
    return {
      ttfb: navigation.responseStart,
      htmlDone: navigation.responseEnd,
      // Module scripts (the hydration script) run here, after the document is parsed.
      domContentLoaded: navigation.domContentLoadedEventStart,
      wasmStart: wasm?.startTime ?? null,
      wasmEnd: wasm?.responseEnd ?? null,
      fcp: paint?.startTime ?? null,
      hydration: hydrated?.startTime ?? null,
      // From the moment the main WASM had arrived to the hydrated mark: compiling it,
      // fetching the route's chunks, running it.
      hydrationAfterWasm: hydrated && wasm ? hydrated.startTime - wasm.responseEnd : null,
      wasmFiles: wasmFiles.map((entry) => new URL(entry.name).pathname),
      wasmTransfer: wasmFiles.reduce((sum, entry) => sum + entry.transferSize, 0),
      wasmFromCache: wasmFiles.filter((entry) => entry.transferSize === 0).map((entry) => entry.name),
      jsTransfer: jsFiles.reduce((sum, entry) => sum + entry.transferSize, 0),
    };
  });
  await visitor.close(page);
  if (sample.wasmFromCache.length > 0) throw new Error(`not a cold load of ${url}: ${sample.wasmFromCache.join(', ')} came from the cache`);
  return sample;
}

