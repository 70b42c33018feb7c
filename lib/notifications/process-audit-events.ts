import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import {
  auditLog,
  batches,
  notificationPreferences,
  notifications,
  outgoingWebhookDeliveries,
  outgoingWebhookEndpoints,
  outgoingWebhookMessages,
  transactions,
  users,
} from "../db/schema";
import type { Db } from "../db";
import { deriveFromAudit, type Audience, type AuditRow, type BatchFacts } from "./derive-events";
import type { NotificationKind } from "./kinds";

export type Fanout = { processed: number; mailNotificationIds: string[]; deliveryIds: string[]; userIds: string[] };

export type NotificationDraft = { kind: NotificationKind; audience: Audience[]; title: string; body: string; link: string | null; batchId: string | null; sourceKey: string; makerId?: string | null };
export type EventDraft = { type: string; data: Record<string, unknown>; sourceKey: string };

const BATCH_FACTS = {
  id: batches.id,
  status: batches.status,
  createdBy: batches.createdBy,
  description: batches.description,
  methodName: batches.methodName,
  currency: batches.currency,
  totalAmount: batches.totalAmount,
  transactionCount: batches.transactionCount,
  failedCount: batches.failedCount,
  attentionCode: batches.attentionCode,
  attentionMessage: batches.attentionMessage,
  rejectionReason: batches.rejectionReason,
  providerStatus: batches.providerStatus,
};

/** Webhook ids are `msg_` plus a random id (Standard Webhooks). */
export const newMessageId = () => `msg_${randomUUID().replaceAll("-", "")}`;

/**
 * Turns audit rows queued in audit_outbox into notifications and outgoing webhook deliveries,
 * in one transaction with their removal from the queue (SKIP LOCKED: instances share the work).
 * Returns what the caller must enqueue (mail, deliveries) once this has committed.
 */
export async function processAuditEvents(ctx: ServiceContext, input: { limit?: number } = {}): Promise<Fanout> {
  return ctx.db.transaction(async (tx) => {
    const claimed = await tx.execute<{ audit_id: string }>(
      sql`delete from audit_outbox where audit_id in (select audit_id from audit_outbox order by audit_id limit ${input.limit ?? 200} for update skip locked) returning audit_id`,
    );
    const ids = claimed.map((row) => Number(row.audit_id));
    if (ids.length === 0) return { processed: 0, mailNotificationIds: [], deliveryIds: [], userIds: [] };
    const audits: AuditRow[] = await tx
      .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, batchId: auditLog.batchId, entityId: auditLog.entityId, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after, details: auditLog.details })
      .from(auditLog)
      .where(inArray(auditLog.id, ids))
      .orderBy(auditLog.id);
    const batchIds = [...new Set(audits.map((audit) => audit.batchId).filter((id): id is string => id !== null))];
    const facts: BatchFacts[] = batchIds.length > 0 ? await tx.select(BATCH_FACTS).from(batches).where(inArray(batches.id, batchIds)) : [];
    const byId = new Map(facts.map((batch) => [batch.id, batch]));

    const drafts: NotificationDraft[] = [];
    const events: EventDraft[] = [];
    for (const audit of audits) {
      const batch = audit.batchId ? (byId.get(audit.batchId) ?? null) : null;
      const derived = deriveFromAudit(audit, batch);
      for (const n of derived.notifications) drafts.push({ ...n, sourceKey: `audit:${audit.id}`, makerId: batch?.createdBy ?? null });
      for (const e of derived.events) events.push({ type: e.type, data: e.data, sourceKey: `audit:${audit.id}` });
      if (derived.transactionsFailed && batch) {
        const failed = await tx
          .select({ id: transactions.id, externalId: transactions.externalId, amount: transactions.amount, reason: transactions.failureReason, providerUuid: transactions.providerUuid })
          .from(transactions)
          .where(and(eq(transactions.batchId, batch.id), eq(transactions.providerStatus, "failed")));
        for (const row of failed) {
          events.push({
            type: "transaction.failed",
            sourceKey: `transaction:${row.id}`,
            data: { transaction: { id: row.id, batch_id: batch.id, external_id: row.externalId, amount: row.amount, currency: batch.currency, failure_reason: row.reason, provider_uuid: row.providerUuid } },
          });
        }
      }
    }
    const written = await writeNotifications(tx, drafts);
    const deliveryIds = await writeEvents(tx, events, ctx.now());
    return { processed: ids.length, ...written, deliveryIds };
  });
}

