import { eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, payoutMethods, users, type Batch, type StoredField } from "../db/schema";

export type BatchView = Batch & {
  maker: { id: string; name: string; email: string };
  methodLabel: string;
  /** The method's fields as last synced (labels for the params columns); null when it is unusable. */
  methodFields: StoredField[] | null;
};

/** A batch with its maker and method label, or null when there is no such batch. */
export async function getBatch(ctx: ServiceContext, input: { batchId: string }): Promise<BatchView | null> {
  const [row] = await ctx.db
    .select({ batch: batches, maker: { id: users.id, name: users.name, email: users.email }, methodLabel: payoutMethods.label, methodFields: payoutMethods.fields })
    .from(batches)
    .innerJoin(users, eq(users.id, batches.createdBy))
    .innerJoin(payoutMethods, eq(payoutMethods.name, batches.methodName))
    .where(eq(batches.id, input.batchId));
  return row ? { ...row.batch, maker: row.maker, methodLabel: row.methodLabel, methodFields: row.methodFields } : null;
}
