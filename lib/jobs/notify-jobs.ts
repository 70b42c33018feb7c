import type PgBoss from "pg-boss";
import { z } from "zod";
import { systemContext } from "../context";
import type { Db, Sql } from "../db";
import type { Env } from "../env";
import { log } from "../log";
import { createMailer, type Mailer } from "../mail/mailer";
import { findStrandedMail, sendDigests, sendNotificationMail } from "../notifications/send-notification-mail";
import { notifyExpiringApprovals, processAuditEvents } from "../notifications/process-audit-events";
import { deliverWebhook, type DeliveryConfig } from "../outgoing-webhooks/deliver-webhook";
import { findStrandedDeliveries } from "../outgoing-webhooks/find-stranded-deliveries";
import { DEFAULT_RETRY_SCHEDULE_S } from "../outgoing-webhooks/event-types";

/** The queues of notifications, mail and outgoing webhooks (created here with their own retry rules). */
export const NOTIFY_QUEUES = {
  /** Send one notification's mail; a mail server that is down makes it retry with backoff. */
  sendMail: "send-mail",
  /** The daily digest mail (scheduled once a day). */
  mailDigest: "mail-digest",
  /** One attempt of one outgoing webhook delivery; the next attempt is queued by the handler. */
  deliverWebhook: "deliver-webhook",
  /** Re-queue mail and deliveries whose jobs were lost; tell checkers of approvals about to expire. */
  notifySweep: "notify-sweep",
} as const;

export type NotifyConfig = {
  mailer: Mailer | null;
  baseUrl: string;
  delivery: DeliveryConfig;
  /** Seconds before a failed mail is tried again (doubling each time). */
  mailRetryDelayS: number;
};

