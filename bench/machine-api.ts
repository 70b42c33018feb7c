import http from "node:http";
import { eq, sql } from "drizzle-orm";
import { createApiKey } from "../lib/api-keys/manage-api-keys";
import { createContext } from "../lib/context";
import { outgoingWebhookDeliveries, outgoingWebhookEndpoints } from "../lib/db/schema";
import { startBoss } from "../lib/jobs/boss";
import { enqueueDeliveries, registerNotifyWorkers } from "../lib/jobs/notify-jobs";
import { createBatchHandler } from "../lib/machine-api/handlers";
import { createEndpoint } from "../lib/outgoing-webhooks/manage-endpoints";
import { writeEvents } from "../lib/notifications/process-audit-events";
import { benchMethod, userId } from "./fixtures";
import type { Measure } from "./measure";
import { atLeast, atMost } from "./results";
import { median } from "./stats";

const ROWS = 10_000;
const REPEATS = 3;
const EVENTS = 1000;

function rows(method: Awaited<ReturnType<typeof benchMethod>>, n: number) {
  const bank = method.banks[0]?.code ?? "";
  return Array.from({ length: n }, (_, i) => ({
    first_name: `Maria${i}`,
    last_name: "Santos",
    email: `maria.${i}@example.org`,
    amount: `${200 + (i % 4800)}.50`,
    external_id: `api-${i}`,
    params: Object.fromEntries(method.fields.map((f) => [f.key, f.key === "bank_code" ? bank : f.key === "account_name" ? "Maria Santos" : `00${String(i).padStart(10, "0")}`])),
  }));
}

export const machineApi: Measure = {
  key: "machine_api",
  title: "Machine API: a 10,000-row batch created (POST /api/v1/batches, submitted); outgoing webhook fan-out",
  specs: [
    { name: "api_batch_create_10k_ms", unit: "ms", target: atMost(2000) },
    { name: "webhook_fanout_rps", unit: "/s", target: atLeast(200) },
  ],
  async run(env, log) {
    const [handle, method] = await Promise.all([env.database(), benchMethod(env)]);
    const { db } = handle;
    const adminId = await userId(env, "admin@demo.test");
    const admin = createContext(db, { kind: "user", id: adminId, label: "admin@demo.test", roles: ["admin"] });
    const { key } = await createApiKey(admin, { name: `bench ${Date.now()}`, role: "operator" });
    const deps = { db, rateLimitPerMinute: 100_000, approvalExpiryDays: 7 };
    const body = JSON.stringify({ method: method.name, description: "Bench API batch", submit: true, transactions: rows(method, ROWS) });
    const times: number[] = [];
    for (let run = 0; run <= REPEATS; run++) {
      const request = new Request("http://bench.local/api/v1/batches", { method: "POST", headers: { authorization: `Bearer ${key}`, "idempotency-key": `bench-${Date.now()}-${run}`, "content-type": "application/json" }, body });
      const started = performance.now();
      const response = await createBatchHandler(request, deps);
      const answer = (await response.json()) as { data?: { status: string; transaction_count: number } };
      const finished = performance.now();
      if (response.status !== 201 || answer.data?.status !== "pending_approval" || answer.data.transaction_count !== ROWS) throw new Error(`API create answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
      if (run > 0) times.push(finished - started);
    }
    log(`  API create runs: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);

    // Fan-out: 1,000 events to one local receiver, through the deliver-webhook queue.
    let received = 0;
    const receiver = http.createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        received += 1;
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as { port: number }).port;
    const boss = await startBoss(handle.url, { max: 6 });
    const stopWorkers = await registerNotifyWorkers(boss, { db, sql: handle.sql, config: { mailer: null, baseUrl: "http://bench.local", delivery: { schedule: [0, 5], allowPrivate: true }, mailRetryDelayS: 5 } });
    let rps = 0;
    try {
      const { endpointId } = await createEndpoint(admin, { url: `http://127.0.0.1:${port}/hooks`, description: "bench", events: ["transaction.failed"], allowPrivate: true });
      const stamp = Date.now();
      const events = Array.from({ length: EVENTS }, (_, i) => ({ type: "transaction.failed", data: { transaction: { id: `bench-${stamp}-${i}` } }, sourceKey: `bench:${stamp}:${i}` }));
      const deliveryIds = await db.transaction((tx) => writeEvents(tx, events, new Date()));
      const started = performance.now();
      await enqueueDeliveries(boss, deliveryIds);
      const deadline = Date.now() + 120_000;
      for (;;) {
        const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outgoingWebhookDeliveries).where(sql`${outgoingWebhookDeliveries.endpointId} = ${endpointId} and ${outgoingWebhookDeliveries.status} = 'succeeded'`);
        if ((row?.n ?? 0) >= EVENTS) break;
        if (Date.now() > deadline) throw new Error(`only ${row?.n} of ${EVENTS} deliveries succeeded in 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      rps = EVENTS / ((performance.now() - started) / 1000);
      log(`  fan-out: ${EVENTS} signed deliveries (${received} received) at ${rps.toFixed(0)}/s`);
      await db.update(outgoingWebhookEndpoints).set({ enabled: false }).where(eq(outgoingWebhookEndpoints.id, endpointId));
    } finally {
      await stopWorkers();
      await boss.stop({ graceful: false, wait: true });
      receiver.close();
    }
    return {
      values: { api_batch_create_10k_ms: median(times), webhook_fanout_rps: rps },
      notes: [
        `create: median of ${REPEATS} after a warm-up; the route handler in process (key check, rate limit, Idempotency-Key, JSON parse, per-row validation, save, submit for approval): ${times.map((t) => t.toFixed(0)).join(", ")} ms`,
        `fan-out: ${EVENTS} events to one local node:http receiver, each signed and POSTed by the deliver-webhook pg-boss queue (batches of 50), timed from enqueue to all stored as succeeded`,
      ],
    };
  },
};
