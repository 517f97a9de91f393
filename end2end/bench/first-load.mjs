// First-load benchmark (`make bench-first-load`, part of `make bench`): starts the release
// server, loads the history, the interview room and the feedback page in headless Chromium
// with a cold cache, and reports from the browser's Performance API the time to first
// contentful paint and to hydration (the app's `hydrated` mark), plus what the WASM and JS
// cost on the wire. Checks the budgets: WASM at most 350 KB gzip; hydration under 300 ms.
// Writes target/first-load-report.json.
//
// Two kinds of cold load, interleaved load by load:
// - `new_tab` (the budget's): a first visit from a browser that is already running. One
//   browser profile, and for each load a new tab after its HTTP cache was cleared; every load
//   checks that each WASM file came over the wire. The page always gets a new renderer
//   process (its opener policy moves it out of the blank tab's).
// - `new_profile` (reported): each load in a brand-new browser profile (a Playwright context),
//   as this benchmark first measured. Every page, the script-less floor included, is 100–150 ms
//   slower this way on the 2-core build machine: each new profile opens a window, and Chromium
//   loads its address bar's WebUI dropdown for it meanwhile (docs/performance.md).

import { createServer } from 'node:http';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { launchBrowser, measureLoad, median, newProfileVisitor, newTabVisitor, p90, seed, startServer } from './cold-load.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const port = process.env.BENCH_PORT ?? '3300';
const baseURL = `http://127.0.0.1:${port}`;
const runs = Number(process.env.FIRST_LOAD_RUNS ?? 15);
const WASM_GZIP_BUDGET = 350 * 1000;
const HYDRATION_BUDGET_MS = 300;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must name the database to run against');
const serverBin = process.env.SERVER_BIN ?? path.join(root, 'target/release/server');
const siteRoot = process.env.SITE_ROOT ?? path.join(root, 'target/site');

const server = startServer({ serverBin, siteRoot, port });
const stopServer = server.stop;

/**
 * The floor under these figures on this machine: the history page exactly as the server
 * sends it (same headers, so the same process swap for its opener policy) but without its
 * scripts and preloads, served by a plain Node server. What it takes to parse and paint the
 * page with no WASM at all; reported, not a budget. Returns the floor page's URL.
 */
