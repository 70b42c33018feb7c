import { sql } from "drizzle-orm";
import { index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { batches } from "./batches";

export type RowError = { field: string; message: string };

/** One payee line of a batch; `position` keeps the order sent to and returned by Hello Clever. */
export const transactions = pgTable(
  "transactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email").notNull(),
    amount: numeric("amount"), // null only on a draft row whose amount did not parse
    externalId: text("external_id"),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    /** Draft rows may be saved invalid; their errors are kept so nothing typed is lost. */
    errors: jsonb("errors").$type<RowError[]>(),
    rawAmount: text("raw_amount"),
    providerUuid: text("provider_uuid"),
    providerStatus: text("provider_status"), // pending | settled | failed (assumed list)
    failureReason: text("failure_reason"),
    /** Why this row failed in the batch it was copied from ("New batch from failed rows"); shown beside it. */
    previousFailureReason: text("previous_failure_reason"),
    // Copied from the batch by a trigger (migration 0004), never written by the app: history
    // filters on them with one index each instead of joining 1,000,000 rows to batches.
    methodName: text("method_name"),
    currency: text("currency"),
    makerId: uuid("maker_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("transactions_batch_position_idx").on(t.batchId, t.position),
    // What a risk flag references: its row in its batch, one key checked instead of two.
    uniqueIndex("transactions_batch_id_idx").on(t.batchId, t.id),
    // History is keyset-paged newest first, a batch's rows in their order: (created_at, batch_id,
    // -position), all descending. Each filter gets its own prefix so a rare value is read from the
    // index in page order instead of scanning the whole table.
    index("transactions_history_idx").on(t.createdAt.desc(), t.batchId.desc(), sql`(-${t.position}) desc`),
    index("transactions_method_history_idx").on(t.methodName, t.createdAt.desc(), t.batchId.desc(), sql`(-${t.position}) desc`),
    index("transactions_currency_history_idx").on(t.currency, t.createdAt.desc(), t.batchId.desc(), sql`(-${t.position}) desc`),
    index("transactions_maker_history_idx").on(t.makerId, t.createdAt.desc(), t.batchId.desc(), sql`(-${t.position}) desc`),
    index("transactions_status_history_idx").on(t.providerStatus, t.createdAt.desc(), t.batchId.desc(), sql`(-${t.position}) desc`),
    index("transactions_amount_idx").on(t.amount),
    // History and payee search find a payee by account number (exact, as typed without spaces).
    index("transactions_account_number_idx").on(sql`(${t.params}->>'account_number')`),
    // Submit's risk step reads each payee's earlier payouts on the method (history, duplicates).
    index("transactions_method_email_idx").on(t.methodName, sql`lower(${t.email})`),
  ],
);
export type Transaction = typeof transactions.$inferSelect;
export type NewTransaction = typeof transactions.$inferInsert;
