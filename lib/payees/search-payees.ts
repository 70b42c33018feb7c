import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { payees, type Payee } from "../db/schema";
import { containsPattern } from "../history/filter-sql";

/**
 * The payee search (the /payees page and the batch editor's picker): by name, email or account
 * number (part of any), optionally within one method; approved payees first, then by name.
 */
export async function searchPayees(ctx: ServiceContext, input: { q?: string; methodName?: string; limit?: number }): Promise<Payee[]> {
  const where: SQL[] = [];
  if (input.methodName) where.push(eq(payees.methodName, input.methodName));
  const q = input.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    where.push(or(ilike(payees.name, pattern), ilike(payees.email, pattern), sql`${payees.params}->>'account_number' ilike ${pattern}`)!);
  }
  return ctx.db
    .select()
    .from(payees)
    .where(where.length ? and(...where) : undefined)
    .orderBy(sql`case ${payees.status} when 'active' then 0 when 'pending_approval' then 1 else 2 end`, asc(payees.name), asc(payees.id))
    .limit(input.limit ?? 50);
}
