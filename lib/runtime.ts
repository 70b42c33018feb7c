import type PgBoss from "pg-boss";
import { createDb, type Db, type DbHandle } from "./db/create-db";
import { getEnv } from "./env";
import { createHelloCleverClient, type HelloCleverClient } from "./hello-clever/client";
import { createBatchChangeFeed, type BatchChangeFeed } from "./live/batch-change-feed";
import { createNotificationFeed, type NotificationFeed } from "./notifications/notification-feed";

/**
 * Every process-wide singleton of an app instance, created here and nowhere else: the database
 * pool, the job queue, the Hello Clever client, the live batch feed, the apply-webhook wake-up
 * and the shutdown hooks. Kept on one globalThis entry, because Next loads the route handlers and
 * instrumentation as separate module graphs and dev reloads must not open a second pool. Only
 * app/, jobs and scripts use this; lib/<domain> functions take their dependencies as arguments,
 * and tests build their own (no test writes a global).
 */
type Runtime = {
  db?: DbHandle;
  boss?: PgBoss;
  helloClever?: HelloCleverClient;
  batchFeed?: BatchChangeFeed;
  notificationFeed?: NotificationFeed;
  /** Open /api/live streams per person in this instance (at most 10 each). */
  liveStreams: Map<string, number>;
  /** Wakes one of this instance's apply-webhook workers (set once the workers are registered). */
  wakeApplyWorker?: () => void;
  shutdownHooks: (() => Promise<void>)[];
};
const globalRuntime = globalThis as unknown as { payoutDeskRuntime?: Runtime };
const runtime: Runtime = (globalRuntime.payoutDeskRuntime ??= { shutdownHooks: [], liveStreams: new Map() });

/** The process-wide pool, created on first use from DATABASE_URL. */
export function getDbHandle(): DbHandle {
  if (!runtime.db) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it on embedded defaults)");
    runtime.db = createDb(url, { max: getEnv().DB_POOL_MAX });
  }
  return runtime.db;
}

export function getDb(): Db {
  return getDbHandle().db;
}

export function setBoss(boss: PgBoss): void {
  runtime.boss = boss;
}

/** The started job queue of this instance; throws if background work did not start. */
export function getBoss(): PgBoss {
  if (!runtime.boss) throw new Error("The job queue is not running in this process (instrumentation did not start it)");
  return runtime.boss;
}

export function setApplyWorkerWaker(wake: () => void): void {
  runtime.wakeApplyWorker = wake;
}

/** Wakes a local apply-webhook worker for a new job (a no-op before the workers start: the others poll). */
export function wakeApplyWorker(): void {
  runtime.wakeApplyWorker?.();
}

/** The live feed of batch changes (one LISTEN connection per instance, shared by every open stream). */
export function getBatchChangeFeed(): BatchChangeFeed {
  return (runtime.batchFeed ??= createBatchChangeFeed(getDbHandle().sql));
}

/** Per-person wake-ups for the notification bell (LISTEN on one connection of the pool). */
export function getNotificationFeed(): NotificationFeed {
  return (runtime.notificationFeed ??= createNotificationFeed(getDbHandle().sql));
}

/** How many /api/live streams each person holds open in this instance. */
export function getLiveStreamCounts(): Map<string, number> {
  return runtime.liveStreams;
}

export function onShutdown(hook: () => Promise<void>): void {
  runtime.shutdownHooks.push(hook);
}

/** Runs the shutdown hooks, newest first (the server calls this on SIGTERM/SIGINT). */
export async function runShutdownHooks(): Promise<void> {
  for (const hook of runtime.shutdownHooks.splice(0).reverse()) await hook().catch(() => undefined);
}

/** The Hello Clever client configured from the validated env (the simulator on embedded defaults). */
export function getHelloCleverClient(): HelloCleverClient {
  if (!runtime.helloClever) {
    const env = getEnv();
    runtime.helloClever = createHelloCleverClient({
      baseUrl: env.HELLO_CLEVER_BASE_URL,
      appId: env.HELLO_CLEVER_APP_ID,
      secretKey: env.HELLO_CLEVER_SECRET_KEY,
      credentials: env.HELLO_CLEVER_CREDENTIALS,
      listMethodsPath: env.HELLO_CLEVER_LIST_METHODS_PATH ?? null,
    });
  }
  return runtime.helloClever;
}
