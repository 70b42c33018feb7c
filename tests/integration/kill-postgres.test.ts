import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../lib/context";
import { createDb, type DbHandle } from "../../lib/db";
import { startEmbeddedPostgres, type RunningPostgres } from "../../lib/db/embedded";
import { runMigrations } from "../../lib/db/migrate";
import { batches, transactions } from "../../lib/db/schema";
import { createHelloCleverClient } from "../../lib/hello-clever/client";
import { reconcileOpenBatches } from "../../lib/reconciliation/reconcile-open-batches";
import { resolveSubmission } from "../../lib/submission/resolve-submission";
import { sweepSubmissions } from "../../lib/submission/sweep-submissions";
import { insertUser } from "../helpers/batch-fixtures";
import { freePort } from "../helpers/free-port";
import { insertBatch } from "../helpers/pending-batch";
import { launchSimulator, type LaunchedSimulator } from "../helpers/simulator";

// kill -9 of PostgreSQL while a create waits for Hello Clever's answer: on its own embedded
// server (the run's shared one must live), restarted afterwards on the same data directory.
const ROOT = path.resolve(import.meta.dirname, "../..");
let dataDir: string;
let port: number;
let server: RunningPostgres | undefined;
let handle: DbHandle | undefined;
let sim: LaunchedSimulator;

async function startServer(): Promise<RunningPostgres> {
  // Right after a kill -9 its backends may still hold shared memory for a moment: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      // Durable (not `ephemeral`): with synchronous_commit off, a commit made just before the kill
      // could be lost with it, and what this test checks is what a real crash leaves.
      return await startEmbeddedPostgres({ dataDir, port, database: "kill_test" });
    } catch (error) {
      if (attempt >= 15) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function payoutsFor(batchId: string): Promise<{ uuid: string }[]> {
  const { records } = (await (await fetch(`${sim.controlUrl}/payouts`)).json()) as { records: { uuid: string; external_id: string }[] };
  return records.filter((payout) => payout.external_id === batchId);
}

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), "pd-kill-pg-"));
  await chmod(root, 0o755); // the postgres system user (when run as root) must reach its data dir
  dataDir = path.join(root, "pg");
  port = await freePort();
  [server, sim] = await Promise.all([startServer(), launchSimulator({ env: { SIMULATOR_STEP_MS: "600000" }, startTimeoutMs: 90_000 })]);
  await runMigrations(server.url);
}, 180_000);

afterAll(async () => {
  await handle?.sql.end({ timeout: 1 }).catch(() => undefined);
  await server?.stop().catch(() => undefined);
  await sim?.stop();
  await rm(path.dirname(dataDir), { recursive: true, force: true });
});

describe("kill -9 of PostgreSQL mid-create", () => {
  it("the payout Hello Clever made is found and applied whole once PostgreSQL is back: completed, the failed row with its reason, one payout", async () => {
    handle = createDb(server!.url, { max: 2 });
    const maker = await insertUser(handle.db, ["operator"]);
    const batch = await insertBatch(handle.db, { makerId: maker.id, status: "approved", amounts: ["250.00", "300.00"] });
    const rows = await handle.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    await handle.db.update(transactions).set({ params: { ...rows[1]!.params, account_number: "987650001" } }).where(eq(transactions.id, rows[1]!.id));
    await handle.sql.end();
    handle = undefined;

    await fetch(`${sim.controlUrl}/faults/next-create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "timeout", hold_ms: 8000 }) });
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/submit-batch-child.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: server!.url, SIMULATOR_URL: sim.url, BATCH_ID: batch.id, LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const deadline = Date.now() + 90_000;
    while ((await payoutsFor(batch.id)).length === 0) {
      if (Date.now() > deadline) throw new Error("the child never reached the provider");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The create is at Hello Clever, its answer held: kill PostgreSQL's postmaster outright.
    const pid = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    // The child cannot record the answer: it fails (or is killed if it hangs on reconnects).
    const stop = setTimeout(() => child.kill("SIGKILL"), 60_000);
    await exited;
    clearTimeout(stop);

    server = await startServer();
    handle = createDb(server.url, { max: 2 });
    expect((await handle.db.select().from(batches).where(eq(batches.id, batch.id)))[0]!.status).toBe("submitting");
    expect((await sweepSubmissions(systemContext(handle.db, "resolve-submission"), { stuckAfterMs: 0 })).stuck).toContain(batch.id);
    const client = createHelloCleverClient({ baseUrl: sim.url, appId: sim.appId, secretKey: sim.secretKey });
    const [payout] = await payoutsFor(batch.id);
    for (let step = 0; step < 3; step++) await fetch(`${sim.controlUrl}/payouts/${payout!.uuid}/advance`, { method: "POST" });
    expect(await resolveSubmission(systemContext(handle.db, "resolve-submission"), { client, batchId: batch.id })).toMatchObject({ kind: "submitted" });
    await reconcileOpenBatches(systemContext(handle.db, "reconcile"), { client, queue: { enqueueResolve: async () => undefined }, limit: 100, minAgeSeconds: 0 });
    const [stored] = await handle.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(stored).toMatchObject({ status: "completed", failedCount: 1 });
    const reasons = await handle.db.select({ reason: transactions.failureReason }).from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    expect(reasons.map((r) => r.reason)).toEqual([null, "Beneficiary account does not exist"]);
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  }, 300_000);
});
