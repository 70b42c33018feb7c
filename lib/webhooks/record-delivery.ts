import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { providerEvents, webhookDeliveries } from "../db/schema";
import { isTerminalProviderStatus } from "../provider-sync/provider-status";
import { escapeControlCharacters } from "../security/text";
import type { AuthenticatedBatch } from "./authenticate-delivery";
import type { WebhookBody } from "./read-webhook-body";

export type DeliveryQueue = { enqueueApply: (batchId: string) => Promise<unknown> };

export type RecordDeliveryOutcome = { kind: "accepted"; deliveryId: number; claimedStatus: string | null; malformed: boolean; queued: boolean };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/**
 * The body as storable text: PostgreSQL text cannot hold NUL, so each one is escaped as the six
 * characters `\u0000` (inside a JSON string that is the JSON escape of the same character, so an
 * otherwise valid body stays parseable). Invalid UTF-8 is decoded leniently and flagged.
 */
export function storableText(bytes: Uint8Array, truncated: boolean): { text: string; validUtf8: boolean } {
  let text: string;
  let validUtf8 = true;
  try {
    text = (truncated ? lenientUtf8 : strictUtf8).decode(bytes);
  } catch {
    text = lenientUtf8.decode(bytes);
    validUtf8 = false;
  }
  if (text.includes("\u0000")) text = text.replaceAll("\u0000", "\\u0000");
  return { text, validUtf8 };
}

const STATUS_IN_HEAD = /"status"\s*:\s*"((?:[^"\\]|\\.){1,40})"/;

function readClaimedStatus(text: string, whole: boolean): { parsed: boolean; status: string | null } {
  if (!whole) {
    // Only the head is at hand: the payout's own status comes before its transactions.
    const match = STATUS_IN_HEAD.exec(text);
    return { parsed: true, status: match?.[1] ?? null };
  }
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
 * Stores an authentic delivery (received at, content type, the body: whole as text up to 64 KB;
 * beyond that its first 64 KB as text plus the whole body gzip-compressed; always its sha256 and
 * size; never the Authorization value), then hands the batch to the apply job. The body is only
 * a hint: the job re-reads the payout from Hello Clever, so even a malformed body is stored,
 * flagged and answered like any other.
 */
export async function recordDelivery(
  db: Db,
  input: { batch: AuthenticatedBatch; body: WebhookBody; contentType: string | null },
  queue: DeliveryQueue,
): Promise<RecordDeliveryOutcome> {
  const whole = input.body.gzip === null;
  const { text, validUtf8 } = storableText(input.body.head, !whole);
  const claim = validUtf8 ? readClaimedStatus(text, whole) : { parsed: false, status: null };
  // Terminal is final (forward-only): a late or repeated delivery has nothing left to apply.
  const settled = input.batch.providerStatus !== null && isTerminalProviderStatus(input.batch.providerStatus);
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      batchId: input.batch.id,
      contentType: input.contentType?.slice(0, 200) ?? null,
      body: text,
      bodyGzip: input.body.gzip,
      bodySha256: input.body.sha256,
      bodySize: input.body.size,
      malformed: !claim.parsed,
      claimedStatus: claim.status,
      processedAt: settled ? new Date() : null,
    })
    .returning({ id: webhookDeliveries.id });
  const deliveryId = row!.id;
  if (!settled) await queue.enqueueApply(input.batch.id);
  return { kind: "accepted", deliveryId, claimedStatus: claim.status, malformed: !claim.parsed, queued: !settled };
}

/** Refused deliveries of one batch are written at most this often per answer code (an attacker knowing a batch id cannot flood the table). */
const REFUSAL_THROTTLE_SECONDS = 60;

/**
 * Puts a refused delivery (401, 413, 5xx) on the batch's timeline, at most one row per batch and
 * answer code a minute (the row counts nothing more: the log has every one). Best effort: the
 * caller ignores a failure (the database may be why it refused).
 */
export async function recordRefusedDelivery(db: Db, input: { batchId: string; httpStatus: number; reason: string }): Promise<void> {
  const detail = JSON.stringify({ httpStatus: input.httpStatus, reason: input.reason.slice(0, 200) });
  await db.execute(sql`
    insert into ${providerEvents} (batch_id, source, provider_status, outcome, detail)
    select ${input.batchId}::uuid, 'webhook', null, 'refused', ${detail}::jsonb
    where exists (select 1 from batches where id = ${input.batchId}::uuid)
      and not exists (
        select 1 from ${providerEvents}
        where batch_id = ${input.batchId}::uuid and outcome = 'refused' and (detail->>'httpStatus')::int = ${input.httpStatus}
          and created_at > now() - make_interval(secs => ${REFUSAL_THROTTLE_SECONDS})
      )`);
}
