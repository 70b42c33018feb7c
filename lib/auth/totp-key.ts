import "server-only";
import { DomainError } from "../errors";
import { parseTotpKey } from "./totp-crypto";

let cached: Buffer | undefined;

/** TOTP_ENCRYPTION_KEY (validated at start by lib/env.ts; generated into the data dir on embedded defaults). */
export function totpEncryptionKey(): Buffer {
  if (cached) return cached;
  const key = process.env.TOTP_ENCRYPTION_KEY ? parseTotpKey(process.env.TOTP_ENCRYPTION_KEY) : null;
  if (!key) throw new DomainError("unavailable", "Two-step sign-in is not configured on this server (TOTP_ENCRYPTION_KEY is missing)");
  cached = key;
  return key;
}
