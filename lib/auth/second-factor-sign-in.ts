import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { createContext } from "../context";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { startPasskeyAuthentication, verifyPasskeyAuthentication, type RelyingParty } from "./passkeys";
import type { Role } from "./roles";
import { secondFactorRequiredMessage } from "./second-factor-messages";
import { getSecondFactorStatus, recordStepUp, verifySecondFactorCode, type SecondFactorMethod } from "./second-factor";

/**
 * What the sign-in form sent with the password: a code (TOTP or recovery), or for a passkey
 * either "start" (send me options with a challenge) or the browser's signed answer.
 */
export type SecondFactorProof = { code?: string | null; passkey?: "start" | AuthenticationResponseJSON | null };

/**
 * The second step of signing in, after the password: someone with a second factor must prove it
 * (a TOTP or recovery code, or a passkey); the proof also counts as this session's step-up.
 * Someone without one signs in with the password alone (an approver or admin is then sent to set
 * one up before anything else). Returns the method used, or null.
 */
export async function checkSecondFactorAtSignIn(
  db: Db,
  input: {
    user: { id: string; email: string; roles: readonly Role[] };
    proof: SecondFactorProof;
    key: () => Buffer;
    rp: () => RelyingParty;
    sessionId: string;
    now: Date;
    requestId?: string | null;
  },
): Promise<SecondFactorMethod | null> {
  const ctx = createContext(db, { kind: "user", id: input.user.id, label: input.user.email, roles: input.user.roles }, { requestId: input.requestId, now: () => input.now });
  const status = await getSecondFactorStatus(ctx, input.user);
  if (!status.enrolled) return null;
  const methods = { totp: status.totp, passkey: status.passkeys > 0 };
  let method: SecondFactorMethod | null = null;
  if (input.proof.code) {
    method = await verifySecondFactorCode(db, { userId: input.user.id, code: input.proof.code, key: input.key(), now: input.now });
  } else if (input.proof.passkey === "start" && methods.passkey) {
    const options = await startPasskeyAuthentication(ctx, { purpose: "sign_in", rp: input.rp() });
    throw new DomainError("unauthenticated", secondFactorRequiredMessage(methods, options));
  } else if (input.proof.passkey && input.proof.passkey !== "start" && methods.passkey) {
    await verifyPasskeyAuthentication(ctx, { purpose: "sign_in", rp: input.rp(), response: input.proof.passkey });
    method = "passkey";
  } else {
    throw new DomainError("unauthenticated", secondFactorRequiredMessage(methods));
  }
  await recordStepUp(db, { sessionId: input.sessionId, userId: input.user.id, method, now: input.now });
  return method;
}
