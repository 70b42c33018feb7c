import { asc } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { payoutMethods, type PayoutMethod } from "../db/schema";
import { methodForFormFromRow, type MethodUsability } from "./get-method-for-form";

export type MethodListItem = PayoutMethod & { usability: MethodUsability };

/** The stored catalogue, ordered by currency then label, each with whether a batch may use it. */
export async function listMethods(ctx: ServiceContext): Promise<MethodListItem[]> {
  const rows = await ctx.db.select().from(payoutMethods).orderBy(asc(payoutMethods.currency), asc(payoutMethods.label), asc(payoutMethods.name));
  return rows.map((row) => ({ ...row, usability: methodForFormFromRow(row) }));
}