async function startFloorServer(cookies) {
  const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
  const response = await fetch(`${baseURL}/`, { headers: { cookie } });
  const html = (await response.text())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="(?:module)?preload"[^>]*>/g, '');
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !['content-length', 'content-encoding', 'set-cookie', 'transfer-encoding', 'link'].includes(name)));
  const floorServer = createServer((_request, reply) => {
    reply.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(html) });
    reply.end(html);
  });
  await new Promise((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${floorServer.address().port}/`, close: () => floorServer.close() };
}

/** One load of the floor page: DOMContentLoaded and first contentful paint. */
async function measureFloor(visitor, url) {
  const page = await visitor.open();
  await page.goto(url);
  const sample = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((entries, observer) => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      if (!paint) return;
      observer.disconnect();
      resolve({ domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart, fcp: paint.startTime });
    }).observe({ type: 'paint', buffered: true });
  }));
  await visitor.close(page);
  return sample;
}

/** The bundle as built: raw, and as the gzip and brotli files the server sends. */
function bundleSizes(mainWasm) {
  const pkg = path.join(siteRoot, 'pkg');
  const sizes = {};
  for (const name of readdirSync(pkg)) {
    const match = name.match(/\.(wasm|js|css)$/);
    if (!match) continue;
    // Only the main bundle; the lazy routes' chunks are counted per page.
    if (match[1] === 'wasm' && `/pkg/${name}` !== mainWasm) continue;
    if (match[1] === 'js' && !name.startsWith('interview-simulator.')) continue;
    const bytes = readFileSync(path.join(pkg, name));
    const onDisk = (suffix) => {
      try { return statSync(path.join(pkg, name + suffix)).size; } catch { return null; }
    };
    sizes[match[1]] = {
      file: name,
      raw: bytes.length,
      gzip: onDisk('.gz') ?? gzipSync(bytes, { level: 9 }).length,
      brotli: onDisk('.br') ?? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      precompressed: onDisk('.gz') !== null && onDisk('.br') !== null,
    };
  }
  return sizes;
}

async function main() {
  await server.ready();
  const browser = await launchBrowser();
  // The owner cookie is shared by the API set-up and the measured page loads.
  const owner = await browser.newContext({ baseURL });
  const ids = await seed(owner.request);
  const { cookies } = await owner.storageState();
  await owner.close();

  const pages = { history: '/', room: `/interviews/${ids.running}`, feedback: `/interviews/${ids.finished}/feedback` };
  const floorServer = await startFloorServer(cookies);
  const visitors = { new_tab: await newTabVisitor(browser, cookies, baseURL), new_profile: newProfileVisitor(browser, cookies, baseURL) };
  // Runs interleave the pages (history, room, feedback, floor, history, …) and the two kinds of
  // visitor, so that a busier moment of the machine weighs on every figure alike rather than
  // on whichever page it fell on.
  const targets = { ...pages, floor: floorServer.url };
  const samples = Object.fromEntries(Object.keys(visitors).map((kind) => [kind, Object.fromEntries(Object.keys(targets).map((name) => [name, []]))]));
  for (let run = 0; run < runs; run++) {
    for (const [name, url] of Object.entries(targets)) {
      for (const [kind, visitor] of Object.entries(visitors)) {
        samples[kind][name].push(await (name === 'floor' ? measureFloor(visitor, url) : measureLoad(visitor, url)));
      }
    }
  }
  for (const visitor of Object.values(visitors)) await visitor.dispose();
  floorServer.close();

  const summarize = (list) => (key) => ({ median: median(list.map((s) => s[key])), p90: p90(list.map((s) => s[key])) });
  const results = {};
  for (const [name, url] of Object.entries(pages)) {
    const loads = samples.new_tab[name];
    const summary = summarize(loads);
    results[name] = {
      url: url.replace(/[0-9a-f-]{36}/, ':id'),
      runs,
      ttfb_ms: summary('ttfb'),
      html_done_ms: summary('htmlDone'),
      dom_content_loaded_ms: summary('domContentLoaded'),
      wasm_fetch_ms: { start: summary('wasmStart'), end: summary('wasmEnd') },
      fcp_ms: summary('fcp'),
      hydration_ms: summary('hydration'),
      hydration_after_wasm_ms: summary('hydrationAfterWasm'),
      wasm_files: loads[0].wasmFiles,
      // What a browser with brotli fetched (Chromium asks for br), all WASM files summed.
      wasm_transfer_bytes: loads[0].wasmTransfer,
      js_transfer_bytes: loads[0].jsTransfer,
      // The same files as gzip -9 (what a browser without brotli fetches).
      wasm_gzip_bytes: loads[0].wasmFiles.reduce((sum, file) => sum + statSync(path.join(siteRoot, file + '.gz')).size, 0),
    };
  }
  const floorOf = (kind) => ({ runs, dom_content_loaded_ms: summarize(samples[kind].floor)('domContentLoaded'), fcp_ms: summarize(samples[kind].floor)('fcp') });
  const floor = floorOf('new_tab');
  // The same pages, each load in a brand-new browser profile: reported, not a budget.
  const newProfile = {
    pages: Object.fromEntries(Object.keys(pages).map((name) => [name, { fcp_ms: summarize(samples.new_profile[name])('fcp'), hydration_ms: summarize(samples.new_profile[name])('hydration') }])),
    floor_without_scripts: floorOf('new_profile'),
  };

  // The wire format and cache headers of the bundle, as a browser asks for it.
  const html = await (await fetch(`${baseURL}/`)).text();
  const wasmPath = html.match(/\/pkg\/[^"']+\.wasm/)?.[0];
  const headers = {};
  for (const encoding of ['br', 'gzip']) {
    const response = await fetch(`${baseURL}${wasmPath}`, { headers: { 'accept-encoding': encoding } });
    headers[encoding] = { contentEncoding: response.headers.get('content-encoding'), cacheControl: response.headers.get('cache-control') };
  }
  await browser.close();

  const bundle = bundleSizes(wasmPath);
  const hydrationWorst = Math.max(...Object.values(results).map((r) => r.hydration_ms.median));
  const budgets = {
    wasm_gzip_bytes: { limit: WASM_GZIP_BUDGET, actual: bundle.wasm.gzip, ok: bundle.wasm.gzip <= WASM_GZIP_BUDGET },
    hydration_median_ms: { limit: HYDRATION_BUDGET_MS, actual: hydrationWorst, ok: hydrationWorst < HYDRATION_BUDGET_MS },
    // Reported, not enforced: the main bundle is the budget's subject; a route's chunks load with it.
    page_wasm_gzip_bytes: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.wasm_gzip_bytes])),
  };
  const report = { measured_at: new Date().toISOString(), runs_per_page: runs, visitor: 'new_tab', pages: results, floor_without_scripts: floor, new_profile: newProfile, bundle, wasm_path: wasmPath, wasm_headers: headers, budgets };
  writeFileSync(path.join(root, 'target/first-load-report.json'), JSON.stringify(report, null, 2));

  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  console.log(`First load, ${runs} cold loads per page, each in a new tab of a running browser with its caches cleared (median / p90):`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(9)} TTFB ${r.ttfb_ms.median.toFixed(0)} ms · HTML done ${r.html_done_ms.median.toFixed(0)} ms · DOMContentLoaded ${r.dom_content_loaded_ms.median.toFixed(0)} ms · main WASM fetched ${r.wasm_fetch_ms.start.median.toFixed(0)}–${r.wasm_fetch_ms.end.median.toFixed(0)} ms`);
    console.log(`  ${' '.repeat(9)} FCP ${r.fcp_ms.median.toFixed(0)} / ${r.fcp_ms.p90.toFixed(0)} ms · hydrated ${r.hydration_ms.median.toFixed(0)} / ${r.hydration_ms.p90.toFixed(0)} ms (${r.hydration_after_wasm_ms.median.toFixed(0)} ms after the main WASM arrived) · WASM ${r.wasm_files.length} file(s): ${kb(r.wasm_transfer_bytes)} brotli on the wire, ${kb(r.wasm_gzip_bytes)} gzip · JS ${kb(r.js_transfer_bytes)}`);
  }
  console.log(`  floor     the history page without its scripts (same headers): DOMContentLoaded ${floor.dom_content_loaded_ms.median.toFixed(0)} ms · FCP ${floor.fcp_ms.median.toFixed(0)} ms`);
  const profileFloor = newProfile.floor_without_scripts;
  console.log(`  in a brand-new browser profile each (reported, not a budget): ${Object.entries(newProfile.pages).map(([name, r]) => `${name} hydrated ${r.hydration_ms.median.toFixed(0)} ms`).join(' · ')} · floor FCP ${profileFloor.fcp_ms.median.toFixed(0)} ms`);
  for (const [kind, size] of Object.entries(bundle)) {
    console.log(`  ${kind.padEnd(4)} ${size.file}: ${kb(size.raw)} raw, ${kb(size.gzip)} gzip, ${kb(size.brotli)} brotli${size.precompressed ? ' (pre-compressed)' : ''}`);
  }
  console.log(`  ${wasmPath}: br → ${headers.br.contentEncoding}, gzip → ${headers.gzip.contentEncoding}; Cache-Control: ${headers.br.cacheControl}`);
  const enforced = [budgets.wasm_gzip_bytes, budgets.hydration_median_ms];
  console.log(`  budget: main WASM ${budgets.wasm_gzip_bytes.actual} B gzip (limit ${WASM_GZIP_BUDGET}) ${budgets.wasm_gzip_bytes.ok ? 'OK' : 'OVER'}`);
  console.log(`  budget: slowest page's median hydration ${hydrationWorst.toFixed(0)} ms (limit ${HYDRATION_BUDGET_MS}) ${budgets.hydration_median_ms.ok ? 'OK' : 'OVER'}`);
  stopServer();
  if (!enforced.every((budget) => budget.ok)) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  stopServer();
  process.exit(1);
});
