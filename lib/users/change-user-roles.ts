import { eq, sql } from "drizzle-orm";
import { recordAudit, type Actor } from "../audit/record-audit";
import type { Role } from "../auth/roles";
import type { Db } from "../db";
import { users } from "../db/schema";
import { DomainError } from "../errors";
import { lockUserForChange } from "./lock-user-for-change";

/**
 * Replaces a user's roles; the last active admin keeps "admin". The user's sessions end (the
 * session version moves on), so nobody keeps a page open under a role they lost. Audited.
 */
export async function changeUserRoles(db: Db, input: { userId: string; roles: Role[]; actor: Actor; requestId?: string | null }): Promise<void> {
  const roles = [...new Set(input.roles)];
  await db.transaction(async (tx) => {
    const { user, lastActiveAdmin } = await lockUserForChange(tx, input.userId);
    if (lastActiveAdmin && !roles.includes("admin")) {
      throw new DomainError("conflict", `${user.email} is the last active admin; make someone else an admin first`);
    }
    if (sameRoles(user.roles, roles)) return;
    await tx.update(users).set({ roles, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actor: input.actor,
      action: "user.roles_change",
      entityType: "user",
      entityId: user.id,
      before: { roles: user.roles },
      after: { roles },
      details: { email: user.email },
      requestId: input.requestId,
    });
  });
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
