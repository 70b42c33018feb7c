import { and, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { notifications, users } from "../db/schema";
import type { Mailer } from "../mail/mailer";
import { renderDigestMail, renderNotificationMail } from "../mail/render-mail";

export type MailConfig = { mailer: Mailer | null; baseUrl: string };

/**
 * Sends the mail of one notification whose mail is pending; marks it sent afterwards (at least
 * once: a crash between the two sends it again). A failure throws, so the job retries.
 */
export async function sendNotificationMail(ctx: ServiceContext, input: { notificationId: string } & MailConfig): Promise<"sent" | "skipped"> {
  const [row] = await ctx.db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(notifications.id, input.notificationId), eq(notifications.mailStatus, "pending")));
  if (!row) return "skipped";
  if (!input.mailer) {
    await ctx.db.update(notifications).set({ mailStatus: null }).where(eq(notifications.id, row.id));
    return "skipped";
  }
  await input.mailer.send(row.email, renderNotificationMail(row, input.baseUrl));
  await ctx.db.update(notifications).set({ mailStatus: "sent" }).where(and(eq(notifications.id, row.id), eq(notifications.mailStatus, "pending")));
  return "sent";
}

/** The daily digest: one mail per person with notifications waiting for it. */
export async function sendDigests(ctx: ServiceContext, input: MailConfig): Promise<number> {
  const waiting = await ctx.db
    .select({ id: notifications.id, userId: notifications.userId, title: notifications.title, body: notifications.body, link: notifications.link, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.mailStatus, "digest"))
    .orderBy(notifications.createdAt);
  const byUser = new Map<string, typeof waiting>();
  for (const row of waiting) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  let sent = 0;
  for (const rows of byUser.values()) {
    if (input.mailer) await input.mailer.send(rows[0]!.email, renderDigestMail(rows, input.baseUrl));
    await ctx.db
      .update(notifications)
      .set({ mailStatus: input.mailer ? "sent" : null })
      .where(sql`${notifications.id} in ${rows.map((row) => row.id)} and ${notifications.mailStatus} = 'digest'`);
    sent += 1;
  }
  return sent;
}

/** Mail still pending after `olderThanS` whose job is gone (failed for good, lost): queued again, so none is lost. */
export async function findStrandedMail(ctx: ServiceContext, input: { olderThanS: number; queue: string }): Promise<string[]> {
  const rows = await ctx.db.execute<{ id: string }>(sql`
    select n.id from notifications n
    where n.mail_status = 'pending' and n.created_at < now() - make_interval(secs => ${input.olderThanS})
      and not exists (select 1 from pgboss.job j where j.name = ${input.queue} and j.data->>'notificationId' = n.id::text and j.state < 'completed')
    limit 500`);
  return rows.map((row) => row.id);
}
