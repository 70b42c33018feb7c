// Client-safe: the endpoint form lists these.

/** The events an endpoint may subscribe to (Standard Webhooks `type`). */
export const WEBHOOK_EVENT_TYPES = [
  "batch.pending_approval",
  "batch.approved",
  "batch.rejected",
  "batch.submitted",
  "batch.status_changed",
  "batch.completed",
  "transaction.failed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * When an attempt fails, the next one waits this long (seconds): immediately, 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h. `OUTGOING_WEBHOOK_RETRY_SCHEDULE_S` replaces it (tests shorten it).
 */
export const DEFAULT_RETRY_SCHEDULE_S = [0, 5, 300, 1800, 7200, 18000, 36000, 36000] as const;
