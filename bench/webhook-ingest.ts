import { spawn } from "node:child_process";
import autocannon, { type AutocannonRequest } from "autocannon";
import { freePort } from "../tests/helpers/free-port";
import { processCpuMs, postgresCpuMs } from "./cpu";
import { POSTGRES_DIR, ROOT } from "./environment";
import { advancePayout, createProviderBatches, drainWebhookJobs, type ProviderBatch } from "./fixtures";
import type { Measure } from "./measure";
import { atLeast, below, exactly } from "./results";
import { median } from "./stats";

// Many batches, each delivered to over and over, as the provider's retries and duplicates would.
const BATCHES = 100;
// A provider sends from a pool of workers, not from thousands of sockets; 16 keep both servers
// busy on 2 cores without measuring only queueing (latency ≈ connections / throughput).
const CONNECTIONS = 16;
const WARMUP_S = 3;
const RUN_S = 8;
// Real and bare alternate, so drift on a shared machine hits both alike; the ratio is per round.
const ROUNDS = 3;
// Rounds in which every payout also moves one status on at the provider mid-run (created →
// processing → scheduled): the apply jobs then race the flood, and each move must apply once.
const ADVANCING_ROUNDS = 2;

type LoadRun = { label: string; rps: number; p99: number; ok: number; non2xx: number; errors: number; cpuMsPerDelivery: { server: number; postgres: number } };

function requestsFor(batches: ProviderBatch[], label: string): AutocannonRequest[] {
  return batches.map((batch) => ({
    method: "POST",
    path: `/api/webhooks/hello-clever/${batch.id}`,
    headers: { "content-type": "application/json", authorization: batch.secret },
    // The payout object, as the provider posts it; the marker lets the run count its own rows.
    body: JSON.stringify({ ...batch.payout, status: "processing", bench_run: label }),
  }));
}

/** Drives `url` for `seconds`; CPU is counted for `serverPids` (the server and anything doing its follow-up work) and PostgreSQL. */
async function load(url: string, requests: AutocannonRequest[], label: string, seconds: number, serverPids: number[] = []): Promise<LoadRun> {
  const serverCpu = () => serverPids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const before = { server: serverCpu(), postgres: postgresCpuMs(POSTGRES_DIR) };
  let client = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    // Each connection starts at a different batch, so they do not all hit the same one at once.
    setupClient: (c) => {
      const offset = Math.floor((client++ * requests.length) / CONNECTIONS);
      c.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
    },
    requests,
  });
  const ok = Math.max(1, result["2xx"]);
  const cpuMsPerDelivery = { server: (serverCpu() - before.server) / ok, postgres: (postgresCpuMs(POSTGRES_DIR) - before.postgres) / ok };
  return { label, rps: result["2xx"] / result.duration, p99: result.latency.p99, ok: result["2xx"], non2xx: result.non2xx, errors: result.errors, cpuMsPerDelivery };
}

