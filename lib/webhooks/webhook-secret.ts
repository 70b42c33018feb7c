import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The stored form of a batch's webhook secret (batches.webhook_secret_hash): sha256, lowercase
 * hex. Only this is kept, so a database leak does not let anyone forge deliveries.
 */
export function hashWebhookSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

// A valid hash to compare against when there is nothing to compare, so a miss costs the same.
const NO_HASH = hashWebhookSecret("");

/** Constant-time check of a presented Authorization value against a stored hash. */
export function webhookSecretMatches(presented: string | null, storedHash: string | null): boolean {
  const expected = Buffer.from(storedHash ?? NO_HASH, "utf8");
  const actual = Buffer.from(hashWebhookSecret(presented ?? ""), "utf8");
  // Both are 64 hex characters when the stored hash is well-formed; a malformed one never matches.
  const equal = expected.length === actual.length && timingSafeEqual(expected, actual);
  return equal && presented !== null && presented !== "" && storedHash !== null;
}
