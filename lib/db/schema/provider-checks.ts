import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export type StoredContractCheck = { endpoint: string; what: string; outcome: "held" | "differs" | "skipped"; detail: string };

/** Each "Provider check" run from /admin: the read-only contract checks against Hello Clever, and whether they held. */
export const providerChecks = pgTable(
  "provider_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ranAt: timestamp("ran_at", { withTimezone: true }).notNull().defaultNow(),
    held: boolean("held").notNull(),
    checks: jsonb("checks").$type<StoredContractCheck[]>().notNull(),
    actorLabel: text("actor_label").notNull(),
  },
  (table) => [index("provider_checks_ran_at_idx").on(table.ranAt)],
);
export type ProviderCheckRow = typeof providerChecks.$inferSelect;
