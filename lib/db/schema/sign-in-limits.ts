import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Sign-in failure counters, one row per key: `email:<email>`, `pair:<email>|<ip>`, `ip:<ip>` and
 * `global`. Counted before the password is checked (one atomic upsert), so parallel attempts
 * cannot slip past a limit; over the limit, a key backs off (`blockedUntil`) rather than locking.
 */
export const signInLimits = pgTable("sign_in_limits", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

/**
 * Failed sign-ins in aggregate: one row per email, IP and minute with a count, instead of one
 * append-only audit row per attempt (which let anyone fill the audit trail without an account).
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    failures: integer("failures").notNull().default(0),
    refused: integer("refused").notNull().default(0),
    lastReason: text("last_reason").notNull(),
  },
  (table) => [primaryKey({ columns: [table.minute, table.email, table.ip] }), index("sign_in_failures_email_idx").on(table.email, table.minute)],
);
