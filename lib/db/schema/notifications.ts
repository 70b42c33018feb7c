import { sql } from "drizzle-orm";
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** One in-app notification for one person (the bell and /notifications); email follows the person's preferences. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    /** One of NOTIFICATION_KINDS (lib/notifications/kinds.ts). */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** A console path (`/batches/<id>`), made absolute in mail. */
    link: text("link"),
    batchId: uuid("batch_id"),
    /** What caused it (`audit:<id>`, `expiring:<batch>`): with user and kind, makes fan-out idempotent. */
    sourceKey: text("source_key").notNull(),
    /** Mail for it: null (none), `pending` (a send-mail job owns it), `digest` (waits for the daily digest), `sent`. */
    mailStatus: text("mail_status"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_source_idx").on(t.userId, t.kind, t.sourceKey),
    index("notifications_user_idx").on(t.userId, t.createdAt.desc()),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_mail_idx").on(t.mailStatus, t.createdAt).where(sql`${t.mailStatus} in ('pending', 'digest')`),
  ],
);
export type Notification = typeof notifications.$inferSelect;

/** Per person: which kinds are not emailed, and whether mail comes once a day as a digest. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  emailOff: text("email_off").array().notNull().default(sql`'{}'::text[]`),
  digest: boolean("digest").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Audit rows not yet turned into notifications and outgoing webhooks. A trigger on audit_log
 * (hand SQL migration) adds one row per relevant audit row in the same transaction, so nothing
 * is missed whatever order transactions commit in; the event processor deletes what it handled.
 */
export const auditOutbox = pgTable("audit_outbox", {
  auditId: bigint("audit_id", { mode: "number" }).primaryKey(),
});

/** Mail caught by the local SMTP catcher on embedded defaults, shown at /admin/outbox. */
export const caughtMail = pgTable(
  "caught_mail",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    mailFrom: text("mail_from").notNull(),
    rcptTo: text("rcpt_to").array().notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
  },
  (t) => [index("caught_mail_received_idx").on(t.receivedAt.desc())],
);
