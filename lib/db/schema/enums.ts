import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["operator", "approver", "auditor", "admin"]);
export type Role = (typeof roleEnum.enumValues)[number];

/** Local batch lifecycle (DESIGN: Batch lifecycle). */
export const batchStatusEnum = pgEnum("batch_status", [
  "draft",
  "pending_approval",
  "approved",
  "submitting",
  "submitted",
  "processing",
  "scheduled",
  "completed",
  "expired",
  "rejected",
  "cancelled",
  "needs_attention",
  // Waited longer than APPROVAL_EXPIRY_DAYS for approval; distinct from `expired`, which is the provider's.
  "approval_expired",
]);
export type BatchStatus = (typeof batchStatusEnum.enumValues)[number];

/** Hello Clever payout statuses, in their forward order; `cancelled` is the simulator's assumption for a cancelled scheduled payout. */
export const providerStatusEnum = pgEnum("provider_status", ["created", "processing", "scheduled", "completed", "expired", "cancelled"]);
export type ProviderStatus = (typeof providerStatusEnum.enumValues)[number];
