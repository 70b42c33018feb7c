import { authenticator } from "otplib";

// RFC 6238 TOTP as every authenticator app reads it: SHA-1, 6 digits, 30-second steps.
export const TOTP_STEP_SECONDS = 30;
export const TOTP_ISSUER = "Payout Desk";

/** A fresh base32 secret (160 bits). */
export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The otpauth:// URI an authenticator app scans (shown as a QR code and as text). */
export function totpUri(secret: string, account: string): string {
  return authenticator.keyuri(account, TOTP_ISSUER, secret);
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code for a time (the demo script and the e2e helper use it; the app only checks codes). */
export function totpCodeAt(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

/**
 * The time step a code belongs to, accepting one step of clock drift either way, or null when it
 * is not a current code. Callers refuse a step at or before the last one used (replay).
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = authenticator.clone({ epoch: now.getTime(), window: 1 }).checkDelta(token, secret);
  return delta === null ? null : totpStepAt(now) + delta;
}
