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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("transactions_batch_position_idx").on(t.batchId, t.position), index("transactions_created_idx").on(t.createdAt.desc(), t.id.desc())],
);
export type Transaction = typeof transactions.$inferSelect;
export type NewTransaction = typeof transactions.$inferInsert;
