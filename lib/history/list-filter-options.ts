import { sql } from "drizzle-orm";
import type { ServiceContext } from "../context";

export type HistoryFilterOptions = {
  methods: { name: string; label: string; currency: string }[];
  currencies: string[];
  makers: { id: string; email: string; name: string }[];
};

/** The choices of the history filter selects: every method, currency and maker batches have used. */
export async function listHistoryFilterOptions(ctx: ServiceContext): Promise<HistoryFilterOptions> {
  // Read from the catalogue and users (small tables); makers via batches_created_by_idx.
  const [methods, makers] = await Promise.all([
    ctx.db.execute(sql`select name, label, currency from payout_methods order by currency, label`),
    ctx.db.execute(sql`select u.id, u.email, u.name from users u where exists (select 1 from batches b where b.created_by = u.id) order by u.name, u.email`),
  ]);
  const methodRows = methods as unknown as HistoryFilterOptions["methods"];
  return {
    methods: methodRows,
    currencies: [...new Set(methodRows.map((method) => method.currency))].sort(),
    makers: makers as unknown as HistoryFilterOptions["makers"],
  };
}
