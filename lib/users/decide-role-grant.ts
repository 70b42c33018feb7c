import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { auditActor } from "../auth/totp-setup";
import type { ServiceContext } from "../context";
import { roleGrants } from "../db/schema";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import { mayConfirmRoleGrant } from "../policy/users";
import { applyRoles } from "./change-user-roles";
import { lockUserForChange } from "./lock-user-for-change";

/**
 * Separation of admin duties: a second admin (never the one who asked) confirms a pending grant
 * of approver or admin, and the roles apply; audited with both admins. Either admin may cancel it.
 */
export async function decideRoleGrant(ctx: ServiceContext, input: { grantId: string; decision: "confirm" | "cancel" }): Promise<{ status: "applied" | "cancelled" }> {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const actor = auditActor(ctx);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [peek] = await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(eq(roleGrants.id, input.grantId));
    if (!peek) throw new DomainError("not_found", "That role request does not exist");
    const { user, lastActiveAdmin } = await lockUserForChange(tx, peek.userId);
    const [grant] = await tx.select().from(roleGrants).where(eq(roleGrants.id, input.grantId)).for("update");
    if (!grant || grant.status !== "pending") throw new DomainError("conflict", "This role request was already decided");
    if (input.decision === "cancel") {
      await tx.update(roleGrants).set({ status: "cancelled", decidedBy: actor.id, decidedAt: now }).where(eq(roleGrants.id, grant.id));
      await recordAudit(tx, { actor, action: "user.role_grant_cancel", entityType: "user", entityId: user.id, after: { roles: grant.roles }, details: { grantId: grant.id, email: user.email, requestedBy: grant.requestedBy }, requestId: ctx.requestId });
      return { status: "cancelled" };
    }
    enforce(mayConfirmRoleGrant(ctx.actor, grant));
    if (lastActiveAdmin && !grant.roles.includes("admin")) throw new DomainError("conflict", `${user.email} is the last active admin; make someone else an admin first`);
    await tx.update(roleGrants).set({ status: "applied", decidedBy: actor.id, decidedAt: now }).where(eq(roleGrants.id, grant.id));
    await recordAudit(tx, { actor, action: "user.role_grant_confirm", entityType: "user", entityId: user.id, before: { roles: user.roles }, after: { roles: grant.roles }, details: { grantId: grant.id, email: user.email, requestedBy: grant.requestedBy }, requestId: ctx.requestId });
    await applyRoles(ctx, tx, { user, roles: grant.roles, actor, details: { grantId: grant.id, requestedBy: grant.requestedBy } });
    return { status: "applied" };
  });
}
