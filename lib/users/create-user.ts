import { and, arrayContains, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { ServiceContext } from "../context";
import { roleGrants, users, type User } from "../db/schema";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import { PRIVILEGED_ROLES } from "./role-grants";

export type CreateUserResult = { user: User; pendingGrant: { id: string; roles: Role[] } | null };

/**
 * Creates a user with a hashed password, audited in the same transaction; refuses an email already
 * taken. Separation of admin duties: asked for approver or admin while another admin is active,
 * the user is created without those roles and the full set waits for a second admin's
 * confirmation (a pending grant). Every creation by a person is recorded as a grant (the 24-hour rule).
 */
export async function createUser(ctx: ServiceContext, input: { email: string; name: string; password: string; roles: Role[] }): Promise<CreateUserResult> {
  if (ctx.actor.kind !== "system") enforce(hasPermission(ctx.actor, "admin.manage"));
  const passwordHash = await hashPassword(input.password);
  const roles = [...new Set(input.roles)];
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const byPerson = ctx.actor.kind === "user" ? ctx.actor : null;
    // Locked, so a second admin appearing meanwhile is seen (one lock order: by id).
    const admins = await tx.select({ id: users.id }).from(users).where(and(eq(users.active, true), arrayContains(users.roles, ["admin"]))).orderBy(users.id).for("update");
    const needsSecondAdmin = !!byPerson && roles.some((role) => PRIVILEGED_ROLES.includes(role)) && admins.some((admin) => admin.id !== byPerson.id);
    const rolesNow = needsSecondAdmin ? roles.filter((role) => !PRIVILEGED_ROLES.includes(role)) : roles;
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.trim().toLowerCase(), name: input.name, passwordHash, roles: rolesNow })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) throw new DomainError("conflict", `A user with email ${input.email} already exists`, { field: "email" });
    const actor = byPerson ? { kind: "user" as const, id: byPerson.id, label: byPerson.label } : { kind: "system" as const, label: ctx.actor.label };
    await recordAudit(tx, {
      actor,
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, name: user.name, roles: user.roles, active: user.active },
      details: needsSecondAdmin ? { requestedRoles: roles, awaitingSecondAdmin: true } : undefined,
      requestId: ctx.requestId,
    });
    let pendingGrant: CreateUserResult["pendingGrant"] = null;
    if (byPerson) {
      const [grant] = await tx
        .insert(roleGrants)
        .values({
          userId: user.id,
          kind: "create",
          roles,
          status: needsSecondAdmin ? "pending" : "applied",
          requestedBy: byPerson.id,
          requestedAt: now,
          decidedBy: needsSecondAdmin ? null : byPerson.id,
          decidedAt: needsSecondAdmin ? null : now,
        })
        .returning({ id: roleGrants.id });
      if (needsSecondAdmin) {
        pendingGrant = { id: grant!.id, roles };
        await recordAudit(tx, { actor, action: "user.role_grant_request", entityType: "user", entityId: user.id, before: { roles: rolesNow }, after: { roles }, details: { grantId: grant!.id, email: user.email }, requestId: ctx.requestId });
      }
    }
    return { user, pendingGrant };
  });
}
