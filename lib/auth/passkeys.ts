import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { and, asc, count, eq, isNull, lt } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { passkeys, recoveryCodes, userTotp, users, webauthnChallenges } from "../db/schema";
import { DomainError } from "../errors";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import { auditActor } from "./totp-setup";

/** Who the passkeys belong to: the console's own public URL (its host is the RP ID, its origin the only one accepted). */
export type RelyingParty = { rpID: string; rpName: string; origin: string };

export function relyingPartyFrom(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, rpName: "Payout Desk", origin: url.origin };
}

/** What a challenge may be used for; a challenge issued for one is refused for the others. */
export type PasskeyPurpose = "register" | "sign_in" | "step_up";

/** How long a challenge may be answered (the browser's own timeout is the same). */
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const MAX_PASSKEYS = 10;

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

const FAILED = "That passkey could not be checked. Try again, or use a code from your authenticator app.";

async function issueChallenge(db: Db, input: { userId: string; purpose: PasskeyPurpose; challenge: string; now: Date }): Promise<void> {
  // Expired challenges are never answered; they go whenever a new one is issued.
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, input.now));
  await db.insert(webauthnChallenges).values({
    challenge: input.challenge,
    userId: input.userId,
    purpose: input.purpose,
    expiresAt: new Date(input.now.getTime() + CHALLENGE_TTL_MS),
  });
}

/**
 * Takes the challenge the browser signed out of the store: it must have been issued to this user,
 * for this purpose, and not have expired. Used up whatever the outcome of the check that follows.
 */
async function consumeChallenge(db: Db, input: { userId: string; purpose: PasskeyPurpose; clientDataJSON: string; now: Date }): Promise<string> {
  let challenge: unknown;
  try {
    challenge = JSON.parse(Buffer.from(input.clientDataJSON, "base64url").toString("utf8"))?.challenge;
  } catch {
    challenge = null;
  }
  if (typeof challenge !== "string" || challenge.length === 0 || challenge.length > 512) throw new DomainError("invalid", FAILED, { field: "response" });
  const [row] = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.challenge, challenge), eq(webauthnChallenges.userId, input.userId), eq(webauthnChallenges.purpose, input.purpose)))
    .returning({ expiresAt: webauthnChallenges.expiresAt });
  if (!row || row.expiresAt <= input.now) throw new DomainError("invalid", "That passkey request has expired or was already used. Try again.", { field: "response" });
  return challenge;
}

/** The signed-in person's passkeys, oldest first (for the account page). */
export async function listPasskeys(ctx: ServiceContext, input: { userId: string }): Promise<PasskeySummary[]> {
  return ctx.db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, input.userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

/** "Add a passkey", first half: options for the browser, with a registration challenge bound to this person. */
export async function startPasskeyRegistration(ctx: ServiceContext, input: { rp: RelyingParty }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const actor = auditActor(ctx);
  const existing = await ctx.db.select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, actor.id));
  if (existing.length >= MAX_PASSKEYS) throw new DomainError("conflict", `You already have ${MAX_PASSKEYS} passkeys: remove one first`);
  const [user] = await ctx.db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, actor.id));
  if (!user) throw new DomainError("not_found", "Your account no longer exists");
  const options = await generateRegistrationOptions({
    rpName: input.rp.rpName,
    rpID: input.rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(actor.id),
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: existing.map((row) => ({ id: row.id, transports: row.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await issueChallenge(ctx.db, { userId: actor.id, purpose: "register", challenge: options.challenge, now: ctx.now() });
  return options;
}

/**
 * "Add a passkey", second half: checks the browser's answer against the challenge, origin and RP ID,
 * stores the public key and audits it. Someone whose only factor this is (no authenticator app,
 * no recovery codes) gets ten recovery codes, shown once, so losing the device does not lock them out.
 */
export async function finishPasskeyRegistration(
  ctx: ServiceContext,
  input: { rp: RelyingParty; name?: string | null; response: RegistrationResponseJSON },
): Promise<{ passkey: PasskeySummary; recoveryCodes: string[] | null }> {
  const actor = auditActor(ctx);
  const now = ctx.now();
  const challenge = await consumeChallenge(ctx.db, { userId: actor.id, purpose: "register", clientDataJSON: input.response.response.clientDataJSON, now });
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.rpID,
      requireUserVerification: false,
    });
  } catch (error) {
    ctx.log.warn({ err: error instanceof Error ? error.message : String(error) }, "passkey.register_refused");
    throw new DomainError("invalid", "That passkey could not be checked. Try adding it again.", { field: "response" });
  }
  if (!verification.verified) throw new DomainError("invalid", "That passkey could not be checked. Try adding it again.", { field: "response" });
  const { credential } = verification.registrationInfo;
  return ctx.db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, actor.id));
    const name = input.name?.trim() || `Passkey ${n + 1}`;
    const [row] = await tx
      .insert(passkeys)
      .values({
        id: credential.id,
        userId: actor.id,
        name,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? input.response.response.transports ?? [],
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt });
    if (!row) throw new DomainError("conflict", "That passkey is already registered");
    let codes: string[] | null = null;
    const [totp] = await tx.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, actor.id));
    const [{ left } = { left: 0 }] = await tx.select({ left: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, actor.id), isNull(recoveryCodes.usedAt)));
    if (!totp?.confirmedAt && left === 0) {
      codes = generateRecoveryCodes();
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
      await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId: actor.id, codeHash: hashRecoveryCode(code) })));
    }
    await recordAudit(tx, {
      actor,
      action: "user.passkey_add",
      entityType: "user",
      entityId: actor.id,
      after: { passkeyId: row.id, name: row.name },
      details: { recoveryCodesIssued: codes !== null },
      requestId: ctx.requestId,
    });
    return { passkey: row, recoveryCodes: codes };
  });
}

