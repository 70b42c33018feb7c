import { sql } from "drizzle-orm";
import { index, integer, jsonb, numeric, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { batchStatusEnum, type ProviderStatus } from "./enums";
import { payoutMethods } from "./methods";
import { users } from "./users";

/** A transaction Hello Clever reported that no row of the batch could be matched to. */
export type UnmatchedProviderTransaction = { uuid: string; externalId: string | null; payee: string | null; amount: string; status: string; errorMessage: string | null };

/** One batch = one Hello Clever payout. Its id is the payout's external_id (at-most-once). */
export const batches = pgTable(
  "batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: batchStatusEnum("status").notNull().default("draft"),
    methodName: text("method_name").notNull().references(() => payoutMethods.name),
    currency: text("currency").notNull(),
    description: text("description").notNull(),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    totalAmount: numeric("total_amount").notNull().default("0"),
    transactionCount: integer("transaction_count").notNull().default(0),
    invalidCount: integer("invalid_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    approvalsNeeded: integer("approvals_needed").notNull().default(1),
    /** Bumped on every edit, so an approval of an older version is refused. */
    version: integer("version").notNull().default(1),
    /**
     * Fingerprint of the method spec the stored rows were last checked against (set by a save
     * that stored no invalid row); submit re-checks the rows only when the method has changed.
     */
    rowsCheckedAgainst: text("rows_checked_against"),
    /** Canonical hash of exactly what would be sent, computed at submit-for-approval. */
    payloadHash: text("payload_hash"),
    rejectionReason: text("rejection_reason"),
    rejectedBy: uuid("rejected_by").references(() => users.id),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    /** Why the batch needs a person: one of ATTENTION_CODES in lib/submission/attention-codes.ts. */
    attentionCode: text("attention_code"),
    attentionMessage: text("attention_message"),
    attentionDetails: jsonb("attention_details").$type<Record<string, unknown>>(),
    webhookSecretHash: text("webhook_secret_hash"),
    providerUuid: text("provider_uuid").unique(),
    /** The provider's own text (an unknown status is stored as sent; see KNOWN_PROVIDER_STATUSES). */
    providerStatus: text("provider_status").$type<ProviderStatus>(),
    providerTotalAmount: numeric("provider_total_amount"),
    providerErrorCode: text("provider_error_code"),
    providerErrorMessage: text("provider_error_message"),
    /** Provider transactions that matched no row (by external_id, or payee + amount when unique): shown on the batch, never dropped. */
    providerUnmatched: jsonb("provider_unmatched").$type<UnmatchedProviderTransaction[]>(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** When the latest approved → submitting move happened: bounds the lookup after an unknown outcome. */
    submissionStartedAt: timestamp("submission_started_at", { withTimezone: true }),
    submissionAttempts: integer("submission_attempts").notNull().default(0),
    submittedForApprovalAt: timestamp("submitted_for_approval_at", { withTimezone: true }),
    approvalExpiresAt: timestamp("approval_expires_at", { withTimezone: true }),
    lastReconciledAt: timestamp("last_reconciled_at", { withTimezone: true }),
    /** The batch this one was made from ("Duplicate batch", "New batch from failed rows", "Edit and resubmit"). */
    copiedFromId: uuid("copied_from_id").references((): AnyPgColumn => batches.id),
    /** How it was made from `copiedFromId`: one of COPY_KINDS (lib/batches/copy-kinds.ts). */
    copyKind: text("copy_kind"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("batches_status_updated_idx").on(t.status, t.updatedAt.desc()),
    index("batches_updated_idx").on(t.updatedAt.desc(), t.id),
    index("batches_created_by_idx").on(t.createdBy),
    index("batches_copied_from_idx").on(t.copiedFromId),
    index("batches_created_idx").on(t.createdAt.desc(), t.id.desc()), // history's batch view pages on it
    index("batches_open_provider_idx").on(t.updatedAt).where(sql`${t.status} in ('submitted','processing','scheduled','needs_attention')`),
  ],
);
export type Batch = typeof batches.$inferSelect;
export type NewBatch = typeof batches.$inferInsert;
