import { systemContext } from "../lib/context";
import { listHistoryFilterOptions } from "../lib/history/list-filter-options";
import { queryBatches } from "../lib/history/query-batches";
import { queryTransactions } from "../lib/history/query-transactions";
import { historyFiltersSchema } from "../lib/history/schemas";
import type { Measure } from "./measure";
import { below } from "./results";
import { percentile } from "./stats";

const ROUNDS = 8;
const DAY_MS = 86_400_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);

/**
 * What auditors ask of a year of payouts: the newest page and the next one, each filter alone
 * (common and rare values), text search, and combinations; both views. Values come from the
 * seeded history (scripts/seed-history.ts).
 */
function filterMix(makerId: string): Array<{ name: string; params: Record<string, string>; nextPage?: boolean }> {
  return [
    { name: "newest", params: {} },
    { name: "newest, page 2", params: {}, nextPage: true },
    { name: "common method", params: { method: "ph_bank_maya_php" } },
    { name: "rare method", params: { method: "usdc_bank" } },
    { name: "rare method, page 2", params: { method: "usdc_bank" }, nextPage: true },
    { name: "currency", params: { currency: "JPY" } },
    { name: "failed", params: { status: "failed" } },
    { name: "one week, 3 months ago", params: { from: day(97), to: day(91) } },
    { name: "maker", params: { maker: makerId } },
    { name: "amount range", params: { minAmount: "1000", maxAmount: "1500" } },
    { name: "rejected batches", params: { batchStatus: "rejected" } },
    { name: "search a name", params: { q: "Santos" } },
    { name: "search an email", params: { q: "maria.garcia" } },
    { name: "method + failed + 30 days", params: { method: "my_bank_duitnow_myr", status: "failed", from: day(30) } },
    { name: "currency + amount + maker", params: { currency: "PHP", minAmount: "5000", maker: makerId } },
    { name: "batches: newest", params: { view: "batches" } },
    { name: "batches: method + 30 days", params: { view: "batches", method: "id_bank_idr", from: day(30) } },
  ];
}

export const historyQuery: Measure = {
  key: "history_query",
  title: "History page query over 1,000,000 transactions, a mix of filters",
  specs: [{ name: "history_query_p95_ms", unit: "ms", target: below(150) }],
  async run(env, log) {
    const [{ db, sql }] = await Promise.all([env.database(), env.history()]);
    const ctx = systemContext(db, "bench");
    const [maker] = await sql<{ id: string }[]>`select id from users where email = 'marco.reyes@seed.payout-desk.test'`;
    if (!maker) throw new Error("The seeded history has no maker marco.reyes");
    const mix = filterMix(maker.id);
    const samples: number[] = [];
    const byFilter = new Map<string, number[]>();
    for (let round = 0; round <= ROUNDS; round++) {
      for (const entry of mix) {
        let filters = historyFiltersSchema.parse(entry.params);
        if (entry.nextPage) {
          const first = filters.view === "batches" ? await queryBatches(ctx, { filters }) : await queryTransactions(ctx, { filters });
          if (!first.nextCursor) throw new Error(`${entry.name}: the first page has no next page`);
          filters = historyFiltersSchema.parse({ ...entry.params, cursor: first.nextCursor });
        }
        // What the page loads (app/(console)/history/page.tsx): the filter options, then one page.
        const started = performance.now();
        await listHistoryFilterOptions(ctx);
        const page = filters.view === "batches" ? await queryBatches(ctx, { filters }) : await queryTransactions(ctx, { filters });
        const elapsed = performance.now() - started;
        if (page.rows.length === 0) throw new Error(`${entry.name}: no rows (does the seed match the mix?)`);
        if (round === 0) continue; // the first round warms the cache and the plans
        samples.push(elapsed);
        byFilter.set(entry.name, [...(byFilter.get(entry.name) ?? []), elapsed]);
      }
    }
    const slowest = [...byFilter.entries()].map(([name, times]) => ({ name, p50: percentile(times, 50) })).sort((a, b) => b.p50 - a.p50);
    log(`  ${samples.length} page loads: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms; slowest filters: ${slowest.slice(0, 3).map((entry) => `${entry.name} ${entry.p50.toFixed(0)} ms`).join(", ")}`);
    return {
      values: { history_query_p95_ms: percentile(samples, 95) },
      notes: [
        `${mix.length} filter sets × ${ROUNDS} rounds after a warm-up round, filter options + one page of 50 as the page loads them, in-process (no HTTP); p50 ${percentile(samples, 50).toFixed(1)} ms`,
        `median per filter (ms): ${slowest.map((entry) => `${entry.name} ${entry.p50.toFixed(0)}`).join(", ")}`,
      ],
    };
  },
};
