import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// TOTP secrets at rest: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. A database dump
// without TOTP_ENCRYPTION_KEY yields no usable secret.

/** Reads TOTP_ENCRYPTION_KEY: 32 bytes as 64 hex characters or base64/base64url. Null when malformed. */
export function parseTotpKey(value: string): Buffer | null {
  const trimmed = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64url");
  return bytes.length === 32 ? bytes : null;
}

export function encryptTotpSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Throws when the value was encrypted with another key or altered. */
export function decryptTotpSecret(key: Buffer, stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error("Unreadable TOTP secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
