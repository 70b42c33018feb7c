import { sql } from "drizzle-orm";
import type { ServiceContext } from "../context";

/** Deliveries due for over `olderThanS` with no job waiting (lost, or a worker died mid-attempt): queued again. */
export async function findStrandedDeliveries(ctx: ServiceContext, input: { olderThanS: number; queue: string }): Promise<string[]> {
  const rows = await ctx.db.execute<{ id: string }>(sql`
    select d.id from outgoing_webhook_deliveries d
    where (d.status = 'pending' or (d.status = 'sending' and d.locked_until < now()))
      and d.next_attempt_at < now() - make_interval(secs => ${input.olderThanS})
      and not exists (select 1 from pgboss.job j where j.name = ${input.queue} and j.data->>'deliveryId' = d.id::text and j.state < 'completed')
    limit 1000`);
  return rows.map((row) => row.id);
}
