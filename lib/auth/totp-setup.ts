import { eq } from "drizzle-orm";
import { recordAudit, type Actor } from "../audit/record-audit";
import { withDb, type ServiceContext } from "../context";
import { passkeys, recoveryCodes, securitySettings, userTotp } from "../db/schema";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import { generateTotpSecret, matchTotpStep, totpUri } from "./totp";
import { decryptTotpSecret, encryptTotpSecret } from "./totp-crypto";

/** The audit actor of a signed-in person's context. */
export function auditActor(ctx: ServiceContext): Extract<Actor, { kind: "user" }> {
  if (ctx.actor.kind !== "user") throw new DomainError("forbidden", "Only a signed-in person can do that");
  return { kind: "user", id: ctx.actor.id, label: ctx.actor.label };
}

/** Starts (or restarts) TOTP set-up: a new secret, kept unconfirmed until a first code checks. */
export async function startTotpSetup(ctx: ServiceContext, input: { key: Buffer }): Promise<{ secret: string; uri: string }> {
  const actor = auditActor(ctx);
  const [existing] = await ctx.db.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, actor.id));
  if (existing?.confirmedAt) throw new DomainError("conflict", "An authenticator app is already set up for you");
  const secret = generateTotpSecret();
  const secretEncrypted = encryptTotpSecret(input.key, secret);
  await ctx.db
    .insert(userTotp)
    .values({ userId: actor.id, secretEncrypted })
    .onConflictDoUpdate({ target: userTotp.userId, set: { secretEncrypted, createdAt: ctx.now(), lastUsedStep: null } });
  return { secret, uri: totpUri(secret, actor.label) };
}

async function replaceRecoveryCodes(ctx: ServiceContext, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await ctx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await ctx.db.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/** Confirms TOTP set-up with a first code; returns ten recovery codes, shown once. Audited. */
export async function confirmTotpSetup(ctx: ServiceContext, input: { code: string; key: Buffer }): Promise<{ recoveryCodes: string[] }> {
  const actor = auditActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const txCtx = withDb(ctx, tx);
    const [pending] = await tx.select().from(userTotp).where(eq(userTotp.userId, actor.id)).for("update");
    if (!pending) throw new DomainError("conflict", "Start the set-up again: no authenticator app is waiting to be confirmed");
    if (pending.confirmedAt) throw new DomainError("conflict", "An authenticator app is already set up for you");
    const step = matchTotpStep(decryptTotpSecret(input.key, pending.secretEncrypted), input.code, ctx.now());
    if (step === null) throw new DomainError("invalid", "Code: that code is not right. Enter the 6-digit code your authenticator app shows now.", { field: "code" });
    await tx.update(userTotp).set({ confirmedAt: ctx.now(), lastUsedStep: step }).where(eq(userTotp.userId, actor.id));
    const codes = await replaceRecoveryCodes(txCtx, actor.id);
    await recordAudit(tx, { actor, action: "user.totp_enable", entityType: "user", entityId: actor.id, requestId: ctx.requestId });
    return { recoveryCodes: codes };
  });
}

/** Replaces the recovery codes (the old ones stop working); audited, the codes never. */
export async function regenerateRecoveryCodes(ctx: ServiceContext): Promise<{ recoveryCodes: string[] }> {
  const actor = auditActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const [totp] = await tx.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, actor.id));
    const [passkey] = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, actor.id)).limit(1);
    if (!totp?.confirmedAt && !passkey) throw new DomainError("conflict", "Set up an authenticator app or a passkey first");
    const codes = await replaceRecoveryCodes(withDb(ctx, tx), actor.id);
    await recordAudit(tx, { actor, action: "user.recovery_codes_regenerate", entityType: "user", entityId: actor.id, requestId: ctx.requestId });
    return { recoveryCodes: codes };
  });
}

/** "Require two-step sign-in for everyone" (admins only; approvers and admins always need it). Audited. */
export async function setSecondFactorRequiredForAll(ctx: ServiceContext, input: { required: boolean }): Promise<{ required: boolean }> {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const actor = auditActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(securitySettings).where(eq(securitySettings.id, 1)).for("update");
    await tx
      .insert(securitySettings)
      .values({ id: 1, requireSecondFactorForAll: input.required, updatedBy: actor.id, updatedAt: ctx.now() })
      .onConflictDoUpdate({ target: securitySettings.id, set: { requireSecondFactorForAll: input.required, updatedBy: actor.id, updatedAt: ctx.now() } });
    await recordAudit(tx, {
      actor,
      action: "security.second_factor_requirement_set",
      entityType: "security_settings",
      entityId: "1",
      before: { requireSecondFactorForAll: before?.requireSecondFactorForAll ?? false },
      after: { requireSecondFactorForAll: input.required },
      requestId: ctx.requestId,
    });
    return { required: input.required };
  });
}
