import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { approvalThresholds } from "../db/schema";
import { recordAudit } from "../audit/record-audit";
import { DomainError } from "../errors";
import { parseAmount } from "../money";

/** Sets the total above which batches in this currency need two approvals (admins only; audited). */
export async function setApprovalThreshold(
  db: Db,
  input: { currency: string; amount: string; admin: { id: string; label: string }; requestId?: string | null },
): Promise<{ currency: string; amount: string }> {
  const parsed = parseAmount(input.amount, input.currency);
  if (!parsed.ok) throw new DomainError("invalid", `Amount: ${parsed.message}`, { field: "amount" });
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ amount: approvalThresholds.amount }).from(approvalThresholds).where(eq(approvalThresholds.currency, input.currency)).for("update");
    await tx
      .insert(approvalThresholds)
      .values({ currency: input.currency, amount: parsed.value, updatedBy: input.admin.id })
      .onConflictDoUpdate({ target: approvalThresholds.currency, set: { amount: parsed.value, updatedBy: input.admin.id, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: { kind: "user", ...input.admin },
      action: "approval_threshold.set",
      entityType: "approval_threshold",
      entityId: input.currency,
      before: { amount: before?.amount ?? null },
      after: { amount: parsed.value },
      requestId: input.requestId,
    });
    return { currency: input.currency, amount: parsed.value };
  });
}
