import { pgEnum } from "drizzle-orm/pg-core";
import { BATCH_STATUSES, type BatchStatus } from "../../batches/statuses";

export const roleEnum = pgEnum("role", ["operator", "approver", "auditor", "admin"]);
export type Role = (typeof roleEnum.enumValues)[number];

export const batchStatusEnum = pgEnum("batch_status", BATCH_STATUSES);
export type { BatchStatus };

/**
 * The Hello Clever payout statuses the console knows, in their forward order (`cancelled` is the
 * simulator's assumption for a cancelled scheduled payout). The column stores the provider's text
 * (batches.provider_status is text): an undocumented status is kept as sent, never refused.
 */
export const KNOWN_PROVIDER_STATUSES = ["created", "processing", "scheduled", "completed", "expired", "cancelled"] as const;
export type KnownProviderStatus = (typeof KNOWN_PROVIDER_STATUSES)[number];
/** A payout status as Hello Clever sent it: one of the known ones or any other text. */
export type ProviderStatus = KnownProviderStatus | (string & {});
