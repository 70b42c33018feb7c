// The baseline of `webhook_ingest_vs_bare`: the webhook receiver's work with nothing around it.
// node:http and postgres.js only (no Next.js, no Drizzle, no pg-boss client), doing what the real
// receiver does per delivery: one primary-key read of the batch, sha256 + timingSafeEqual of the
// Authorization value against the stored hash, the insert into webhook_deliveries, and the
// enqueue of the apply job with pg-boss's own INSERT statement (same queue, same singleton key).
// Run by bench/webhook-ingest.ts as its own process: DATABASE_URL=… PORT=… node --import tsx bench/bare-webhook-server.ts
import { createRequire } from "node:module";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import postgres from "postgres";
import { QUEUES } from "../lib/jobs/queues";
import { webhookSecretMatches } from "../lib/webhooks/webhook-secret";

const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 256 * 1024);
const PATH = /^\/api\/webhooks\/hello-clever\/([0-9a-f-]{36})$/;
const TERMINAL = new Set(["completed", "expired", "cancelled"]);

// pg-boss exposes the SQL it runs for send(); the baseline runs exactly that statement.
const plans = createRequire(import.meta.url)("pg-boss/src/plans.js") as { insertJob: (schema: string) => string };
const INSERT_JOB = plans.insertJob("pgboss");

const sql = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DB_POOL_MAX ?? 10), onnotice: () => {} });

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function answer(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const match = request.method === "POST" ? PATH.exec(request.url ?? "") : null;
  if (!match) return answer(response, 404, { error: "not_found" });
  const batchId = match[1]!;
  const body = await readBody(request);
  if (body === null) return answer(response, 413, { error: "too_large" });
  const [batch] = await sql<{ provider_status: string | null; webhook_secret_hash: string | null }[]>`
    select provider_status, webhook_secret_hash from batches where id = ${batchId}`;
  const authorization = typeof request.headers.authorization === "string" ? request.headers.authorization : null;
  if (!webhookSecretMatches(authorization, batch?.webhook_secret_hash ?? null) || !batch) return answer(response, 401, { error: "unauthorized" });
  const text = body.toString("utf8");
  let claimed: unknown;
  let parsed = true;
  try {
    claimed = JSON.parse(text);
  } catch {
    parsed = false;
  }
  const status = parsed && claimed !== null && typeof claimed === "object" ? (claimed as { status?: unknown }).status : undefined;
  const settled = !parsed || (batch.provider_status !== null && TERMINAL.has(batch.provider_status));
  await sql`
    insert into webhook_deliveries (batch_id, content_type, body, malformed, claimed_status, processed_at)
    values (${batchId}, ${request.headers["content-type"] ?? null}, ${text}, ${!parsed}, ${typeof status === "string" ? status.slice(0, 40) : null}, ${settled ? new Date() : null})`;
  if (!parsed) return answer(response, 400, { error: "malformed_json" });
  if (!settled) {
    // The data parameter is typed jsonb by the statement: postgres.js serializes the object itself.
    const data = sql.json({ batchId });
    await sql.unsafe(INSERT_JOB, [null, QUEUES.applyWebhook, data, null, null, batchId, null, 0, null, null, null, null, null, null, null, null, null, null, null]);
  }
  answer(response, 200, { ok: true });
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent) answer(response, 500, { error: "internal" });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("bare-webhook-server listening"));
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
});
