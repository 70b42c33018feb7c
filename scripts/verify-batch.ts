// npm run verify-batch -- <batch id>: re-reads the batch's payout at Hello Clever and compares it
// with what was approved (the payload hash of the stored rows, and each field the provider holds).
// DATABASE_URL (else the embedded default) and HELLO_CLEVER_* (else the local simulator's defaults).
import nextEnv from "@next/env";
import { verifyBatch } from "../lib/approvals/verify-batch";
import { systemContext } from "../lib/context";
import { createDb } from "../lib/db";
import { createHelloCleverClient } from "../lib/hello-clever/client";

nextEnv.loadEnvConfig(process.cwd());
const batchId = process.argv[2];
if (!batchId || !/^[0-9a-f-]{36}$/i.test(batchId)) {
  console.error("usage: npm run verify-batch -- <batch id>");
  process.exit(2);
}
const url = process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/payout_desk`;
const { db, sql } = createDb(url, { max: 1 });
const client = createHelloCleverClient({
  baseUrl: process.env.HELLO_CLEVER_BASE_URL ?? `http://127.0.0.1:${process.env.SIMULATOR_PORT ?? 4010}`,
  appId: process.env.HELLO_CLEVER_APP_ID ?? process.env.SIMULATOR_APP_ID ?? "sandbox-app-id",
  secretKey: process.env.HELLO_CLEVER_SECRET_KEY ?? process.env.SIMULATOR_SECRET_KEY ?? "sandbox-secret-key",
});
try {
  const result = await verifyBatch(systemContext(db, "verify-batch"), { client, batchId });
  for (const check of result.checks) console.log(`${check.ok ? "held   " : "DIFFERS"}  ${check.check}: ${check.detail}`);
  console.log(result.ok ? "OK: what Hello Clever holds is what was approved" : "MISMATCH: see the lines marked DIFFERS");
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`verify-batch: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await sql.end();
}
