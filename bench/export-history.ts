import { readFileSync } from "node:fs";
import { HISTORY_TRANSACTIONS } from "./environment";
import type { Measure } from "./measure";
import { atLeast, below } from "./results";
import { signIn } from "./sign-in";
import { median } from "./stats";

const RUNS = 3;
const SAMPLE_MS = 25;
const NEWLINE = 0x0a;

/** Resident memory of a process in MB (VmRSS), or null once it is gone. */
function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

type ExportRun = { rows: number; seconds: number; mb: number; rssGrowthMb: number };

/** Downloads the whole transaction history as a signed-in auditor would, sampling the server's RSS meanwhile. */
async function exportOnce(appUrl: string, pid: number, cookieHeader: string): Promise<ExportRun> {
  const baseline = rssMb(pid) ?? 0;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid) ?? 0);
  }, SAMPLE_MS);
  try {
    const started = performance.now();
    // Every row: history leaves out never-sent drafts unless asked, and the seeded million includes some.
    const response = await fetch(`${appUrl}/api/export/history?drafts=1`, { headers: { cookie: cookieHeader } });
    if (!response.ok || !response.body) throw new Error(`The export answered ${response.status}: ${await response.text()}`);
    let lines = 0;
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, rssMb(pid) ?? 0);
    // No field of the seeded history holds a line break, so lines are the header plus one per row.
    return { rows: lines - 1, seconds, mb: bytes / 2 ** 20, rssGrowthMb: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

export const exportHistory: Measure = {
  key: "export",
  title: "CSV export of 1,000,000 transactions over HTTP (signed-in auditor), server memory sampled",
  specs: [
    { name: "export_rows_per_s", unit: "rows/s", target: atLeast(50_000) },
    { name: "export_peak_rss_mb", unit: "MB", target: below(100) },
  ],
  async run(env, log) {
    const [app] = await Promise.all([env.app(), env.history()]);
    const { cookieHeader } = await signIn(app.url, "auditor@demo.test");
    const runs: ExportRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await exportOnce(app.url, app.pid, cookieHeader);
      if (run.rows < HISTORY_TRANSACTIONS) throw new Error(`The export held ${run.rows} rows, expected at least ${HISTORY_TRANSACTIONS}`);
      runs.push(run);
      log(`  run ${i + 1}: ${run.rows.toLocaleString("en-US")} rows (${run.mb.toFixed(0)} MB) in ${run.seconds.toFixed(1)} s = ${(run.rows / run.seconds).toFixed(0)} rows/s; server RSS +${run.rssGrowthMb.toFixed(1)} MB`);
    }
    return {
      values: {
        export_rows_per_s: median(runs.map((run) => run.rows / run.seconds)),
        // Memory is judged by its worst run, not its typical one.
        export_peak_rss_mb: Math.max(...runs.map((run) => run.rssGrowthMb)),
      },
      notes: [
        `${RUNS} full exports (no filters) of ${runs[0]!.mb.toFixed(0)} MB each; rows/s is the median, RSS growth (VmRSS of the server process sampled every ${SAMPLE_MS} ms, over its level before the request) the worst; ` +
          `per run: ${runs.map((run) => `${(run.rows / run.seconds).toFixed(0)} rows/s +${run.rssGrowthMb.toFixed(0)} MB`).join(", ")}`,
      ],
    };
  },
};
