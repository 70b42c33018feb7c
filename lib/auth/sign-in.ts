import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { signInThrottle, users, type User } from "../db/schema";
import { DomainError } from "../errors";
import { verifyPassword } from "./password";

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SIGN_IN_FAILED_MESSAGE = "Email or password is incorrect";

// Verified against when the email is unknown, so both paths cost one Argon2 verify.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$PqaL6BK3RLZS3LfYsUOF/g$lqq5kbZTtvO/eW95VrgYWDdYLlj6XeHZ3gOs01xgRek";

/**
 * Checks an email and password. Failures are counted per email (known or not) and lock it
 * for a while after MAX_FAILURES; the message never says whether the email exists.
 */
export async function signIn(db: Db, input: { email: string; password: string; now?: Date; requestId?: string | null }): Promise<User> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const [throttle] = await db.select().from(signInThrottle).where(eq(signInThrottle.email, email));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    const minutes = Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 60_000);
    await recordAudit(db, { actor: { kind: "system", label: email }, action: "auth.sign_in_locked", requestId: input.requestId });
    throw new DomainError("forbidden", `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(db, email, now);
    await recordAudit(db, {
      actor: user ? { kind: "user", id: user.id, label: email } : { kind: "system", label: email },
      action: "auth.sign_in_failed",
      details: { reason: !user ? "unknown_email" : !passwordOk ? "wrong_password" : "inactive" },
      requestId: input.requestId,
    });
    throw new DomainError("unauthenticated", SIGN_IN_FAILED_MESSAGE);
  }
  await db.delete(signInThrottle).where(eq(signInThrottle.email, email));
  await recordAudit(db, { actor: { kind: "user", id: user.id, label: email }, action: "auth.sign_in", requestId: input.requestId });
  return user;
}

async function recordFailure(db: Db, email: string, now: Date): Promise<void> {
  // Failures older than the lock window start a fresh count.
  const windowStart = new Date(now.getTime() - LOCK_MINUTES * 60_000).toISOString();
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  await db
    .insert(signInThrottle)
    .values({ email, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.email,
      set: {
        failures: sql`case when ${signInThrottle.lastFailureAt} < ${windowStart}::timestamptz then 1 else ${signInThrottle.failures} + 1 end`,
        lastFailureAt: now,
        lockedUntil: sql`case when ${signInThrottle.lastFailureAt} >= ${windowStart}::timestamptz and ${signInThrottle.failures} + 1 >= ${MAX_FAILURES} then ${lockUntil}::timestamptz else null end`,
      },
    });
}
