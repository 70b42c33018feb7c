import { eq } from "drizzle-orm";
import { auditActor } from "../approvals/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { withDb, type ServiceContext } from "../context";
import { payees, payoutMethods, type Payee, type PayeeDetails } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";
import { changedParams, maskParams } from "./mask";
import type { ChangePayeeInput, CreatePayeeInput } from "./schemas";

/** What the audit trail keeps of payee details: account numbers masked (last 4). */
export function auditedDetails(details: PayeeDetails): PayeeDetails {
  return { ...details, params: maskParams(details.params, false) };
}

async function checkParams(ctx: ServiceContext, methodName: string, params: Record<string, string>): Promise<void> {
  const [method] = await ctx.db.select().from(payoutMethods).where(eq(payoutMethods.name, methodName));
  if (!method) throw new DomainError("invalid", `Method: ${methodName} is not a known payout method`, { field: "methodName" });
  const fields = method.fields ?? [];
  const unknown = Object.keys(params).filter((key) => !fields.some((field) => field.key === key));
  if (unknown.length > 0) throw new DomainError("invalid", `Params: ${unknown.join(", ")} is not a field of ${method.label}`, { field: "params" });
  const missing = fields.filter((field) => field.required && !params[field.key]?.trim());
  if (missing.length > 0) throw new DomainError("invalid", `${missing[0]!.label} is required`, { field: `params.${missing[0]!.key}` });
}

/** Adds a payee by hand; it waits for someone other than its maker to approve it. */
export async function createPayee(ctx: ServiceContext, input: CreatePayeeInput): Promise<Payee> {
  enforce(can(ctx, "payee.propose", null));
  input = { ...input, email: input.email.trim().toLowerCase() };
  await checkParams(ctx, input.methodName, input.params);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const [payee] = await tx
      .insert(payees)
      .values({ methodName: input.methodName, name: input.name, email: input.email, params: input.params, status: "pending_approval", createdBy: ctx.actor.id, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!payee) throw new DomainError("conflict", `${input.email} is already a payee of ${input.methodName}; open it to change its details`, { field: "email" });
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: "payee.create",
      entityType: "payee",
      entityId: payee.id,
      after: { status: payee.status, methodName: payee.methodName, ...auditedDetails({ name: payee.name, email: payee.email, params: payee.params }) },
      requestId: ctx.requestId,
    });
    return payee;
  });
}

/**
 * Proposes new details for a payee (name and account params). Nothing changes until someone
 * other than the proposer approves; a newer proposal replaces a waiting one.
 */
export async function proposePayeeChange(ctx: ServiceContext, input: ChangePayeeInput): Promise<Payee> {
  enforce(can(ctx, "payee.propose", null));
  return ctx.db.transaction(async (tx) => {
    const [payee] = await tx.select().from(payees).where(eq(payees.id, input.payeeId)).for("update");
    if (!payee) throw new DomainError("not_found", "This payee does not exist");
    await checkParams(withDb(ctx, tx), payee.methodName, input.params);
    const now = ctx.now();
    const proposed: PayeeDetails = { name: input.name, email: payee.email, params: input.params };
    // Audited before → after (account details masked), whichever way the proposal is kept.
    const auditChangeRequest = (details: Record<string, unknown>) =>
      recordAudit(tx, {
        actor: auditActor(ctx),
        action: "payee.change_request",
        entityType: "payee",
        entityId: payee.id,
        before: auditedDetails({ name: payee.name, email: payee.email, params: payee.params }),
        after: auditedDetails(proposed),
        details: { ...details, changed: changedParams(payee.params, input.params) },
        requestId: ctx.requestId,
      });
    if (payee.status !== "active") {
      // Never approved: the proposal is the new payee itself, and its proposer becomes the maker.
      const [updated] = await tx
        .update(payees)
        .set({ name: input.name, params: input.params, status: "pending_approval", createdBy: ctx.actor.id, updatedAt: now })
        .where(eq(payees.id, payee.id))
        .returning();
      await auditChangeRequest({ status: payee.status });
      return updated!;
    }
    if (payee.name === input.name && changedParams(payee.params, input.params).length === 0) {
      throw new DomainError("invalid", "Nothing changed: these are the payee's approved details", { field: "params" });
    }
    const [updated] = await tx
      .update(payees)
      .set({ pending: proposed, pendingBy: ctx.actor.id, pendingAt: now, updatedAt: now })
      .where(eq(payees.id, payee.id))
      .returning();
    await auditChangeRequest({});
    return updated!;
  });
}
