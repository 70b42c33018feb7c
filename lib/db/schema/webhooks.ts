import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { batches } from "./batches";

/** Every authentic webhook delivery, stored raw before anything is applied. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    batchId: uuid("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    contentType: text("content_type"),
    body: text("body").notNull(),
    malformed: boolean("malformed").notNull().default(false),
    /** The status the body claimed (a hint only; the provider's detail is what gets applied). */
    claimedStatus: text("claimed_status"),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [index("webhook_deliveries_batch_idx").on(t.batchId, t.receivedAt)],
);

/** The batch timeline: each provider status seen (webhook, reconciliation, submission) and whether it moved the batch. */
export const providerEvents = pgTable(
  "provider_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    batchId: uuid("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    source: text("source").notNull(), // webhook | reconcile | submit | resolve
    providerStatus: text("provider_status"),
    outcome: text("outcome").notNull(), // applied | stale | repeated | error
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("provider_events_batch_idx").on(t.batchId, t.createdAt)],
);
