import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { passkeys, recoveryCodes, secondFactorThrottle, securitySettings, sessionStepUps, userTotp } from "../db/schema";
import { DomainError } from "../errors";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import type { Role } from "./roles";
import { matchTotpStep } from "./totp";
import { decryptTotpSecret } from "./totp-crypto";

export type SecondFactorMethod = "totp" | "recovery_code" | "passkey";

/** Roles that must have a second factor, whatever the console-wide setting says. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["approver", "admin"];

export const MAX_CODE_FAILURES = 5;
export const CODE_LOCK_MINUTES = 15;

export type SecondFactorStatus = { totp: boolean; passkeys: number; recoveryCodesLeft: number; enrolled: boolean; required: boolean };

/** Whether the console asks everyone (not only approvers and admins) for a second factor. */
export async function secondFactorRequiredForAll(ctx: ServiceContext): Promise<boolean> {
  const [row] = await ctx.db.select({ all: securitySettings.requireSecondFactorForAll }).from(securitySettings).where(eq(securitySettings.id, 1));
  return row?.all ?? false;
}

/** What second factors a user has, and whether they must have one (approver, admin, or everyone by setting). */
export async function getSecondFactorStatus(ctx: ServiceContext, user: { id: string; roles: readonly Role[] }): Promise<SecondFactorStatus> {
  const [row] = await ctx.db
    .select({
      totp: sql<boolean>`exists (select 1 from ${userTotp} where ${userTotp.userId} = ${user.id} and ${userTotp.confirmedAt} is not null)`,
      passkeys: sql<number>`(select count(*)::int from ${passkeys} where ${passkeys.userId} = ${user.id})`,
      recoveryCodesLeft: sql<number>`(select count(*)::int from ${recoveryCodes} where ${recoveryCodes.userId} = ${user.id} and ${recoveryCodes.usedAt} is null)`,
      all: sql<boolean>`coalesce((select ${securitySettings.requireSecondFactorForAll} from ${securitySettings} where ${securitySettings.id} = 1), false)`,
    })
    .from(sql`(select 1) as one`);
  const totp = Boolean(row?.totp);
  const passkeyCount = Number(row?.passkeys ?? 0);
  return {
    totp,
    passkeys: passkeyCount,
    recoveryCodesLeft: Number(row?.recoveryCodesLeft ?? 0),
    enrolled: totp || passkeyCount > 0,
    required: Boolean(row?.all) || user.roles.some((role) => SECOND_FACTOR_ROLES.includes(role)),
  };
}

/**
 * Counts a code attempt before the code is checked (so parallel guesses cannot slip past the
 * limit) and refuses once MAX_CODE_FAILURES attempts failed within CODE_LOCK_MINUTES.
 */
async function countAttempt(db: Db, userId: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - CODE_LOCK_MINUTES * 60_000);
  const [row] = await db
    .insert(secondFactorThrottle)
    .values({ userId, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: secondFactorThrottle.userId,
      set: {
        failures: sql`case when ${secondFactorThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then 1 else least(${secondFactorThrottle.failures} + 1, 1000) end`,
        windowStartedAt: sql`case when ${secondFactorThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${secondFactorThrottle.windowStartedAt} end`,
      },
    })
    .returning();
  if (row && row.failures > MAX_CODE_FAILURES) {
    const minutes = Math.max(1, Math.ceil((row.windowStartedAt.getTime() + CODE_LOCK_MINUTES * 60_000 - now.getTime()) / 60_000));
    throw new DomainError("forbidden", `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { field: "code" });
  }
}

async function clearAttempts(db: Db, userId: string): Promise<void> {
  await db.delete(secondFactorThrottle).where(eq(secondFactorThrottle.userId, userId));
}

// verifySecondFactorCode and recordStepUp take the db: sign-in runs them before a session exists.
/**
 * Checks a code from the user's authenticator app, or one of their recovery codes (used up by
 * this check). Replayed codes (a time step already used) are refused. Throws `invalid` naming
 * the `code` field when the code is wrong.
 */
export async function verifySecondFactorCode(db: Db, input: { userId: string; code: string; key: Buffer; now: Date }): Promise<SecondFactorMethod> {
  const code = input.code.trim();
  if (!code) throw new DomainError("invalid", "Code: enter the 6-digit code from your authenticator app, or a recovery code", { field: "code" });
  if (code.length > 64) throw new DomainError("invalid", "Code: that is not a code from your authenticator app or a recovery code", { field: "code" });
  await countAttempt(db, input.userId, input.now);
  const method = await db.transaction(async (tx): Promise<SecondFactorMethod | null> => {
    if (looksLikeRecoveryCode(code)) {
      const [used] = await tx
        .update(recoveryCodes)
        .set({ usedAt: input.now })
        .where(and(eq(recoveryCodes.userId, input.userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (!used) return null;
      await recordAudit(tx, { actor: { kind: "user", id: input.userId, label: input.userId }, action: "user.recovery_code_use", entityType: "user", entityId: input.userId });
      return "recovery_code";
    }
    const [totp] = await tx.select().from(userTotp).where(and(eq(userTotp.userId, input.userId), isNotNull(userTotp.confirmedAt))).for("update");
    if (!totp) return null;
    const step = matchTotpStep(decryptTotpSecret(input.key, totp.secretEncrypted), code, input.now);
    if (step === null || (totp.lastUsedStep !== null && step <= totp.lastUsedStep)) return null;
    await tx.update(userTotp).set({ lastUsedStep: step }).where(eq(userTotp.userId, input.userId));
    return "totp";
  });
  if (!method) {
    throw new DomainError("invalid", "Code: that code is not right (or was already used). Enter the current code from your authenticator app, or a recovery code.", { field: "code" });
  }
  await clearAttempts(db, input.userId);
  return method;
}

/** Records a fresh second-factor proof for a session (sign-in or step-up). */
export async function recordStepUp(db: Db, input: { sessionId: string; userId: string; method: SecondFactorMethod; now: Date }): Promise<void> {
  await db
    .insert(sessionStepUps)
    .values({ sessionId: input.sessionId, userId: input.userId, method: input.method, verifiedAt: input.now })
    .onConflictDoUpdate({ target: sessionStepUps.sessionId, set: { method: input.method, verifiedAt: input.now, userId: input.userId } });
}

export const STEP_UP_MAX_AGE_MS = 5 * 60_000;

/** When this session last proved a second factor, or null. */
export async function lastStepUpAt(ctx: ServiceContext, input: { sessionId: string; userId: string }): Promise<Date | null> {
  const [row] = await ctx.db
    .select({ at: sessionStepUps.verifiedAt })
    .from(sessionStepUps)
    .where(and(eq(sessionStepUps.sessionId, input.sessionId), eq(sessionStepUps.userId, input.userId)));
  return row?.at ?? null;
}
