import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { users } from "./users";

/**
 * A machine API key. Its id is also a (never signing-in) users row, so batches it makes carry it
 * as their maker and maker-checker holds; only the secret's sha256 is stored.
 */
export const apiKeys = pgTable("api_keys", {
  id: uuid("id")
    .primaryKey()
    .references(() => users.id),
  name: text("name").notNull(),
  role: roleEnum("role").notNull(), // operator or auditor (lib/api-keys/schemas.ts)
  /** The visible start of the key (`pdk_<prefix>_…`), to find it and to show it in lists. */
  prefix: text("prefix").notNull().unique(),
  secretHash: text("secret_hash").notNull(),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
export type ApiKey = typeof apiKeys.$inferSelect;

/** `Idempotency-Key` answers, kept 24 hours: the same key and body get the first answer again. */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still running. */
    status: integer("status"),
    body: jsonb("body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("api_idempotency_created_idx").on(t.createdAt)],
);

/** Calls per key per fixed window (rate limits across every app instance). */
export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    apiKeyId: uuid("api_key_id").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    calls: integer("calls").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.windowStart] })],
);
