import type { Db } from "../db";
import { webhookDeliveries } from "../db/schema";
import { isTerminalProviderStatus } from "../provider-sync/provider-status";
import { escapeControlCharacters } from "../security/text";
import type { AuthenticatedBatch } from "./authenticate-delivery";

export type DeliveryQueue = { enqueueApply: (batchId: string) => Promise<unknown> };

export type RecordDeliveryOutcome =
  | { kind: "malformed"; deliveryId: number }
  | { kind: "accepted"; deliveryId: number; claimedStatus: string | null; queued: boolean };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

function decode(body: Uint8Array): { text: string; valid: boolean } {
  let text: string;
  let valid = true;
  try {
    text = strictUtf8.decode(body);
  } catch {
    text = lenientUtf8.decode(body);
    valid = false;
  }
  // PostgreSQL text cannot hold NUL; a raw NUL is never valid JSON anyway.
  if (text.includes("\u0000")) return { text: text.replaceAll("\u0000", "\uFFFD"), valid: false };
  return { text, valid };
}

function readClaimedStatus(text: string): { parsed: boolean; status: string | null } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { parsed: false, status: null };
  }
  const status = value !== null && typeof value === "object" ? (value as { status?: unknown }).status : undefined;
  // A status holding NUL or other control characters ("completed\u0000") is kept escaped: PostgreSQL stores no NUL.
  return { parsed: true, status: typeof status === "string" ? escapeControlCharacters(status).slice(0, 40) : null };
}

/**
 * Stores an authentic delivery raw (received at, body, content type; never the Authorization
 * value), then hands the batch to the apply job. The body is only a hint: the job re-reads the
 * payout from Hello Clever. Malformed JSON is stored and changes nothing.
 */
export async function recordDelivery(
  db: Db,
  input: { batch: AuthenticatedBatch; rawBody: Uint8Array; contentType: string | null },
  queue: DeliveryQueue,
): Promise<RecordDeliveryOutcome> {
  const { text, valid } = decode(input.rawBody);
  const claim = valid ? readClaimedStatus(text) : { parsed: false, status: null };
  // Terminal is final (forward-only): a late or repeated delivery has nothing left to apply.
  const settled = !claim.parsed || (input.batch.providerStatus !== null && isTerminalProviderStatus(input.batch.providerStatus));
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      batchId: input.batch.id,
      contentType: input.contentType?.slice(0, 200) ?? null,
      body: text,
      malformed: !claim.parsed,
      claimedStatus: claim.status,
      processedAt: settled ? new Date() : null,
    })
    .returning({ id: webhookDeliveries.id });
  const deliveryId = row!.id;
  if (!claim.parsed) return { kind: "malformed", deliveryId };
  if (!settled) await queue.enqueueApply(input.batch.id);
  return { kind: "accepted", deliveryId, claimedStatus: claim.status, queued: !settled };
}
