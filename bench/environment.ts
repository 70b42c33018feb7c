import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { createDb, type DbHandle } from "../lib/db";
import { startEmbeddedPostgres, type RunningPostgres } from "../lib/db/embedded";
import { runMigrations } from "../lib/db/migrate";
import { seedDemoUsers } from "../lib/users/seed-demo-users";
import { freePort } from "../tests/helpers/free-port";
import { launchSimulator, type LaunchedSimulator } from "../tests/helpers/simulator";

// Everything a measure needs, started on first use only (so `npm run bench -- csv_import_10k_ms`
// never builds the app or seeds a million rows), on free ports and a data dir of its own, and
// stopped in reverse order at the end.

export const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, ".data", "bench");
export const POSTGRES_DIR = path.join(DATA_DIR, "postgres");
export const BENCH_DIST_DIR = ".next-bench";
const NEXTAUTH_SECRET = "bench-only-session-secret-0123456789abcdef";
// The demo admin is seeded with its TOTP secret, so the pages bench signs in past the second step.
const TOTP_ENCRYPTION_KEY = "be".repeat(32);
export const HISTORY_TRANSACTIONS = 1_000_000;

export type BenchApp = { url: string; pid: number };

export type BenchEnvironmentOptions = {
  /** Reuse an existing .next-bench build instead of building (quick iterations on the bench itself). */
  skipBuild: boolean;
  log: (message: string) => void;
};

export type BenchEnvironment = {
  database(): Promise<DbHandle & { url: string }>;
  simulator(): Promise<LaunchedSimulator>;
  /** The production build served by one `scripts/serve.ts` instance, as `npm start` runs it. */
  app(): Promise<BenchApp>;
  /** A million transactions of history, seeded with `npm run seed:history`. */
  history(): Promise<void>;
  browser(): Promise<Browser>;
  close(): Promise<void>;
};

function once<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= start());
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv, quiet: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-8000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[args.length - 1] ?? command)} exited with ${code}\n${output}`))));
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy within ${timeoutMs / 1000} s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => (clearTimeout(timer), resolve()));
    child.kill("SIGTERM");
  });
}

export function createBenchEnvironment(options: BenchEnvironmentOptions): BenchEnvironment {
  const { log } = options;
  const closers: Array<() => Promise<void>> = [];

  const database = once(async () => {
    // A fresh cluster every run: figures never depend on what an earlier run left behind.
    await fs.rm(DATA_DIR, { recursive: true, force: true });
    await fs.mkdir(DATA_DIR, { recursive: true });
    await fs.chmod(DATA_DIR, 0o755); // the postgres system user (when running as root) must reach it
    const port = await freePort();
    log(`PostgreSQL (embedded, ephemeral) on 127.0.0.1:${port}`);
    const postgres: RunningPostgres = await startEmbeddedPostgres({ dataDir: POSTGRES_DIR, port, database: "payout_desk_bench", ephemeral: true });
    closers.push(() => postgres.stop());
    await runMigrations(postgres.url);
    const handle = createDb(postgres.url, { max: 10 });
    closers.push(() => handle.sql.end({ timeout: 5 }));
    await seedDemoUsers(handle.db, { totpKey: Buffer.from(TOTP_ENCRYPTION_KEY, "hex") });
    return { ...handle, url: postgres.url };
  });

  const simulator = once(async () => {
    // Payouts only move when a measure advances them (control API), so nothing else writes meanwhile.
    const launched = await launchSimulator({ env: { SIMULATOR_STEP_MS: String(24 * 3600_000), SIMULATOR_WEBHOOK_RETRY_DELAY_MS: "1000" } });
    closers.push(() => launched.stop());
    log(`Hello Clever simulator on ${launched.url}`);
    return launched;
  });

  const build = once(async () => {
    if (options.skipBuild && existsSync(path.join(ROOT, BENCH_DIST_DIR, "BUILD_ID"))) {
      log(`Reusing the production build in ${BENCH_DIST_DIR} (--no-build)`);
      return;
    }
    log(`Building the production app into ${BENCH_DIST_DIR} (next build)…`);
    const started = performance.now();
    await runToEnd(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" }, true);
    log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  });

  const app = once(async (): Promise<BenchApp> => {
    const [{ url: databaseUrl }, sim] = await Promise.all([database(), simulator(), build()]);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET,
      TOTP_ENCRYPTION_KEY,
      NEXTAUTH_URL: url,
      PUBLIC_BASE_URL: url,
      HELLO_CLEVER_BASE_URL: sim.url,
      HELLO_CLEVER_APP_ID: sim.appId,
      HELLO_CLEVER_SECRET_KEY: sim.secretKey,
      LOG_LEVEL: "warn",
    };
    // `node --import tsx` keeps the server one process: its pid is the one whose memory is sampled.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-8000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    closers.push(() => stopChild(child));
    await waitForHealth(url, child, () => output, 120_000);
    log(`App (production build, scripts/serve.ts) on ${url}, pid ${child.pid}`);
    return { url, pid: child.pid! };
  });

  const history = once(async () => {
    const { url, sql } = await database();
    log(`Seeding ${HISTORY_TRANSACTIONS.toLocaleString("en-US")} transactions of history (npm run seed:history)…`);
    const started = performance.now();
    await runToEnd(process.execPath, ["--import", "tsx", "scripts/seed-history.ts", "--transactions", String(HISTORY_TRANSACTIONS)], { ...process.env, DATABASE_URL: url }, true);
    // The seed script analyzes; a vacuum also sets the visibility map, so index-only scans work from the start.
    await sql`vacuum analyze transactions`;
    log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  });

  const browser = once(async () => {
    const launched = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
    });
    closers.push(() => launched.close());
    return launched;
  });

  return {
    database,
    simulator,
    app,
    history,
    browser,
    async close() {
      for (const close of closers.splice(0).reverse()) await close().catch((error: unknown) => log(`  (while stopping: ${error instanceof Error ? error.message : String(error)})`));
    },
  };
}
