import type { Db } from "../db";
import { DomainError } from "../errors";
import type { Role } from "./roles";
import { secondFactorRequiredMessage } from "./second-factor-messages";
import { getSecondFactorStatus, recordStepUp, verifySecondFactorCode, type SecondFactorMethod } from "./second-factor";

export type SecondFactorProof = { code?: string | null; passkey?: (userId: string) => Promise<boolean> };

/**
 * The second step of signing in, after the password: someone with a second factor must prove it
 * (a TOTP or recovery code, or a passkey); the proof also counts as this session's step-up.
 * Someone without one signs in with the password alone (an approver or admin is then sent to set
 * one up before anything else). Returns the method used, or null.
 */
export async function checkSecondFactorAtSignIn(
  db: Db,
  input: { user: { id: string; roles: readonly Role[] }; proof: SecondFactorProof; key: () => Buffer; sessionId: string; now: Date },
): Promise<SecondFactorMethod | null> {
  const status = await getSecondFactorStatus(db, input.user);
  if (!status.enrolled) return null;
  let method: SecondFactorMethod | null = null;
  if (input.proof.code) {
    method = await verifySecondFactorCode(db, { userId: input.user.id, code: input.proof.code, key: input.key(), now: input.now });
  } else if (input.proof.passkey && status.passkeys > 0) {
    if (!(await input.proof.passkey(input.user.id))) throw new DomainError("unauthenticated", "That passkey could not be checked. Try again, or enter a code from your authenticator app.");
    method = "passkey";
  } else {
    throw new DomainError("unauthenticated", secondFactorRequiredMessage({ totp: status.totp, passkey: status.passkeys > 0 }));
  }
  await recordStepUp(db, { sessionId: input.sessionId, userId: input.user.id, method, now: input.now });
  return method;
}
