// A submit worker in its own process, so a test can kill it mid-call (tests/integration/submission.test.ts).
import { systemContext } from "../../lib/context";
import { createDb } from "../../lib/db";
import { createHelloCleverClient } from "../../lib/hello-clever/client";
import { submitBatch } from "../../lib/submission/submit-batch";

const { DATABASE_URL, SIMULATOR_URL, BATCH_ID } = process.env;
const { db, sql } = createDb(DATABASE_URL!, { max: 2 });
const client = createHelloCleverClient({ baseUrl: SIMULATOR_URL!, appId: "sandbox-app-id", secretKey: "sandbox-secret-key" });
await submitBatch(systemContext(db, "submit-batch"), { client, batchId: BATCH_ID!, config: { publicBaseUrl: "http://127.0.0.1:3999", providerIsSimulator: true } });
await sql.end();
