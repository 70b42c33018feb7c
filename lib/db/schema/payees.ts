import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { RiskFlagDetails } from "../../risk/flag-message";
import { payoutMethods } from "./methods";
import { users } from "./users";

/** What a payee change proposes (maker-checker: someone other than `requestedBy` approves it). */
export type PayeeDetails = { name: string; email: string; params: Record<string, string> };

/**
 * The payee book: one person or business per method, keyed by (method, email). `params` are the
 * approved account details; a pending change waits in `pending` until someone else approves it.
 */
export const payees = pgTable(
  "payees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    methodName: text("method_name").notNull().references(() => payoutMethods.name),
    name: text("name").notNull(),
    email: text("email").notNull(), // stored lower-case
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    /** pending_approval: never approved yet; active: approved details; rejected: its first approval was refused. */
    status: text("status").$type<"pending_approval" | "active" | "rejected">().notNull().default("pending_approval"),
    pending: jsonb("pending").$type<PayeeDetails>(),
    pendingBy: uuid("pending_by").references(() => users.id),
    pendingAt: timestamp("pending_at", { withTimezone: true }),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    /** When the approved account details last changed (not set by the first approval). */
    detailsChangedAt: timestamp("details_changed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payees_method_email_idx").on(t.methodName, t.email),
    index("payees_search_idx").using("gin", sql`(${t.name} || ' ' || ${t.email} || ' ' || coalesce(${t.params}->>'account_number', '')) gin_trgm_ops`),
  ],
);
export type Payee = typeof payees.$inferSelect;

/**
 * Risk flags of a batch's rows, computed on the server at submit-for-approval (and on a payee
 * change): derived facts, up to three a row on 10,000 rows, so each row of this table is cheap.
 * (batch_id, transaction_id) names a row of that batch: flags are only ever written by a join to
 * their rows, and go with them (a statement trigger, migration 0024, instead of a per-flag key
 * check: 30,000 lookups per submit). payee_id records which payee the row matched. A flag keeps
 * only the facts its sentence needs beyond its row (`details`); the sentence is written when it
 * is read (lib/risk/flag-message.ts).
 */
export const riskFlags = pgTable(
  "risk_flags",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    batchId: uuid("batch_id").notNull(),
    transactionId: uuid("transaction_id").notNull(),
    payeeId: uuid("payee_id"),
    code: text("code").notNull(),
    severity: text("severity").$type<"high" | "medium" | "low">().notNull(),
    details: jsonb("details").$type<RiskFlagDetails>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("risk_flags_batch_transaction_idx").on(t.batchId, t.transactionId),
  ],
);
export type RiskFlag = typeof riskFlags.$inferSelect;

/** Policy next to the amount threshold: require a second approval when any high flag is present. */
export const riskSettings = pgTable("risk_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The audit chain's head: one row, locked by every audit insert (trigger, migration). */
export const auditChainHead = pgTable("audit_chain_head", {
  id: text("id").primaryKey().default("head"),
  seq: bigint("seq", { mode: "number" }).notNull().default(0),
  hash: text("hash").notNull(),
});

/** Hello Clever contacts known for an email (create contact / detail by email), with KYC status. */
export const helloCleverContacts = pgTable("hello_clever_contacts", {
  email: text("email").primaryKey(),
  providerId: text("provider_id"),
  kycStatus: text("kyc_status"),
  raw: jsonb("raw").$type<Record<string, unknown>>(),
  createdBy: uuid("created_by").references(() => users.id),
  syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
});