async function startBareServer(databaseUrl: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-webhook-server.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    child.once("exit", (code) => reject(new Error(`bare-webhook-server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export const webhookIngest: Measure = {
  key: "webhook_ingest",
  title: "Webhook ingest: the production receiver against a bare node:http + postgres.js server",
  specs: [
    { name: "webhook_ingest_rps", unit: "deliveries/s", target: atLeast(1000) },
    { name: "webhook_ingest_p99_ms", unit: "ms", target: below(50) },
    { name: "webhook_ingest_vs_bare", unit: "ratio", target: atLeast(0.5) },
    { name: "webhook_ingest_lost", unit: "deliveries", target: exactly(0) },
  ],
  async run(env, log) {
    const [app, { sql, url: databaseUrl }] = await Promise.all([env.app(), env.database()]);
    const batches = await createProviderBatches(env, { count: BATCHES, appUrl: app.url, label: "Bench ingest" });
    const ids = batches.map((batch) => batch.id);
    const storedRows = async (label: string) => {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from webhook_deliveries where batch_id = any(${ids}::uuid[]) and body like ${`%"bench_run":"${label}"%`}`;
      return row!.n;
    };
    const bare = await startBareServer(databaseUrl);
    const notes: string[] = [];
    const real: LoadRun[] = [];
    const baseline: LoadRun[] = [];
    let unstored = 0;
    try {
      await load(app.url, requestsFor(batches, "warmup-real"), "warmup-real", WARMUP_S);
      await load(bare.url, requestsFor(batches, "warmup-bare"), "warmup-bare", WARMUP_S);
      await drainWebhookJobs(env, 30_000);
      for (let round = 0; round < ROUNDS; round++) {
        const label = `real-${round}`;
        const advancing =
          round < ADVANCING_ROUNDS
            ? new Promise((resolve) => setTimeout(resolve, (RUN_S * 1000) / 2)).then(async () => {
                for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map((batch) => advancePayout(env, batch.providerUuid)));
              })
            : Promise.resolve();
        const [run] = await Promise.all([load(app.url, requestsFor(batches, label), label, RUN_S, [app.pid]), advancing]);
        real.push(run);
        // Requests still in flight when the load stops are answered after it: count once they land.
        await new Promise((resolve) => setTimeout(resolve, 500));
        unstored += Math.max(0, run.ok - (await storedRows(label)));
        if (!(await drainWebhookJobs(env, 30_000))) notes.push(`${label}: apply-webhook jobs still pending 30 s after the run`);

        const bareLabel = `bare-${round}`;
        // The app still runs the apply jobs the bare server enqueues, so its CPU counts here too.
        const bareRun = await load(bare.url, requestsFor(batches, bareLabel), bareLabel, RUN_S, [bare.pid, app.pid]);
        baseline.push(bareRun);
        await new Promise((resolve) => setTimeout(resolve, 500));
        if ((await storedRows(bareLabel)) < bareRun.ok) notes.push(`${bareLabel}: the bare server answered 200 for deliveries it did not store`);
        await drainWebhookJobs(env, 30_000);
        log(
          `  round ${round + 1}: receiver ${run.rps.toFixed(0)}/s p99 ${run.p99} ms, CPU ${run.cpuMsPerDelivery.server.toFixed(2)}+${run.cpuMsPerDelivery.postgres.toFixed(2)} ms (non-2xx ${run.non2xx}, errors ${run.errors}) · ` +
            `bare ${bareRun.rps.toFixed(0)}/s p99 ${bareRun.p99} ms, CPU ${bareRun.cpuMsPerDelivery.server.toFixed(2)}+${bareRun.cpuMsPerDelivery.postgres.toFixed(2)} ms`,
        );
      }
    } finally {
      await bare.stop();
    }

    // Forward-only and idempotent: each provider status moves a batch once, however many
    // deliveries (and reconciliation reads) announce it.
    const [twice] = await sql<{ events: number; audits: number }[]>`
      select
        (select coalesce(sum(n - 1), 0)::int from (
           select count(*) as n from provider_events
           where batch_id = any(${ids}::uuid[]) and outcome = 'applied'
           group by batch_id, provider_status having count(*) > 1) e) as events,
        (select coalesce(sum(n - 1), 0)::int from (
           select count(*) as n from audit_log
           where batch_id = any(${ids}::uuid[]) and action = 'batch.provider_update'
           group by batch_id, after ->> 'providerStatus' having count(*) > 1) a) as audits`;
    const appliedTwice = Math.max(twice!.events, twice!.audits);
    const [behind] = await sql<{ n: number }[]>`
      select count(*)::int as n from batches where id = any(${ids}::uuid[]) and provider_status <> 'scheduled'`;
    if (behind!.n > 0) notes.push(`${behind!.n} of ${BATCHES} batches did not reach the provider's status (scheduled) after the runs`);
    const failures = real.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
    if (failures > 0) notes.push(`the receiver answered ${failures} deliveries with a non-2xx status or a connection error`);
    const cpu = (runs: LoadRun[]) =>
      `${median(runs.map((run) => run.cpuMsPerDelivery.server)).toFixed(2)} ms server + ${median(runs.map((run) => run.cpuMsPerDelivery.postgres)).toFixed(2)} ms PostgreSQL`;
    const totalCpu = (runs: LoadRun[]) => median(runs.map((run) => run.cpuMsPerDelivery.server + run.cpuMsPerDelivery.postgres));
    notes.push(`CPU per delivery (machine-independent): receiver ${cpu(real)}; bare ${cpu(baseline)}; bare/receiver CPU ratio ${(totalCpu(baseline) / totalCpu(real)).toFixed(2)}`);
    notes.push(
      `${ROUNDS} alternating ${RUN_S} s runs each, ${CONNECTIONS} connections, ${BATCHES} batches; receiver per round ${real.map((run) => run.rps.toFixed(0)).join(", ")}/s, bare ${baseline.map((run) => run.rps.toFixed(0)).join(", ")}/s; ` +
        `answered 200 but not stored: ${unstored}, transitions applied twice: ${appliedTwice}`,
    );
    return {
      values: {
        webhook_ingest_rps: median(real.map((run) => run.rps)),
        webhook_ingest_p99_ms: median(real.map((run) => run.p99)),
        webhook_ingest_vs_bare: median(real.map((run, i) => run.rps / baseline[i]!.rps)),
        webhook_ingest_lost: unstored + appliedTwice,
      },
      notes,
    };
  },
};