/** Resolves each draft's audience to people and stores one notification each (idempotent by source). */
export async function writeNotifications(tx: Db, drafts: NotificationDraft[]): Promise<{ mailNotificationIds: string[]; userIds: string[] }> {
  if (drafts.length === 0) return { mailNotificationIds: [], userIds: [] };
  const people = await tx.select({ id: users.id, roles: users.roles }).from(users).where(and(eq(users.active, true), sql`not exists (select 1 from api_keys k where k.id = ${users.id})`));
  const prefs = await tx.select().from(notificationPreferences);
  const prefsOf = new Map(prefs.map((p) => [p.userId, p]));
  const rows: (typeof notifications.$inferInsert)[] = [];
  for (const draft of drafts) {
    const recipients = new Set<string>();
    for (const audience of draft.audience) {
      if (audience === "maker" && draft.makerId && people.some((p) => p.id === draft.makerId)) recipients.add(draft.makerId);
      if (audience === "admins") for (const p of people) if (p.roles.includes("admin")) recipients.add(p.id);
      // Maker-checker: the maker is never asked to approve their own batch.
      if (audience === "checkers") for (const p of people) if ((p.roles.includes("approver") || p.roles.includes("admin")) && p.id !== draft.makerId) recipients.add(p.id);
    }
    for (const userId of recipients) {
      const pref = prefsOf.get(userId);
      const mailStatus = pref?.emailOff.includes(draft.kind) ? null : pref?.digest ? "digest" : "pending";
      rows.push({ userId, kind: draft.kind, title: draft.title, body: draft.body, link: draft.link, batchId: draft.batchId, sourceKey: draft.sourceKey, mailStatus });
    }
  }
  if (rows.length === 0) return { mailNotificationIds: [], userIds: [] };
  const inserted = await tx.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id, userId: notifications.userId, mailStatus: notifications.mailStatus });
  const userIds = [...new Set(inserted.map((row) => row.userId))];
  // Live: the SSE stream of each recipient refreshes its bell (delivered on commit).
  for (const userId of userIds) await tx.execute(sql`select pg_notify('notification_created', ${userId})`);
  return { mailNotificationIds: inserted.filter((row) => row.mailStatus === "pending").map((row) => row.id), userIds };
}

/** Stores each event once and one pending delivery per enabled endpoint subscribed to its type. */
export async function writeEvents(tx: Db, events: EventDraft[], now: Date): Promise<string[]> {
  if (events.length === 0) return [];
  const endpoints = await tx.select({ id: outgoingWebhookEndpoints.id, events: outgoingWebhookEndpoints.events }).from(outgoingWebhookEndpoints).where(eq(outgoingWebhookEndpoints.enabled, true));
  const messages = events.map((event) => ({
    id: newMessageId(),
    eventType: event.type,
    sourceKey: event.sourceKey,
    payload: { type: event.type, timestamp: now.toISOString(), data: event.data },
  }));
  const stored: { id: string; eventType: string }[] = [];
  for (let i = 0; i < messages.length; i += 1000) {
    stored.push(...(await tx.insert(outgoingWebhookMessages).values(messages.slice(i, i + 1000)).onConflictDoNothing().returning({ id: outgoingWebhookMessages.id, eventType: outgoingWebhookMessages.eventType })));
  }
  const deliveries = stored.flatMap((message) => endpoints.filter((endpoint) => endpoint.events.includes(message.eventType)).map((endpoint) => ({ messageId: message.id, endpointId: endpoint.id, nextAttemptAt: now })));
  const ids: string[] = [];
  for (let i = 0; i < deliveries.length; i += 1000) {
    ids.push(...(await tx.insert(outgoingWebhookDeliveries).values(deliveries.slice(i, i + 1000)).onConflictDoNothing().returning({ id: outgoingWebhookDeliveries.id })).map((row) => row.id));
  }
  return ids;
}

/** Approvals about to expire (within a day): each checker is told once per batch and deadline. */
export async function notifyExpiringApprovals(ctx: ServiceContext): Promise<{ mailNotificationIds: string[]; userIds: string[] }> {
  const soon = await ctx.db
    .select({ ...BATCH_FACTS, approvalExpiresAt: batches.approvalExpiresAt })
    .from(batches)
    .where(and(eq(batches.status, "pending_approval"), isNotNull(batches.approvalExpiresAt), lte(batches.approvalExpiresAt, new Date(ctx.now().getTime() + 86_400_000))));
  if (soon.length === 0) return { mailNotificationIds: [], userIds: [] };
  return ctx.db.transaction((tx) =>
    writeNotifications(
      tx,
      soon.map((batch) => ({
        kind: "approval_expiring" as const,
        audience: ["checkers" as const],
        title: "An approval is about to expire",
        body: `"${batch.description}" (${batch.totalAmount} ${batch.currency}) stops waiting for approval at ${batch.approvalExpiresAt!.toISOString().replace("T", " ").slice(0, 16)} UTC. Approve or reject it before then.`,
        link: `/batches/${batch.id}`,
        batchId: batch.id,
        sourceKey: `expiring:${batch.id}:${batch.approvalExpiresAt!.toISOString()}`,
        makerId: batch.createdBy,
      })),
    ),
  );
}
