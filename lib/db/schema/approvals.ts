import { integer, numeric, pgTable, timestamp, unique, uuid, text } from "drizzle-orm/pg-core";
import { batches } from "./batches";
import { users } from "./users";

export const approvals = pgTable(
  "approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    approverId: uuid("approver_id").notNull().references(() => users.id),
    batchVersion: integer("batch_version").notNull(),
    /** The canonical hash of the payload this approval approved (lib/approvals/payload-hash.ts). */
    payloadHash: text("payload_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("approvals_batch_approver_unique").on(t.batchId, t.approverId)],
);
export type Approval = typeof approvals.$inferSelect;

/** Per-currency total above which a batch needs two approvals (absent: the default, 10,000). */
export const approvalThresholds = pgTable("approval_thresholds", {
  currency: text("currency").primaryKey(),
  amount: numeric("amount").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
