import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { clearSignInLimits } from "../auth/sign-in";
import { auditActor } from "../auth/totp-setup";
import type { ServiceContext } from "../context";
import { users } from "../db/schema";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";

/**
 * Sets a new password chosen by an admin and lifts any sign-in back-off; every session the user
 * had stops working (the session version moves on). Audited, the password never.
 */
export async function resetUserPassword(ctx: ServiceContext, input: { userId: string; password: string }): Promise<void> {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const actor = auditActor(ctx);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` }).where(eq(users.id, input.userId)).returning({ id: users.id, email: users.email });
    if (!user) throw new DomainError("not_found", "That user does not exist");
    await clearSignInLimits(tx, user.email);
    await recordAudit(tx, { actor, action: "user.password_reset", entityType: "user", entityId: user.id, details: { email: user.email }, requestId: ctx.requestId });
  });
}
