import { eq, sql } from "drizzle-orm";
import { recordAudit, type Actor } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { clearSignInLimits } from "../auth/sign-in";
import type { Db } from "../db";
import { users } from "../db/schema";
import { DomainError } from "../errors";

/**
 * Sets a new password chosen by an admin and lifts any sign-in back-off; every session the user
 * had stops working (the session version moves on). Audited, the password never.
 */
export async function resetUserPassword(db: Db, input: { userId: string; password: string; actor: Actor; requestId?: string | null }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` }).where(eq(users.id, input.userId)).returning({ id: users.id, email: users.email });
    if (!user) throw new DomainError("not_found", "That user does not exist");
    await clearSignInLimits(tx, user.email);
    await recordAudit(tx, { actor: input.actor, action: "user.password_reset", entityType: "user", entityId: user.id, details: { email: user.email }, requestId: input.requestId });
  });
}
