// Two builds side by side: `BUILDS="before=<site>[:<server binary>],after=<site>[:<binary>]"
// node bench/ab-first-load.mjs` starts a release server per build (RATE_LIMITS=off, ports
// from 3310), seeds each, and loads the history, the room and the feedback page from each
// build in turn, cold (a new tab with caches cleared), the order alternating run by run, so a
// busy moment of the machine hits both builds alike. Prints each build's median hydration and
// first contentful paint. For changes too small to see across two `make bench` runs, whose
// medians move by ±20–50 ms on the 2-core build machine.
//
// A build is a copy of target/site (and of target/release/server with its hash.txt beside
// it, when the server changed): copy them away before rebuilding.

import path from 'node:path';
import { launchBrowser, measureLoad, median, newTabVisitor, seed, startServer } from './cold-load.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const runs = Number(process.env.RUNS ?? 15);
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must name the database to run against');
if (!process.env.BUILDS) throw new Error('BUILDS must name two or more builds: name=site[:server],…');

const builds = process.env.BUILDS.split(',').map((spec, index) => {
  const [name, paths] = spec.split('=');
  const [siteRoot, serverBin = path.join(root, 'target/release/server')] = paths.split(':');
  return { name, server: startServer({ serverBin, siteRoot, port: 3310 + index, env: { RATE_LIMITS: 'off' } }) };
});
const browser = await launchBrowser();
for (const build of builds) {
  await build.server.ready();
  const baseURL = build.server.baseURL;
  const owner = await browser.newContext({ baseURL });
  const ids = await seed(owner.request);
  const { cookies } = await owner.storageState();
  await owner.close();
  build.pages = { history: '/', room: `/interviews/${ids.running}`, feedback: `/interviews/${ids.finished}/feedback` };
  build.visitor = await newTabVisitor(browser, cookies, baseURL);
  build.samples = Object.fromEntries(Object.keys(build.pages).map((page) => [page, []]));
}
for (let run = 0; run < runs; run++) {
  const order = run % 2 === 0 ? builds : [...builds].reverse();
  for (const page of Object.keys(builds[0].pages)) {
    for (const build of order) build.samples[page].push(await measureLoad(build.visitor, build.pages[page]));
  }
}
console.log(`Median of ${runs} cold loads per page and build (hydrated / first contentful paint):`);
for (const page of Object.keys(builds[0].pages)) {
  const cells = builds.map((build) => {
    const samples = build.samples[page];
    return `${build.name} ${median(samples.map((s) => s.hydration)).toFixed(0)} / ${median(samples.map((s) => s.fcp)).toFixed(0)} ms`;
  });
  console.log(`  ${page.padEnd(9)} ${cells.join('  |  ')}`);
}
for (const build of builds) await build.visitor.dispose();
await browser.close();
builds.forEach((build) => build.server.stop());
