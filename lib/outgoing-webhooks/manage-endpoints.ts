import { desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { outgoingWebhookAttempts, outgoingWebhookDeliveries, outgoingWebhookEndpoints, outgoingWebhookMessages, type EndpointSecret } from "../db/schema";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import type { createEndpointSchema } from "./schemas";
import { newEndpointSecret } from "./secrets";
import { checkEndpointUrl } from "./url-safety";

/** How long the previous secret stays valid after a rotation (receivers switch meanwhile). */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const auditActor = (ctx: ServiceContext) => ({ kind: "user" as const, id: ctx.actor.id, label: ctx.actor.label });

/** Registers an endpoint; the answer carries its secret (shown once on the page, kept for signing). */
export async function createEndpoint(ctx: ServiceContext, input: z.output<typeof createEndpointSchema> & { allowPrivate: boolean }) {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const url = checkEndpointUrl(input.url, input.allowPrivate).toString();
  const secret = newEndpointSecret();
  return ctx.db.transaction(async (tx) => {
    const [endpoint] = await tx
      .insert(outgoingWebhookEndpoints)
      .values({ url, description: input.description, events: input.events, secrets: [{ secret, createdAt: ctx.now().toISOString(), expiresAt: null }], createdBy: ctx.actor.kind === "user" ? ctx.actor.id : null })
      .returning({ id: outgoingWebhookEndpoints.id });
    await recordAudit(tx, { actor: auditActor(ctx), action: "webhook_endpoint.create", entityType: "webhook_endpoint", entityId: endpoint!.id, after: { url, events: input.events }, requestId: ctx.requestId });
    return { endpointId: endpoint!.id, secret };
  });
}

/** Rotation: a new secret signs from now on; the previous one stays valid for 24 hours (two at once). */
export async function rotateEndpointSecret(ctx: ServiceContext, input: { endpointId: string }) {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const secret = newEndpointSecret();
  return ctx.db.transaction(async (tx) => {
    const [endpoint] = await tx.select().from(outgoingWebhookEndpoints).where(eq(outgoingWebhookEndpoints.id, input.endpointId)).for("update");
    if (!endpoint) throw new DomainError("not_found", "No such webhook endpoint");
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
    const kept: EndpointSecret[] = endpoint.secrets
      .filter((s) => s.expiresAt === null || new Date(s.expiresAt) > now)
      .map((s) => ({ ...s, expiresAt: s.expiresAt ?? expiresAt }));
    await tx.update(outgoingWebhookEndpoints).set({ secrets: [{ secret, createdAt: now.toISOString(), expiresAt: null }, ...kept] }).where(eq(outgoingWebhookEndpoints.id, endpoint.id));
    await recordAudit(tx, { actor: auditActor(ctx), action: "webhook_endpoint.rotate_secret", entityType: "webhook_endpoint", entityId: endpoint.id, details: { previousValidUntil: expiresAt }, requestId: ctx.requestId });
    return { endpointId: endpoint.id, secret, previousValidUntil: expiresAt };
  });
}

/** Enable or disable an endpoint (enabling clears the failure clock). */
export async function setEndpointEnabled(ctx: ServiceContext, input: { endpointId: string; enabled: boolean }) {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  await ctx.db.transaction(async (tx) => {
    const [changed] = await tx
      .update(outgoingWebhookEndpoints)
      .set({ enabled: input.enabled, disabledReason: input.enabled ? null : "Disabled by an admin", failingSince: null })
      .where(eq(outgoingWebhookEndpoints.id, input.endpointId))
      .returning({ id: outgoingWebhookEndpoints.id });
    if (!changed) throw new DomainError("not_found", "No such webhook endpoint");
    await recordAudit(tx, { actor: auditActor(ctx), action: input.enabled ? "webhook_endpoint.enable" : "webhook_endpoint.disable", entityType: "webhook_endpoint", entityId: input.endpointId, after: { enabled: input.enabled }, requestId: ctx.requestId });
  });
  return { endpointId: input.endpointId };
}

/** "Resend": one more attempt of a delivery now, whatever happened before (the caller queues it). */
export async function resendDelivery(ctx: ServiceContext, input: { deliveryId: string }) {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  return ctx.db.transaction(async (tx) => {
    const [delivery] = await tx
      .update(outgoingWebhookDeliveries)
      .set({ status: "pending", lockedUntil: null, nextAttemptAt: ctx.now() })
      .where(eq(outgoingWebhookDeliveries.id, input.deliveryId))
      .returning({ id: outgoingWebhookDeliveries.id, endpointId: outgoingWebhookDeliveries.endpointId, messageId: outgoingWebhookDeliveries.messageId });
    if (!delivery) throw new DomainError("not_found", "No such delivery");
    await recordAudit(tx, { actor: auditActor(ctx), action: "webhook_endpoint.resend", entityType: "webhook_endpoint", entityId: delivery.endpointId, details: { deliveryId: delivery.id, messageId: delivery.messageId }, requestId: ctx.requestId });
    return { deliveryId: delivery.id, endpointId: delivery.endpointId };
  });
}

/** Endpoints for the admin page (secrets never leave the server after creation). */
export async function listEndpoints(ctx: ServiceContext) {
  return ctx.db
    .select({
      id: outgoingWebhookEndpoints.id,
      url: outgoingWebhookEndpoints.url,
      description: outgoingWebhookEndpoints.description,
      events: outgoingWebhookEndpoints.events,
      enabled: outgoingWebhookEndpoints.enabled,
      disabledReason: outgoingWebhookEndpoints.disabledReason,
      failingSince: outgoingWebhookEndpoints.failingSince,
      createdAt: outgoingWebhookEndpoints.createdAt,
    })
    .from(outgoingWebhookEndpoints)
    .orderBy(desc(outgoingWebhookEndpoints.createdAt));
}

/** One endpoint with its latest deliveries and every attempt of each (status, latency, body). */
export async function getEndpointWithAttempts(ctx: ServiceContext, input: { endpointId: string; limit?: number }) {
  const [endpoint] = (await listEndpoints(ctx)).filter((e) => e.id === input.endpointId);
  if (!endpoint) return null;
  const [secretInfo] = await ctx.db.select({ secrets: outgoingWebhookEndpoints.secrets }).from(outgoingWebhookEndpoints).where(eq(outgoingWebhookEndpoints.id, input.endpointId));
  const deliveries = await ctx.db
    .select({
      id: outgoingWebhookDeliveries.id,
      messageId: outgoingWebhookDeliveries.messageId,
      eventType: outgoingWebhookMessages.eventType,
      status: outgoingWebhookDeliveries.status,
      attempts: outgoingWebhookDeliveries.attempts,
      nextAttemptAt: outgoingWebhookDeliveries.nextAttemptAt,
      createdAt: outgoingWebhookDeliveries.createdAt,
    })
    .from(outgoingWebhookDeliveries)
    .innerJoin(outgoingWebhookMessages, eq(outgoingWebhookMessages.id, outgoingWebhookDeliveries.messageId))
    .where(eq(outgoingWebhookDeliveries.endpointId, input.endpointId))
    .orderBy(desc(outgoingWebhookDeliveries.createdAt))
    .limit(input.limit ?? 50);
  const attempts =
    deliveries.length === 0
      ? []
      : await ctx.db
          .select()
          .from(outgoingWebhookAttempts)
          .where(sql`${outgoingWebhookAttempts.deliveryId} in ${deliveries.map((d) => d.id)}`)
          .orderBy(desc(outgoingWebhookAttempts.at));
  const now = ctx.now();
  const secrets = (secretInfo?.secrets ?? []).map((s) => ({ hint: `${s.secret.slice(0, 10)}…`, createdAt: s.createdAt, expiresAt: s.expiresAt, active: s.expiresAt === null || new Date(s.expiresAt) > now }));
  return { endpoint, secrets, deliveries: deliveries.map((d) => ({ ...d, attemptsList: attempts.filter((a) => a.deliveryId === d.id) })) };
}
