import { eq } from "drizzle-orm";
import { auditActor } from "../approvals/audit-actor";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { payees, type Payee } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";
import type { PayeeForPolicy } from "../policy/payees";
import { flagOpenBatchesForPayee } from "../risk/flag-open-batches";
import { changedParams } from "./mask";
import { payeeForPolicyView } from "./payee-policy-view";
import { auditedDetails } from "./propose-payee";
import type { DecidePayeeInput } from "./schemas";

const payeeForPolicy = (payee: Payee): PayeeForPolicy => payeeForPolicyView(payee);

export type DecidePayeeResult = { status: Payee["status"]; flaggedBatches: number };

/**
 * Approves or rejects what waits on a payee: its first approval, or a change of its details.
 * Maker-checker under the row lock (`can(ctx, "payee.approve", payee)`). An approved change of
 * account details flags every open batch that pays this payee.
 */
export async function decidePayee(ctx: ServiceContext, input: DecidePayeeInput): Promise<DecidePayeeResult> {
  return ctx.db.transaction(async (tx) => {
    const [payee] = await tx.select().from(payees).where(eq(payees.id, input.payeeId)).for("update");
    if (!payee) throw new DomainError("not_found", "This payee does not exist");
    enforce(can(ctx, input.decision === "approve" ? "payee.approve" : "payee.reject", payeeForPolicy(payee)));
    const now = ctx.now();
    const before = auditedDetails({ name: payee.name, email: payee.email, params: payee.params });

    if (payee.status !== "active") {
      const status = input.decision === "approve" ? ("active" as const) : ("rejected" as const);
      await tx
        .update(payees)
        .set({ status, approvedBy: input.decision === "approve" ? ctx.actor.id : null, approvedAt: input.decision === "approve" ? now : null, updatedAt: now })
        .where(eq(payees.id, payee.id));
      await recordAudit(tx, {
        actor: auditActor(ctx),
        action: input.decision === "approve" ? "payee.approve" : "payee.reject",
        entityType: "payee",
        entityId: payee.id,
        before: { status: payee.status, ...before },
        after: { status, ...before },
        details: { maker: payee.createdBy },
        requestId: ctx.requestId,
      });
      return { status, flaggedBatches: 0 };
    }

    const pending = payee.pending!;
    if (input.decision === "reject") {
      await tx.update(payees).set({ pending: null, pendingBy: null, pendingAt: null, updatedAt: now }).where(eq(payees.id, payee.id));
      await recordAudit(tx, {
        actor: auditActor(ctx),
        action: "payee.change_reject",
        entityType: "payee",
        entityId: payee.id,
        before,
        after: before,
        details: { proposed: auditedDetails(pending), proposedBy: payee.pendingBy },
        requestId: ctx.requestId,
      });
      return { status: payee.status, flaggedBatches: 0 };
    }

    const changed = changedParams(payee.params, pending.params);
    const [updated] = await tx
      .update(payees)
      .set({
        name: pending.name,
        params: pending.params,
        pending: null,
        pendingBy: null,
        pendingAt: null,
        approvedBy: ctx.actor.id,
        approvedAt: now,
        ...(changed.length > 0 ? { detailsChangedAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(payees.id, payee.id))
      .returning();
    const flaggedBatches = changed.length > 0 ? await flagOpenBatchesForPayee(tx, updated!, now) : 0;
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: "payee.change_approve",
      entityType: "payee",
      entityId: payee.id,
      before,
      after: auditedDetails(pending),
      details: { changed, proposedBy: payee.pendingBy, flaggedBatches },
      requestId: ctx.requestId,
    });
    return { status: updated!.status, flaggedBatches };
  });
}
