import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { notificationPreferences, notifications } from "../db/schema";
import { NOTIFICATION_KINDS, type NotificationKind } from "./kinds";
import type { markNotificationsReadSchema, notificationPreferencesSchema } from "./schemas";

/** The caller's latest notifications, newest first. */
export async function listMyNotifications(ctx: ServiceContext, input: { limit?: number } = {}) {
  return ctx.db
    .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, ctx.actor.id))
    .orderBy(desc(notifications.createdAt))
    .limit(input.limit ?? 100);
}

/** How many of the caller's notifications are unread (the bell). */
export async function countMyUnread(ctx: ServiceContext): Promise<number> {
  return ctx.db.$count(notifications, and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt)));
}

/** Marks the caller's own notifications read (never anyone else's). */
export async function markNotificationsRead(ctx: ServiceContext, input: z.output<typeof markNotificationsReadSchema>) {
  const mine = and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt));
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where("ids" in input ? and(mine, inArray(notifications.id, input.ids)) : mine)
    .returning({ id: notifications.id });
  return { marked: rows.length };
}

/** The caller's mail preferences (everything emailed, no digest, until they choose). */
export async function getMyPreferences(ctx: ServiceContext): Promise<{ emailOn: NotificationKind[]; digest: boolean }> {
  const [row] = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, ctx.actor.id));
  return { emailOn: NOTIFICATION_KINDS.filter((kind) => !row?.emailOff.includes(kind)), digest: row?.digest ?? false };
}

/** Saves the caller's mail preferences. */
export async function saveMyPreferences(ctx: ServiceContext, input: z.output<typeof notificationPreferencesSchema>) {
  const emailOff = NOTIFICATION_KINDS.filter((kind) => !input.emailOn.includes(kind));
  await ctx.db
    .insert(notificationPreferences)
    .values({ userId: ctx.actor.id, emailOff, digest: input.digest })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { emailOff, digest: input.digest, updatedAt: sql`now()` } });
  return { emailOff, digest: input.digest };
}
