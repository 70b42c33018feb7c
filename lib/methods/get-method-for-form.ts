import { eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { payoutMethods, type PayoutMethod } from "../db/schema";
import { DomainError } from "../errors";
import type { MethodForForm } from "./schemas";

export type MethodUsability = { usable: true; method: MethodForForm } | { usable: false; reason: string };

/** A stored catalogue row as the form needs it, or why it cannot be used (DESIGN "Dynamic forms"). */
export function methodForFormFromRow(row: PayoutMethod): MethodUsability {
  if (row.parseError !== null) return { usable: false, reason: row.parseError };
  if (row.fields === null) return { usable: false, reason: `Method ${row.name}: its fields have not been synced` };
  return {
    usable: true,
    method: {
      name: row.name,
      label: row.label,
      currency: row.currency,
      country: row.country,
      minAmount: row.minAmount,
      maxAmount: row.maxAmount,
      fields: row.fields,
      banks: row.banks.map((bank) => ({ code: bank.code, name: bank.name })),
    },
  };
}

/** The stored method `name` ready for a form; refuses an unknown or unusable method. */
export async function getMethodForForm(ctx: ServiceContext, input: { name: string }): Promise<MethodForForm> {
  const [row] = await ctx.db.select().from(payoutMethods).where(eq(payoutMethods.name, input.name));
  if (!row) throw new DomainError("not_found", `Payout method ${input.name} is not in the catalogue`);
  const usability = methodForFormFromRow(row);
  if (!usability.usable) throw new DomainError("conflict", `Payout method ${row.label} cannot be used: ${usability.reason}`);
  return usability.method;
}
