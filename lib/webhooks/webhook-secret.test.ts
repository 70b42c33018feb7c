import { describe, expect, it } from "vitest";
import { hashWebhookSecret, webhookSecretMatches } from "./webhook-secret";

describe("webhook secrets", () => {
  const secret = "s3cr3t-value-for-one-batch";
  const stored = hashWebhookSecret(secret);

  it("stores sha256 as lowercase hex, never the secret", () => {
    // The agreed form (issue 6 stores it at submission): sha256("abc") from FIPS 180-2.
    expect(hashWebhookSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(stored).not.toContain(secret);
  });

  it("accepts only the exact secret", () => {
    expect(webhookSecretMatches(secret, stored)).toBe(true);
    expect(webhookSecretMatches(`${secret} `, stored)).toBe(false);
    expect(webhookSecretMatches(secret.toUpperCase(), stored)).toBe(false);
  });

  it("refuses a missing header, an empty one, and a batch without a stored hash", () => {
    expect(webhookSecretMatches(null, stored)).toBe(false);
    expect(webhookSecretMatches("", hashWebhookSecret(""))).toBe(false);
    expect(webhookSecretMatches(secret, null)).toBe(false);
    expect(webhookSecretMatches(secret, "not-a-hash")).toBe(false);
  });
});
