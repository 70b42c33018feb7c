import { boolean, jsonb, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export type StoredBank = { code: string; name: string; shortName: string | null };
export type StoredField = { key: string; type: "string"; required: boolean; label: string };

/** The Hello Clever methods catalogue as last synced: raw spec, parsed fields, and why a method is unusable. */
export const payoutMethods = pgTable("payout_methods", {
  name: text("name").primaryKey(), // payout_method_name
  currency: text("currency").notNull(),
  country: text("country"),
  label: text("label").notNull(),
  rawParams: jsonb("raw_params").$type<Record<string, unknown>>(),
  fields: jsonb("fields").$type<StoredField[]>(),
  parseError: text("parse_error"), // set: the method cannot be used, and this says why
  banks: jsonb("banks").$type<StoredBank[]>().notNull().default([]),
  minAmount: numeric("min_amount"),
  maxAmount: numeric("max_amount"),
  requireContact: boolean("require_contact").notNull().default(false),
  requireKyc: boolean("require_kyc").notNull().default(false),
  isRefundable: boolean("is_refundable").notNull().default(false),
  isCancellable: boolean("is_cancellable").notNull().default(false),
  syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
});
export type PayoutMethod = typeof payoutMethods.$inferSelect;
export type NewPayoutMethod = typeof payoutMethods.$inferInsert;
