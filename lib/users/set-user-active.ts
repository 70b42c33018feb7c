import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { auditActor } from "../auth/totp-setup";
import type { ServiceContext } from "../context";
import { users } from "../db/schema";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import { lockUserForChange } from "./lock-user-for-change";

/**
 * Deactivates or reactivates a user. A deactivated user is signed out at their next request
 * (the session re-reads the user, and its version moves on, so a token from before a
 * deactivation stays dead after a reactivation); the last active admin cannot be deactivated.
 */
export async function setUserActive(ctx: ServiceContext, input: { userId: string; active: boolean }): Promise<void> {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const actor = auditActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const { user, lastActiveAdmin } = await lockUserForChange(tx, input.userId);
    if (!input.active && lastActiveAdmin) {
      throw new DomainError("conflict", `${user.email} is the last active admin and cannot be deactivated; make someone else an admin first`);
    }
    if (user.active === input.active) return;
    await tx.update(users).set({ active: input.active, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actor,
      action: input.active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: user.id,
      before: { active: user.active },
      after: { active: input.active },
      details: { email: user.email },
      requestId: ctx.requestId,
    });
  });
}