export function notifyConfigFromEnv(env: Env): NotifyConfig {
  return {
    mailer: env.SMTP_URL ? createMailer(env.SMTP_URL, env.MAIL_FROM) : null,
    baseUrl: (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    delivery: { schedule: env.OUTGOING_WEBHOOK_RETRY_SCHEDULE_S ?? DEFAULT_RETRY_SCHEDULE_S, allowPrivate: env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE === "1" },
    mailRetryDelayS: 5,
  };
}

export async function enqueueMail(boss: PgBoss, notificationIds: string[]): Promise<void> {
  if (notificationIds.length > 0) await boss.insert(notificationIds.map((notificationId) => ({ name: NOTIFY_QUEUES.sendMail, data: { notificationId } })));
}

export async function enqueueDeliveries(boss: PgBoss, deliveryIds: string[], afterS = 0, options: { manual?: boolean } = {}): Promise<void> {
  if (deliveryIds.length === 0) return;
  const startAfter = afterS > 0 ? new Date(Date.now() + afterS * 1000) : undefined;
  for (let i = 0; i < deliveryIds.length; i += 1000) {
    await boss.insert(deliveryIds.slice(i, i + 1000).map((deliveryId) => ({ name: NOTIFY_QUEUES.deliverWebhook, data: { deliveryId, ...(options.manual ? { manual: true } : {}) }, ...(startAfter ? { startAfter } : {}) })));
  }
}

/** Outgoing-webhook workers per app instance (each up to 50 deliveries in flight). */
const DELIVERY_WORKERS = 4;

const mailData = z.object({ notificationId: z.uuid() });
const deliveryData = z.object({ deliveryId: z.uuid(), manual: z.boolean().optional() });

/**
 * Creates the queues, subscribes this instance to them, and starts the event processor: a LISTEN
 * on `audit_appended` (the audit_outbox trigger) plus a poll, turning new audit rows into
 * notifications and deliveries. Returns a stop function.
 */
export async function registerNotifyWorkers(boss: PgBoss, deps: { db: Db; sql: Sql; config: NotifyConfig }): Promise<() => Promise<void>> {
  const { db, config } = deps;
  await boss.createQueue(NOTIFY_QUEUES.sendMail, { name: NOTIFY_QUEUES.sendMail, retryLimit: 12, retryDelay: config.mailRetryDelayS, retryBackoff: true, expireInSeconds: 120 });
  await boss.createQueue(NOTIFY_QUEUES.mailDigest, { name: NOTIFY_QUEUES.mailDigest, retryLimit: 10, retryDelay: 60, retryBackoff: true });
  await boss.createQueue(NOTIFY_QUEUES.deliverWebhook, { name: NOTIFY_QUEUES.deliverWebhook, retryLimit: 3, retryDelay: 30, expireInSeconds: 120 });
  await boss.createQueue(NOTIFY_QUEUES.notifySweep, { name: NOTIFY_QUEUES.notifySweep, retryLimit: 1 });

  await boss.work<z.input<typeof mailData>>(NOTIFY_QUEUES.sendMail, { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (jobs) => {
    for (const job of jobs) {
      const { notificationId } = mailData.parse(job.data);
      const outcome = await sendNotificationMail(systemContext(db, NOTIFY_QUEUES.sendMail), { notificationId, mailer: config.mailer, baseUrl: config.baseUrl });
      log.info({ notificationId, outcome }, "mail.sent");
    }
  });
  await boss.work(NOTIFY_QUEUES.mailDigest, async () => {
    const sent = await sendDigests(systemContext(db, NOTIFY_QUEUES.mailDigest), { mailer: config.mailer, baseUrl: config.baseUrl });
    log.info({ sent }, "mail.digests_sent");
  });
  // A worker takes up to 50 jobs and then waits out its polling interval (0.5 s at the least), so
  // one worker caps fan-out at about 100 deliveries a second: DELIVERY_WORKERS of them run.
  for (let i = 0; i < DELIVERY_WORKERS; i++) await boss.work<z.input<typeof deliveryData>>(NOTIFY_QUEUES.deliverWebhook, { pollingIntervalSeconds: 0.5, batchSize: 50 }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        const { deliveryId, manual } = deliveryData.parse(job.data);
        const ctx = systemContext(db, NOTIFY_QUEUES.deliverWebhook);
        const outcome = await deliverWebhook(ctx, { deliveryId, manual, ...config.delivery });
        if (outcome.kind === "retry") await enqueueDeliveries(boss, [deliveryId], outcome.afterS);
        if (outcome.kind === "failed") await enqueueMail(boss, outcome.mailNotificationIds);
      }),
    );
  });
  await boss.work(NOTIFY_QUEUES.notifySweep, async () => {
    const ctx = systemContext(db, NOTIFY_QUEUES.notifySweep);
    const expiring = await notifyExpiringApprovals(ctx);
    await enqueueMail(boss, expiring.mailNotificationIds);
    await enqueueMail(boss, await findStrandedMail(ctx, { olderThanS: 600, queue: NOTIFY_QUEUES.sendMail }));
    await enqueueDeliveries(boss, await findStrandedDeliveries(ctx, { olderThanS: 300, queue: NOTIFY_QUEUES.deliverWebhook }));
  });
  await boss.schedule(NOTIFY_QUEUES.notifySweep, "*/5 * * * *");
  await boss.schedule(NOTIFY_QUEUES.mailDigest, "0 7 * * *");

  return startEventProcessor(boss, deps);
}

/** Drains audit_outbox whenever the trigger announces a row (and every 2 s, in case a NOTIFY was missed). */
export function startEventProcessor(boss: PgBoss, deps: { db: Db; sql: Sql }): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const drain = async () => {
    const ctx = systemContext(deps.db, "process-audit-events");
    for (;;) {
      const fanout = await processAuditEvents(ctx, { limit: 500 });
      if (fanout.processed === 0) break;
      await enqueueMail(boss, fanout.mailNotificationIds);
      await enqueueDeliveries(boss, fanout.deliveryIds);
    }
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => log.error({ err: error }, "notifications.process_failed"))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  };
  const listening = deps.sql.listen("audit_appended", kick, kick).catch((error: unknown) => {
    log.error({ err: error }, "notifications.listen_failed");
    return null;
  });
  const timer = setInterval(kick, 2000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    const subscription = await listening;
    await subscription?.unlisten().catch(() => undefined);
    await running;
  };
}
