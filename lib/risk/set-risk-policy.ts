import { eq } from "drizzle-orm";
import { auditActor } from "../approvals/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { withDb, type ServiceContext } from "../context";
import { riskSettings } from "../db/schema";
import { SECOND_APPROVAL_ON_HIGH_FLAG } from "./flags";

/** Whether any high risk flag makes a batch need a second approval (off unless an admin turns it on). */
export async function getRiskPolicy(ctx: ServiceContext): Promise<{ secondApprovalOnHighFlag: boolean }> {
  const [row] = await ctx.db.select().from(riskSettings).where(eq(riskSettings.key, SECOND_APPROVAL_ON_HIGH_FLAG));
  return { secondApprovalOnHighFlag: row?.value === "true" };
}

/** Admins (admin.manage, checked by the action): set the rule, audited before → after. */
export async function setRiskPolicy(ctx: ServiceContext, input: { secondApprovalOnHighFlag: boolean }): Promise<{ secondApprovalOnHighFlag: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const before = await getRiskPolicy(withDb(ctx, tx));
    const value = input.secondApprovalOnHighFlag ? "true" : "false";
    await tx
      .insert(riskSettings)
      .values({ key: SECOND_APPROVAL_ON_HIGH_FLAG, value, updatedBy: ctx.actor.id, updatedAt: ctx.now() })
      .onConflictDoUpdate({ target: riskSettings.key, set: { value, updatedBy: ctx.actor.id, updatedAt: ctx.now() } });
    await recordAudit(tx, { actor: auditActor(ctx), action: "risk_policy.set", entityType: "risk_policy", entityId: SECOND_APPROVAL_ON_HIGH_FLAG, before, after: input, requestId: ctx.requestId });
    return input;
  });
}
