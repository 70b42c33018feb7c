import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { EndpointSecret } from "../db/schema";

/** A new Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** The secrets valid at `now` (rotation: the new one and the old one until it expires). */
export function activeSecrets(secrets: EndpointSecret[], now: Date): EndpointSecret[] {
  return secrets.filter((s) => s.expiresAt === null || new Date(s.expiresAt) > now);
}

/** The three Standard Webhooks headers; `webhook-signature` carries one `v1,…` per active secret. */
export function signWebhook(secrets: EndpointSecret[], messageId: string, at: Date, body: string): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s.secret).sign(messageId, at, body));
  return { "webhook-id": messageId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signatures.join(" ") };
}
