import { pgEnum } from "drizzle-orm/pg-core";
import { BATCH_STATUSES, type BatchStatus } from "../../batches/statuses";

export const roleEnum = pgEnum("role", ["operator", "approver", "auditor", "admin"]);
export type Role = (typeof roleEnum.enumValues)[number];

export const batchStatusEnum = pgEnum("batch_status", BATCH_STATUSES);
export type { BatchStatus };

/** Hello Clever payout statuses, in their forward order; `cancelled` is the simulator's assumption for a cancelled scheduled payout. */
export const providerStatusEnum = pgEnum("provider_status", ["created", "processing", "scheduled", "completed", "expired", "cancelled"]);
export type ProviderStatus = (typeof providerStatusEnum.enumValues)[number];
