import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

// Ports are chosen once, in the main process, and passed to workers through the environment,
// so a run never collides with a console (or another run) already on this machine.
function freePort(): string {
  return execFileSync(process.execPath, ["-e", "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"]).toString();
}
process.env.E2E_PORT ||= freePort();
process.env.E2E_PG_PORT ||= freePort();
process.env.E2E_SIMULATOR_PORT ||= freePort();

const baseURL = `http://localhost:${process.env.E2E_PORT}`;
// E2E_SLOT separates concurrent runs on one machine (own data dir and build dir).
const slot = process.env.E2E_SLOT || "default";
const E2E_DATA_DIR = `.data/e2e-${slot}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  // One retry on CI only: a test that fails twice still fails the run; a retry is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  // Whole flows (sign-in with a second factor, approval, provider progress) on a loaded 2-core machine.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1360, height: 900 } } },
    // The scripted attack run (issue 13): after the feature specs, on the same server.
    { name: "security", testDir: "tests/security", testMatch: "**/*.spec.ts", dependencies: ["chromium"], use: { ...devices["Desktop Chrome"], viewport: { width: 1360, height: 900 } } },
  ],
  webServer: {
    // A production build on embedded defaults, on its own data dir, ports and build dir.
    command: `rm -rf ${E2E_DATA_DIR} && npm start`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      PORT: process.env.E2E_PORT,
      DATA_DIR: E2E_DATA_DIR,
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT,
      SIMULATOR_PORT: process.env.E2E_SIMULATOR_PORT,
      SIMULATOR_STEP_MS: "800",
      SIMULATOR_WEBHOOK_RETRY_DELAY_MS: "1000",
      NEXT_DIST_DIR: `.next-e2e-${slot}`,
      RECONCILE_INTERVAL_S: "5",
      LOG_LEVEL: "warn",
    },
  },
});
