import { eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { approvalThresholds } from "../db/schema";
import { recordAudit } from "../audit/record-audit";
import { DomainError } from "../errors";
import { parseAmount } from "../money";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";

/** Sets the total above which batches in this currency need two approvals (admins only; audited). */
export async function setApprovalThreshold(ctx: ServiceContext, input: { currency: string; amount: string }): Promise<{ currency: string; amount: string }> {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const admin = { id: ctx.actor.id, label: ctx.actor.label };
  const parsed = parseAmount(input.amount, input.currency);
  if (!parsed.ok) throw new DomainError("invalid", `Amount: ${parsed.message}`, { field: "amount" });
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ amount: approvalThresholds.amount }).from(approvalThresholds).where(eq(approvalThresholds.currency, input.currency)).for("update");
    await tx
      .insert(approvalThresholds)
      .values({ currency: input.currency, amount: parsed.value, updatedBy: admin.id })
      .onConflictDoUpdate({ target: approvalThresholds.currency, set: { amount: parsed.value, updatedBy: admin.id, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: { kind: "user", ...admin },
      action: "approval_threshold.set",
      entityType: "approval_threshold",
      entityId: input.currency,
      before: { amount: before?.amount ?? null },
      after: { amount: parsed.value },
      requestId: ctx.requestId,
    });
    return { currency: input.currency, amount: parsed.value };
  });
}
