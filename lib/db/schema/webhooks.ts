import { bigint, bigserial, boolean, customType, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
import { batches } from "./batches";

/** Every authentic webhook delivery, stored raw before anything is applied. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    batchId: uuid("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    contentType: text("content_type"),
    /**
     * The body as text (NUL escaped as \\u0000; PostgreSQL text cannot hold it): the whole body up to
     * 64 KB; for a larger one its first 64 KB only, the whole of it being in body_gzip.
     */
    body: text("body").notNull(),
    /** Bodies over 64 KB: the whole body, gzip-compressed (streamed: never held uncompressed). */
    bodyGzip: bytea("body_gzip"),
    /** sha256 (hex) and size in bytes of the whole body as received. */
    bodySha256: text("body_sha256"),
    bodySize: bigint("body_size", { mode: "number" }),
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
