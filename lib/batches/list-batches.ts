import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../context";
import { DEFAULT_APPROVAL_THRESHOLD } from "../approvals/schemas";
import { approvals, approvalThresholds, batches, batchStatusEnum, payoutMethods, transactions, users, type BatchStatus } from "../db/schema";
import { isRealTimestamp } from "../history/cursor";
import { approvalsNeededFor } from "../policy/batches";

export const BATCH_SORTS = ["updated", "total", "transactions"] as const;
export type BatchSort = (typeof BATCH_SORTS)[number];

/** The /api/batches query: filters, sort and an opaque keyset cursor (`?status=a,b&sort=total&dir=asc`). */
export const listBatchesQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((text) => (text ? text.split(",").filter(Boolean) : []))
    .pipe(z.array(z.enum(batchStatusEnum.enumValues, { error: "status: unknown batch status" }))),
  sort: z.enum(BATCH_SORTS, { error: `sort: one of ${BATCH_SORTS.join(", ")}` }).default("updated"),
  dir: z.enum(["asc", "desc"], { error: "dir: asc or desc" }).default("desc"),
  /** Payee search: a name, an email or an account number in any of the batch's transactions. */
  q: z
    .string()
    .max(100, { error: "q: at most 100 characters" })
    .optional()
    .transform((text) => text?.trim() || undefined),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListBatchesQuery = z.output<typeof listBatchesQuerySchema>;

/** One row of the live batch table. */
export type BatchListRow = {
  id: string;
  status: BatchStatus;
  description: string;
  methodName: string;
  methodLabel: string | null;
  currency: string;
  totalAmount: string;
  transactionCount: number;
  failedCount: number;
  /** Settled transactions and their sum, once Hello Clever has finished with the batch; null before. */
  paidCount: number | null;
  paidAmount: string | null;
  makerName: string;
  approvals: number;
  approvalsNeeded: number;
  updatedAt: string;
  createdAt: string;
};

export type BatchListPage = { rows: BatchListRow[]; nextCursor: string | null };

// Each sort column with the type its cursor text is read back as (exact: no float or ms rounding).
const SORT_COLUMNS = {
  updated: { column: batches.updatedAt, cast: "timestamptz" },
  total: { column: batches.totalAmount, cast: "numeric" },
  transactions: { column: batches.transactionCount, cast: "int" },
} as const;

const cursorSchema = z.tuple([z.string(), z.uuid()]);

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

// What a cursor's value must look like for its column's cast: a forged one is never sent to SQL.
const CURSOR_VALUE: Record<(typeof SORT_COLUMNS)[keyof typeof SORT_COLUMNS]["cast"], (value: string) => boolean> = {
  timestamptz: isRealTimestamp,
  numeric: (value) => /^-?\d{1,20}(\.\d{1,12})?$/.test(value),
  int: (value) => /^-?\d{1,9}$/.test(value),
};

function decodeCursor(cursor: string, cast: keyof typeof CURSOR_VALUE): [string, string] | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success && CURSOR_VALUE[cast](parsed.data[0]) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A page of batches for the live table, newest change first by default (keyset pagination). */
export async function listBatches(ctx: ServiceContext, query: ListBatchesQuery): Promise<BatchListPage> {
  const { column, cast } = SORT_COLUMNS[query.sort];
  const conditions: SQL[] = [];
  if (query.status.length) conditions.push(inArray(batches.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = query.q.replace(/[\s-]/g, "");
    conditions.push(sql`exists (
      select 1 from ${transactions} t where t.batch_id = ${batches.id}
      and ((t.first_name || ' ' || t.last_name) ilike ${like} or t.email ilike ${like}
           or t.params->>'account_number' = ${digits} or t.params->>'account_number' ilike ${like}))`);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, cast);
    // A cursor we did not issue reads as the first page rather than an error page.
    if (cursor) {
      const [value, id] = cursor;
      const operator = sql.raw(query.dir === "desc" ? "<" : ">");
      conditions.push(sql`(${column}, ${batches.id}) ${operator} (${value}::${sql.raw(cast)}, ${id}::uuid)`);
    }
  }
  const order = query.dir === "desc" ? desc : asc;
  const rows = await ctx.db
    .select({
      id: batches.id,
      status: batches.status,
      description: batches.description,
      methodName: batches.methodName,
      methodLabel: payoutMethods.label,
      currency: batches.currency,
      totalAmount: batches.totalAmount,
      transactionCount: batches.transactionCount,
      failedCount: batches.failedCount,
      paidCount: sql<number | null>`case when ${batches.status} in ('completed','cancelled','expired') then (select count(*)::int from ${transactions} where ${transactions.batchId} = ${batches.id} and ${transactions.providerStatus} = 'settled') end`,
      paidAmount: sql<string | null>`case when ${batches.status} in ('completed','cancelled','expired') then (select coalesce(sum(${transactions.amount}), 0)::text from ${transactions} where ${transactions.batchId} = ${batches.id} and ${transactions.providerStatus} = 'settled') end`,
      threshold: sql<string | null>`(select ${approvalThresholds.amount}::text from ${approvalThresholds} where ${approvalThresholds.currency} = ${batches.currency})`,
      makerName: users.name,
      // Approvals of the version being approved: an edit sends a batch back to zero.
      approvals: sql<number>`(select count(*)::int from ${approvals} where ${approvals.batchId} = ${batches.id} and ${approvals.batchVersion} = ${batches.version})`,
      approvalsNeeded: batches.approvalsNeeded,
      updatedAt: batches.updatedAt,
      createdAt: batches.createdAt,
      sortValue: sql<string>`${column}::text`,
    })
    .from(batches)
    .innerJoin(users, eq(users.id, batches.createdBy))
    .leftJoin(payoutMethods, eq(payoutMethods.name, batches.methodName))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(order(column), order(batches.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    rows: page.map((row) => ({
      id: row.id,
      status: row.status,
      description: row.description,
      methodName: row.methodName,
      methodLabel: row.methodLabel,
      currency: row.currency,
      totalAmount: row.totalAmount,
      transactionCount: row.transactionCount,
      failedCount: row.failedCount,
      paidCount: row.paidCount,
      paidAmount: row.paidAmount,
      makerName: row.makerName,
      approvals: row.approvals,
      // A draft shows the approvals it WILL need at its total; later ones what was fixed at submission.
      approvalsNeeded: row.status === "draft" ? approvalsNeededFor(row.totalAmount, row.threshold ?? DEFAULT_APPROVAL_THRESHOLD) : row.approvalsNeeded,
      updatedAt: row.updatedAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: more && last ? encodeCursor(last.sortValue, last.id) : null,
  };
}
