import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export type EndpointSecret = { secret: string; createdAt: string; expiresAt: string | null };

/** An admin-registered receiver of our events (Standard Webhooks). */
export const outgoingWebhookEndpoints = pgTable("outgoing_webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  events: text("events").array().notNull(),
  /** `whsec_` secrets: the newest signs, an older one stays valid until its expiry (rotation). */
  secrets: jsonb("secrets").$type<EndpointSecret[]>().notNull(),
  enabled: boolean("enabled").notNull().default(true),
  disabledReason: text("disabled_reason"),
  /** The first failed attempt since the last success: 5 days of failure disables the endpoint. */
  failingSince: timestamp("failing_since", { withTimezone: true }),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type OutgoingWebhookEndpoint = typeof outgoingWebhookEndpoints.$inferSelect;

/** One event, as sent to every subscribed endpoint (the `webhook-id` is this id). */
export const outgoingWebhookMessages = pgTable(
  "outgoing_webhook_messages",
  {
    id: text("id").primaryKey(), // msg_…
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").notNull(),
    /** What caused it: makes deriving events from the audit trail idempotent. */
    sourceKey: text("source_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("outgoing_webhook_messages_source_idx").on(t.eventType, t.sourceKey)],
);

/** One message to one endpoint: pending until delivered or out of attempts. */
export const outgoingWebhookDeliveries = pgTable(
  "outgoing_webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: text("message_id")
      .notNull()
      .references(() => outgoingWebhookMessages.id),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => outgoingWebhookEndpoints.id, { onDelete: "cascade" }),
    status: text("status").notNull().default("pending"), // pending | sending | succeeded | failed
    attempts: integer("attempts").notNull().default(0),
    /** While `sending`: when another worker may take it over (a crashed sender). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("outgoing_webhook_deliveries_unique").on(t.messageId, t.endpointId), index("outgoing_webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc())],
);

/** Each HTTP attempt of a delivery, listed on the endpoint page. */
export const outgoingWebhookAttempts = pgTable(
  "outgoing_webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => outgoingWebhookDeliveries.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer("response_status"),
    latencyMs: integer("latency_ms").notNull(),
    /** The response body, cut to 2 KB. */
    responseBody: text("response_body"),
    error: text("error"),
    manual: boolean("manual").notNull().default(false),
  },
  (t) => [index("outgoing_webhook_attempts_endpoint_idx").on(t.endpointId, t.at.desc()), index("outgoing_webhook_attempts_delivery_idx").on(t.deliveryId)],
);
