import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Role } from "../auth/roles";
import { auditActor } from "../auth/totp-setup";
import type { ServiceContext } from "../context";
import { roleGrants, users } from "../db/schema";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import { lockUserForChange } from "./lock-user-for-change";
import { addsPrivilege, cancelPendingGrantsOf } from "./role-grants";

export type ChangeUserRolesResult = { status: "applied" | "pending" | "unchanged"; grantId?: string };

/**
 * Replaces a user's roles; the last active admin keeps "admin". Separation of admin duties: a
 * change that adds approver or admin while another admin is active waits for a second admin
 * (a pending grant; an earlier pending one for the user is replaced). Applied changes end the
 * user's sessions (the session version moves on). Audited with before and after.
 */
export async function changeUserRoles(ctx: ServiceContext, input: { userId: string; roles: Role[] }): Promise<ChangeUserRolesResult> {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const actor = auditActor(ctx);
  const roles = [...new Set(input.roles)];
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const { user, lastActiveAdmin, activeAdminIds } = await lockUserForChange(tx, input.userId);
    if (lastActiveAdmin && !roles.includes("admin")) {
      throw new DomainError("conflict", `${user.email} is the last active admin; make someone else an admin first`);
    }
    await cancelPendingGrantsOf(tx, [user.id], actor.id, now);
    if (sameRoles(user.roles, roles)) return { status: "unchanged" };
    if (addsPrivilege(user.roles, roles) && activeAdminIds.some((id) => id !== actor.id)) {
      const [grant] = await tx.insert(roleGrants).values({ userId: user.id, kind: "change_roles", roles, status: "pending", requestedBy: actor.id, requestedAt: now }).returning({ id: roleGrants.id });
      await recordAudit(tx, { actor, action: "user.role_grant_request", entityType: "user", entityId: user.id, before: { roles: user.roles }, after: { roles }, details: { grantId: grant!.id, email: user.email }, requestId: ctx.requestId });
      return { status: "pending", grantId: grant!.id };
    }
    await applyRoles(ctx, tx, { user, roles, actor });
    if (addsPrivilege(user.roles, roles)) {
      await tx.insert(roleGrants).values({ userId: user.id, kind: "change_roles", roles, status: "applied", requestedBy: actor.id, requestedAt: now, decidedBy: actor.id, decidedAt: now });
    }
    return { status: "applied" };
  });
}

/** Writes new roles, ends the user's sessions and audits before → after. */
export async function applyRoles(
  ctx: ServiceContext,
  tx: ServiceContext["db"],
  input: { user: { id: string; email: string; roles: Role[] }; roles: Role[]; actor: { kind: "user"; id: string; label: string }; details?: Record<string, unknown> },
): Promise<void> {
  await tx.update(users).set({ roles: input.roles, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` }).where(eq(users.id, input.user.id));
  await recordAudit(tx, {
    actor: input.actor,
    action: "user.roles_change",
    entityType: "user",
    entityId: input.user.id,
    before: { roles: input.user.roles },
    after: { roles: input.roles },
    details: { email: input.user.email, ...input.details },
    requestId: ctx.requestId,
  });
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
