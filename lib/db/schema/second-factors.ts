import { bigint, boolean, index, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { users } from "./users";

/** A user's TOTP authenticator; the secret is AES-256-GCM encrypted (TOTP_ENCRYPTION_KEY). Unconfirmed until a first code checks. */
export const userTotp = pgTable("user_totp", {
  userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  secretEncrypted: text("secret_encrypted").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  // Replay protection: a code's time step is accepted once, and never an earlier one.
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes: only a SHA-256 hash is kept; a used code stays (with its time) so it is refused. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("recovery_codes_user_idx").on(table.userId)],
);

/** WebAuthn passkeys registered as a second factor. */
export const passkeys = pgTable(
  "passkeys",
  {
    id: text("id").primaryKey(), // credential id, base64url
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    publicKey: text("public_key").notNull(), // base64url COSE key
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: text("transports").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (table) => [index("passkeys_user_idx").on(table.userId)],
);

/** Outstanding WebAuthn challenges (registration or authentication), consumed once, short-lived. */
export const webauthnChallenges = pgTable("webauthn_challenges", {
  id: uuid("id").primaryKey().defaultRandom(),
  challenge: text("challenge").notNull(),
  userId: uuid("user_id"),
  purpose: text("purpose").notNull(), // "register" | "authenticate"
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** The last second-factor proof of each session (sign-in or step-up); step-up needs one within 5 minutes. */
export const sessionStepUps = pgTable("session_step_ups", {
  sessionId: text("session_id").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  method: text("method").notNull(), // totp | recovery_code | passkey
  verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull(),
});

/** Wrong second-factor codes per user, counted before the code is checked, so guesses cannot be raced. */
export const secondFactorThrottle = pgTable("second_factor_throttle", {
  userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  failures: smallint("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Console-wide security settings (one row, id 1). */
export const securitySettings = pgTable("security_settings", {
  id: integer("id").primaryKey().default(1),
  requireSecondFactorForAll: boolean("require_second_factor_for_all").notNull().default(false),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Separation of admin duties: every role grant (a user's creation or a change of roles). Granting
 * approver or admin while another admin is active waits (`pending`) for a second admin's confirmation;
 * applied grants of the last 24 hours keep the grantee from approving their granters' batches.
 */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // create | change_roles
    roles: roleEnum("roles").array().notNull(),
    status: text("status").notNull(), // pending | applied | cancelled
    requestedBy: uuid("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (table) => [index("role_grants_user_idx").on(table.userId, table.status)],
);
export type RoleGrant = typeof roleGrants.$inferSelect;
