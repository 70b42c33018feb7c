import { and, eq, or, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { outgoingWebhookAttempts, outgoingWebhookDeliveries, outgoingWebhookEndpoints, outgoingWebhookMessages } from "../db/schema";
import { writeNotifications } from "../notifications/process-audit-events";
import { recordAudit } from "../audit/record-audit";
import { postWebhook } from "./post-webhook";
import { activeSecrets, signWebhook } from "./secrets";

export type DeliveryConfig = { schedule: readonly number[]; allowPrivate: boolean };
export type DeliveryOutcome =
  | { kind: "skipped" }
  | { kind: "succeeded"; status: number }
  | { kind: "retry"; afterS: number; attempt: number }
  | { kind: "failed"; attempt: number; endpointDisabled: boolean; mailNotificationIds: string[] };

const LOCK_S = 60;
/** DESIGN/issue 18: an endpoint failing for 5 days is disabled (and admins are told). */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

/**
 * One attempt of one delivery: claims it (a second worker finds nothing), POSTs it signed with
 * every active secret, records the attempt, and answers what comes next. `schedule[i]` is the
 * wait before attempt i+1 (the first entry is the first attempt's: immediately); after the last,
 * the delivery has failed. `manual` ("Resend") runs one attempt whatever the state.
 */
export async function deliverWebhook(ctx: ServiceContext, input: { deliveryId: string; manual?: boolean } & DeliveryConfig): Promise<DeliveryOutcome> {
  const now = ctx.now();
  const claimable = input.manual
    ? sql`true`
    : or(eq(outgoingWebhookDeliveries.status, "pending"), and(eq(outgoingWebhookDeliveries.status, "sending"), sql`${outgoingWebhookDeliveries.lockedUntil} < now()`));
  const [claimed] = await ctx.db
    .update(outgoingWebhookDeliveries)
    .set({ status: "sending", lockedUntil: sql`now() + make_interval(secs => ${LOCK_S})`, attempts: sql`${outgoingWebhookDeliveries.attempts} + 1` })
    .where(and(eq(outgoingWebhookDeliveries.id, input.deliveryId), claimable))
    .returning();
  if (!claimed) return { kind: "skipped" };
  const [endpoint] = await ctx.db.select().from(outgoingWebhookEndpoints).where(eq(outgoingWebhookEndpoints.id, claimed.endpointId));
  const [message] = await ctx.db.select().from(outgoingWebhookMessages).where(eq(outgoingWebhookMessages.id, claimed.messageId));
  if (!endpoint || !message || (!endpoint.enabled && !input.manual)) {
    await ctx.db.update(outgoingWebhookDeliveries).set({ status: "failed", lockedUntil: null }).where(eq(outgoingWebhookDeliveries.id, claimed.id));
    return { kind: "skipped" };
  }
  const body = JSON.stringify(message.payload);
  const headers = signWebhook(activeSecrets(endpoint.secrets, now), message.id, now, body);
  const outcome = await postWebhook(endpoint.url, headers, body, { allowPrivate: input.allowPrivate });
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  await ctx.db.insert(outgoingWebhookAttempts).values({
    deliveryId: claimed.id,
    endpointId: endpoint.id,
    responseStatus: outcome.status,
    latencyMs: outcome.latencyMs,
    responseBody: outcome.body,
    error: outcome.error ?? (outcome.status !== null && outcome.status >= 300 && outcome.status < 400 ? "redirects are not followed" : null),
    manual: input.manual ?? false,
  });
  if (ok) {
    await ctx.db.update(outgoingWebhookDeliveries).set({ status: "succeeded", lockedUntil: null, nextAttemptAt: null }).where(eq(outgoingWebhookDeliveries.id, claimed.id));
    if (endpoint.failingSince) await ctx.db.update(outgoingWebhookEndpoints).set({ failingSince: null }).where(eq(outgoingWebhookEndpoints.id, endpoint.id));
    return { kind: "succeeded", status: outcome.status! };
  }
  ctx.log.warn({ deliveryId: claimed.id, endpointId: endpoint.id, status: outcome.status, error: outcome.error }, "outgoing_webhook.attempt_failed");
  const failingSince = endpoint.failingSince ?? now;
  if (!endpoint.failingSince) await ctx.db.update(outgoingWebhookEndpoints).set({ failingSince: now }).where(eq(outgoingWebhookEndpoints.id, endpoint.id));
  const disable = endpoint.enabled && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
  const nextWait = input.schedule[claimed.attempts];
  if (nextWait !== undefined && !input.manual && !disable) {
    await ctx.db
      .update(outgoingWebhookDeliveries)
      .set({ status: "pending", lockedUntil: null, nextAttemptAt: new Date(now.getTime() + nextWait * 1000) })
      .where(eq(outgoingWebhookDeliveries.id, claimed.id));
    return { kind: "retry", afterS: nextWait, attempt: claimed.attempts };
  }
  await ctx.db.update(outgoingWebhookDeliveries).set({ status: "failed", lockedUntil: null, nextAttemptAt: null }).where(eq(outgoingWebhookDeliveries.id, claimed.id));
  let mailNotificationIds: string[] = [];
  if (disable) mailNotificationIds = await disableEndpoint(ctx, endpoint.id, endpoint.url);
  return { kind: "failed", attempt: claimed.attempts, endpointDisabled: disable, mailNotificationIds };
}

/** Disables an endpoint that failed for 5 days and tells every admin (audited as the system). */
async function disableEndpoint(ctx: ServiceContext, endpointId: string, url: string): Promise<string[]> {
  return ctx.db.transaction(async (tx) => {
    const [changed] = await tx
      .update(outgoingWebhookEndpoints)
      .set({ enabled: false, disabledReason: "Every delivery failed for 5 days" })
      .where(and(eq(outgoingWebhookEndpoints.id, endpointId), eq(outgoingWebhookEndpoints.enabled, true)))
      .returning({ id: outgoingWebhookEndpoints.id });
    if (!changed) return [];
    await recordAudit(tx, { actor: { kind: "system", label: "job:deliver-webhook" }, action: "webhook_endpoint.disable", entityType: "webhook_endpoint", entityId: endpointId, after: { enabled: false }, details: { reason: "failing for 5 days", url } });
    const written = await writeNotifications(tx, [
      {
        kind: "webhook_endpoint_disabled",
        audience: ["admins"],
        title: "A webhook endpoint was disabled",
        body: `Every delivery to ${url} failed for 5 days, so it was disabled. Fix the receiver, then enable it again and resend what it missed.`,
        link: `/admin/webhooks?endpoint=${endpointId}`,
        batchId: null,
        sourceKey: `endpoint-disabled:${endpointId}:${ctx.now().toISOString()}`,
      },
    ]);
    return written.mailNotificationIds;
  });
}
