import { defineConfig } from '@playwright/test';
import path from 'node:path';

// The release server, started by Playwright against the database `make e2e` prepared.
const port = process.env.E2E_PORT ?? '3100';
/** The server with a small rate limit (rate-limits.spec.ts). */
export const limitedPort = process.env.E2E_LIMITED_PORT ?? '3101';
/** The server whose LLM provider writes hostile strings (hostile-strings.spec.ts) or is slow (handover.spec.ts). */
export const hostileLlmPort = process.env.E2E_HOSTILE_LLM_PORT ?? '3102';
const fakeLlmPort = process.env.E2E_FAKE_LLM_PORT ?? '3103';
const root = path.resolve(__dirname, '..');
const databaseUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
if (!databaseUrl) {
  throw new Error('Set E2E_DATABASE_URL or DATABASE_URL (run the tests with `make e2e`).');
}

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  // Three release servers on the same database. The first serves every test but two; all
  // tests come from one address, so only its per-address limits are lifted (per-owner limits
  // stay on). The second has a tiny per-owner budget for rate-limits.spec.ts. The third asks a
  // local fake LLM provider (fake-llm.mjs) whose questions and reports are hostile strings,
  // for hostile-strings.spec.ts, and that is slower than this server's short first-token
  // deadline when the job title asks it to be, for handover.spec.ts. Their stderr goes to target/e2e-server*.log, so a failure can
  // be traced to the server's own account.
  webServer: [
    server(port, { RATE_LIMIT_LLM_PER_IP: '0', RATE_LIMIT_DOCUMENTS_PER_IP: '0', RATE_LIMIT_FEEDBACK_PER_IP: '0' }, 'e2e-server.log'),
    server(limitedPort, { RATE_LIMIT_LLM_PER_OWNER: '3', RATE_LIMIT_LLM_PER_IP: '0' }, 'e2e-server-limited.log'),
    {
      command: `exec node fake-llm.mjs ${fakeLlmPort}`,
      url: `http://127.0.0.1:${fakeLlmPort}/v1/models`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: 'ignore' as const,
    },
    server(
      hostileLlmPort,
      {
        RATE_LIMITS: 'off',
        LLM_PROVIDERS: 'openai',
        OPENAI_BASE_URL: `http://127.0.0.1:${fakeLlmPort}/v1`,
        OPENAI_MODEL: 'fake-model',
        // The fake answers at once unless told to be slow: a short deadline keeps the
        // hand-over test quick.
        LLM_FIRST_TOKEN_SECS: '3',
      },
      'e2e-server-hostile-llm.log',
    ),
  ],
});

function server(listenOn: string, limits: Record<string, string>, log: string) {
  const binary = process.env.SERVER_BIN ?? path.join(root, 'target/release/server');
  return {
    command: `exec "${binary}" 2>>"${path.join(root, 'target', log)}"`,
    cwd: root,
    url: `http://127.0.0.1:${listenOn}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      DATABASE_URL: databaseUrl!,
      BIND_ADDR: `127.0.0.1:${listenOn}`,
      SITE_ROOT: process.env.SITE_ROOT ?? path.join(root, 'target/site'),
      RUST_LOG: 'warn',
      ...limits,
    },
  };
}
