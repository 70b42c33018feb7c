// `npm run seed:history -- --transactions 1000000 [--seed 42]`: fills a database with a year of
// realistic payout history (for demos and the history benchmarks). Uses DATABASE_URL, or on
// embedded defaults the embedded PostgreSQL: the running console's, or started here.
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import postgres from "postgres";
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres, type RunningPostgres } from "../lib/db/embedded";
import { runMigrations } from "../lib/db/migrate";
import { seedHistory } from "../lib/history/seed-history";

nextEnv.loadEnvConfig(process.cwd());
const { values } = parseArgs({ options: { transactions: { type: "string", default: "100000" }, seed: { type: "string", default: "42" } } });
const transactions = Number(values.transactions);
if (!Number.isInteger(transactions) || transactions < 1) {
  console.error("--transactions: must be a whole number of at least 1, e.g. --transactions 1000000");
  process.exit(1);
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

let embedded: RunningPostgres | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  if (await portInUse(port)) {
    // The console is running on embedded defaults: seed its database.
    url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/payout_desk`;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(path.resolve(process.env.DATA_DIR || ".data"), "postgres"), port, database: "payout_desk" });
    url = embedded.url;
  }
}

const sql = postgres(url, { max: 1, onnotice: () => {} });
try {
  await runMigrations(url);
  const started = performance.now();
  let lastReport = 0;
  const result = await seedHistory(sql, {
    transactions,
    seed: Number(values.seed),
    onProgress: (written) => {
      if (written - lastReport >= 100_000 || written === transactions) {
        lastReport = written;
        console.log(`  ${written.toLocaleString("en-US")} transactions (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      }
    },
  });
  // Fresh statistics, so the planner picks the history indexes straight away.
  await sql`analyze batches`;
  await sql`analyze transactions`;
  await sql`analyze approvals`;
  const seconds = (performance.now() - started) / 1000;
  console.log(`Seeded ${result.transactions.toLocaleString("en-US")} transactions in ${result.batches.toLocaleString("en-US")} batches (${result.approvals.toLocaleString("en-US")} approvals) in ${seconds.toFixed(1)} s.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await sql.end();
  await embedded?.stop();
}
