import { eq, like, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { signInFailures, signInLimits, users, type User } from "../db/schema";
import { DomainError } from "../errors";
import { hasControlCharacters } from "../security/text";
import { verifyPassword } from "./password";

export const SIGN_IN_FAILED_MESSAGE = "Email or password is incorrect";

type Limit = { max: number; windowMs: number; backoffMs: number; maxBackoffMs: number };
const MINUTE = 60_000;

/**
 * Failures allowed per key within its window before it backs off. Over the limit, one attempt is
 * let through each time the back-off has passed (doubling up to its cap), so nobody is locked
 * out for good: the strict limit is per email and IP (the attacker's own pair), the per-email one
 * backs off for a minute at most (someone else cannot keep a person out from another address).
 */
export const SIGN_IN_LIMITS = {
  pair: { max: 5, windowMs: 15 * MINUTE, backoffMs: 30_000, maxBackoffMs: 15 * MINUTE },
  email: { max: 20, windowMs: 15 * MINUTE, backoffMs: 5_000, maxBackoffMs: MINUTE },
  ip: { max: 20, windowMs: 15 * MINUTE, backoffMs: 30_000, maxBackoffMs: 15 * MINUTE },
  global: { max: 600, windowMs: MINUTE, backoffMs: 1_000, maxBackoffMs: MINUTE },
} satisfies Record<string, Limit>;
type LimitName = keyof typeof SIGN_IN_LIMITS;

// Verified against when the email is unknown, so both paths cost one Argon2 verify.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$PqaL6BK3RLZS3LfYsUOF/g$lqq5kbZTtvO/eW95VrgYWDdYLlj6XeHZ3gOs01xgRek";

export type SignInInput = { email: string; password: string; ip?: string | null; now?: Date; requestId?: string | null };

/**
 * Checks an email and password. Every attempt is first counted as a failure, atomically and
 * before the password is looked at, against four keys (email + IP, email, IP, everyone); an
 * attempt over any limit is refused without checking the password. A success takes its count
 * back. The message never says whether the email exists, and unknown emails are throttled alike.
 * Failures are recorded in aggregate (sign_in_failures: per email, IP and minute), not one audit row each.
 */
export async function signIn(db: Db, input: SignInInput): Promise<User> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const ip = normaliseIp(input.ip);
  // No account has such an email, and PostgreSQL stores no NUL: refused before any query.
  if (hasControlCharacters(email) || email.length > 320) throw new DomainError("invalid", SIGN_IN_FAILED_MESSAGE);
  const keys: [LimitName, string][] = [
    ["pair", `pair:${email}|${ip}`],
    ["email", `email:${email}`],
    ["ip", `ip:${ip}`],
    ["global", "global"],
  ];
  let waitMs = 0;
  for (const [name, key] of keys) {
    const verdict = await countAttempt(db, key, SIGN_IN_LIMITS[name], now);
    if (!verdict.allowed) waitMs = Math.max(waitMs, verdict.waitMs);
  }
  if (waitMs > 0) {
    await recordFailure(db, { email, ip, now, reason: "throttled", refused: true });
    throw new DomainError("forbidden", `Too many failed attempts. Try again in ${describeWait(waitMs)}.`, { retryAfterSeconds: Math.ceil(waitMs / 1000) });
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(db, { email, ip, now, reason: !user ? "unknown_email" : !passwordOk ? "wrong_password" : "inactive", refused: false });
    throw new DomainError("unauthenticated", SIGN_IN_FAILED_MESSAGE);
  }
  // A success is not a failure: the person's own counters start again, the shared ones give one back.
  await db.delete(signInLimits).where(or(eq(signInLimits.key, `pair:${email}|${ip}`), eq(signInLimits.key, `email:${email}`)));
  await db
    .update(signInLimits)
    .set({ failures: sql`greatest(${signInLimits.failures} - 1, 0)` })
    .where(or(eq(signInLimits.key, `ip:${ip}`), eq(signInLimits.key, "global")));
  await recordAudit(db, { actor: { kind: "user", id: user.id, label: email }, action: "auth.sign_in", details: { ip }, requestId: input.requestId });
  return user;
}

/** Lifts every sign-in back-off on an email (an admin reset its password). */
export async function clearSignInLimits(db: Db, email: string): Promise<void> {
  const normalised = email.trim().toLowerCase();
  await db.delete(signInLimits).where(or(eq(signInLimits.key, `email:${normalised}`), like(signInLimits.key, `pair:${escapeLike(normalised)}|%`)));
}

type Verdict = { allowed: true } | { allowed: false; waitMs: number };

/**
 * Counts this attempt on the key and decides whether it may go on, under the key's row lock (so
 * parallel attempts queue: 25 at once count 25). Within the limit it may; over it, only the first
 * attempt after the back-off has passed may, and each such attempt doubles the next back-off. A
 * window that ended while the key was not backing off starts the count again.
 */
async function countAttempt(db: Db, key: string, limit: Limit, now: Date): Promise<Verdict> {
  return db.transaction(async (tx) => {
    await tx.insert(signInLimits).values({ key, failures: 0, windowStartedAt: now, lastFailureAt: now }).onConflictDoNothing();
    const [row] = await tx.select().from(signInLimits).where(eq(signInLimits.key, key)).for("update");
    if (!row) return { allowed: true } as const;
    const backingOff = row.blockedUntil !== null && row.blockedUntil > now;
    const reset = row.windowStartedAt.getTime() < now.getTime() - limit.windowMs && !backingOff;
    const failures = reset ? 1 : row.failures + 1;
    let verdict: Verdict = { allowed: true };
    let blockedUntil: Date | null = null;
    if (failures > limit.max) {
      if (backingOff) {
        blockedUntil = row.blockedUntil;
        verdict = { allowed: false, waitMs: row.blockedUntil!.getTime() - now.getTime() };
      } else {
        const backoff = Math.min(limit.backoffMs * 2 ** Math.min(failures - limit.max - 1, 30), limit.maxBackoffMs);
        blockedUntil = new Date(now.getTime() + backoff);
        // The attempt that crosses the limit is refused; later ones get one try per back-off.
        verdict = row.blockedUntil === null ? { allowed: false, waitMs: backoff } : { allowed: true };
      }
    }
    await tx
      .update(signInLimits)
      .set({ failures, windowStartedAt: reset ? now : row.windowStartedAt, lastFailureAt: now, blockedUntil })
      .where(eq(signInLimits.key, key));
    return verdict;
  });
}

async function recordFailure(db: Db, input: { email: string; ip: string; now: Date; reason: string; refused: boolean }): Promise<void> {
  const minute = new Date(Math.floor(input.now.getTime() / MINUTE) * MINUTE);
  // An email field can hold anything: what is kept of it is bounded.
  const email = input.email.slice(0, 320);
  await db
    .insert(signInFailures)
    .values({ minute, email, ip: input.ip, failures: input.refused ? 0 : 1, refused: input.refused ? 1 : 0, lastReason: input.reason })
    .onConflictDoUpdate({
      target: [signInFailures.minute, signInFailures.email, signInFailures.ip],
      set: {
        failures: sql`${signInFailures.failures} + ${input.refused ? 0 : 1}`,
        refused: sql`${signInFailures.refused} + ${input.refused ? 1 : 0}`,
        lastReason: input.reason,
      },
    });
}

function normaliseIp(ip: string | null | undefined): string {
  const value = (ip ?? "").trim().replace(/^::ffff:/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(value) ? value.toLowerCase() : "unknown";
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
