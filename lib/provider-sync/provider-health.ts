import { sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { KNOWN_PROVIDER_STATUSES } from "../db/schema/enums";
import { KNOWN_TRANSACTION_STATUSES } from "./provider-status";

export type ProviderHealth = {
  /** Payout statuses Hello Clever sent that the console does not know, with how many batches hold each. */
  unknownPayoutStatuses: { status: string; batches: number }[];
  /** Transaction statuses it does not know, with how many rows hold each. */
  unknownTransactionStatuses: { status: string; transactions: number }[];
  /** Provider transactions that matched no row, over all batches. */
  unmatchedTransactions: number;
  /** Webhook deliveries refused (401/413/5xx) in the last 24 hours, by answer (timeline rows: at most one a minute per batch and code). */
  refusedDeliveries: { httpStatus: number; count: number }[];
};

const list = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

/** /admin "Provider health": what Hello Clever sent that the console could not fully place. */
export async function getProviderHealth(ctx: ServiceContext): Promise<ProviderHealth> {
  const { db } = ctx;
  const [payout, transaction, unmatched, refused] = await Promise.all([
    db.execute<{ status: string; n: number }>(sql`
      select provider_status as status, count(*)::int as n from batches
      where provider_status is not null and provider_status not in (${list(KNOWN_PROVIDER_STATUSES)})
      group by 1 order by 2 desc limit 50`),
    db.execute<{ status: string; n: number }>(sql`
      select provider_status as status, count(*)::int as n from transactions
      where provider_status is not null and provider_status not in (${list(KNOWN_TRANSACTION_STATUSES)})
      group by 1 order by 2 desc limit 50`),
    db.execute<{ n: number }>(sql`select coalesce(sum(jsonb_array_length(provider_unmatched)), 0)::int as n from batches where provider_unmatched is not null`),
    db.execute<{ http_status: number; n: number }>(sql`
      select (detail->>'httpStatus')::int as http_status, count(*)::int as n from provider_events
      where outcome = 'refused' and created_at > now() - interval '24 hours'
      group by 1 order by 1`),
  ]);
  return {
    unknownPayoutStatuses: [...payout].map((row) => ({ status: row.status, batches: row.n })),
    unknownTransactionStatuses: [...transaction].map((row) => ({ status: row.status, transactions: row.n })),
    unmatchedTransactions: [...unmatched][0]?.n ?? 0,
    refusedDeliveries: [...refused].map((row) => ({ httpStatus: row.http_status, count: row.n })),
  };
}