/** Removes one of the person's own passkeys (the action asks for a fresh step-up). Audited. */
export async function removePasskey(ctx: ServiceContext, input: { passkeyId: string }): Promise<{ removed: string }> {
  const actor = auditActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, input.passkeyId), eq(passkeys.userId, actor.id)))
      .returning({ id: passkeys.id, name: passkeys.name });
    if (!row) throw new DomainError("not_found", "Passkey: no such passkey of yours (already removed?)", { field: "passkeyId" });
    await recordAudit(tx, { actor, action: "user.passkey_remove", entityType: "user", entityId: actor.id, before: { passkeyId: row.id, name: row.name }, requestId: ctx.requestId });
    return { removed: row.id };
  });
}

/** Options for proving a passkey (sign-in's second step or step-up), with a challenge bound to the person and purpose. */
export async function startPasskeyAuthentication(
  ctx: ServiceContext,
  input: { purpose: Exclude<PasskeyPurpose, "register">; rp: RelyingParty },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const actor = auditActor(ctx);
  const mine = await ctx.db.select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, actor.id));
  if (mine.length === 0) throw new DomainError("conflict", "You have no passkey: use a code from your authenticator app");
  const options = await generateAuthenticationOptions({
    rpID: input.rp.rpID,
    timeout: CHALLENGE_TTL_MS,
    userVerification: "preferred",
    allowCredentials: mine.map((row) => ({ id: row.id, transports: row.transports as AuthenticatorTransportFuture[] })),
  });
  await issueChallenge(ctx.db, { userId: actor.id, purpose: input.purpose, challenge: options.challenge, now: ctx.now() });
  return options;
}

/**
 * Checks a passkey's answer: the challenge (single-use, this user, this purpose, not expired), the
 * origin and RP ID, the signature with the stored public key, and the signature counter (a counter
 * that does not move forward, as from a cloned authenticator, is refused). Moves the counter on,
 * records when the passkey was last used and audits the use. Throws `invalid` when anything fails.
 */
export async function verifyPasskeyAuthentication(
  ctx: ServiceContext,
  input: { purpose: Exclude<PasskeyPurpose, "register">; rp: RelyingParty; response: AuthenticationResponseJSON },
): Promise<{ passkeyId: string }> {
  const actor = auditActor(ctx);
  const now = ctx.now();
  const challenge = await consumeChallenge(ctx.db, { userId: actor.id, purpose: input.purpose, clientDataJSON: input.response.response.clientDataJSON, now });
  return ctx.db.transaction(async (tx) => {
    const [stored] = await tx
      .select()
      .from(passkeys)
      .where(and(eq(passkeys.id, input.response.id), eq(passkeys.userId, actor.id)))
      .for("update");
    if (!stored) throw new DomainError("invalid", FAILED, { field: "response" });
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verification = await verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: challenge,
        expectedOrigin: input.rp.origin,
        expectedRPID: input.rp.rpID,
        requireUserVerification: false,
        credential: {
          id: stored.id,
          publicKey: new Uint8Array(Buffer.from(stored.publicKey, "base64url")),
          counter: stored.counter,
          transports: stored.transports as AuthenticatorTransportFuture[],
        },
      });
    } catch (error) {
      ctx.log.warn({ err: error instanceof Error ? error.message : String(error), purpose: input.purpose }, "passkey.use_refused");
      throw new DomainError("invalid", FAILED, { field: "response" });
    }
    if (!verification.verified) throw new DomainError("invalid", FAILED, { field: "response" });
    await tx
      .update(passkeys)
      .set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: now })
      .where(and(eq(passkeys.id, stored.id), eq(passkeys.userId, actor.id)));
    await recordAudit(tx, {
      actor,
      action: "user.passkey_use",
      entityType: "user",
      entityId: actor.id,
      details: { purpose: input.purpose, passkeyId: stored.id, name: stored.name },
      requestId: ctx.requestId,
    });
    return { passkeyId: stored.id };
  });
}
