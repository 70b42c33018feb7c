import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { batches, transactions, type Batch } from "../db/schema";
import { verifyApprovedPayload } from "../approvals/payload-hash";
import { recordAudit, systemActor } from "../audit/record-audit";
import type { HelloCleverClient } from "../hello-clever/client";
import {
  HelloCleverAuthenticationError,
  HelloCleverError,
  HelloCleverInsufficientFundsError,
  HelloCleverNotFoundError,
  HelloCleverPayToChargeError,
  HelloCleverRejectedError,
  HelloCleverUnavailableError,
  HelloCleverValidationError,
} from "../hello-clever/errors";
import type { CreatePayoutInput, Payout } from "../hello-clever/types";
import { submittedState } from "./submitted-state";
import { applyPayoutInTransaction } from "../provider-sync/apply-payout";
import { hashWebhookSecret } from "../webhooks/webhook-secret";
import { ATTENTION_MESSAGES, insufficientFundsMessage, type AttentionCode } from "./attention-codes";

const ACTOR = systemActor("submit-batch");

export type SubmissionConfig = {
  /** publicBaseUrl(env): the provider calls `<it>/api/webhooks/hello-clever/<batchId>`. */
  publicBaseUrl: string;
  /** providerIsSimulator(env): only the local simulator may be given a plain-http callback. */
  providerIsSimulator: boolean;
};

export type SubmitOutcome =
  | { kind: "skipped"; status: Batch["status"] | null }
  | { kind: "submitted"; providerUuid: string }
  | { kind: "needs_attention"; code: AttentionCode };

type Failure = { code: AttentionCode; message: string; providerCode?: string | null; details: Record<string, unknown> };

/** The per-batch webhook secret is sent once and only its sha256 (lowercase hex) is kept. */
function newWebhookSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashWebhookSecret(secret) };
}

// What a failed create means for the batch. Only a definite refusal that carries no HC_PAYOUT
// code may say "nothing was created"; HC_PAYOUT1/2 mean Hello Clever may hold the payout (the
// documentation gives them as the payout's own error_code), and anything else (timeout, 5xx,
// dropped connection, a body that cannot be fully read, a bug) is unknown: all of those are
// looked up by external_id before anyone may send the batch again.
function classifyFailure(error: unknown, currency: string): Failure {
  const base = { httpStatus: (error as { httpStatus?: unknown }).httpStatus ?? null, error: error instanceof Error ? error.message : String(error) };
  const providerCode = error instanceof HelloCleverError ? error.providerCode : null;
  if (providerCode === "HC_PAYOUT1" || error instanceof HelloCleverInsufficientFundsError) {
    return { code: "insufficient_funds", message: insufficientFundsMessage(currency), providerCode: providerCode ?? "HC_PAYOUT1", details: base };
  }
  if (providerCode === "HC_PAYOUT2" || error instanceof HelloCleverPayToChargeError) {
    return { code: "payto_charge", message: ATTENTION_MESSAGES.payto_charge, providerCode: providerCode ?? "HC_PAYOUT2", details: base };
  }
  if ((error as { bodyReadable?: unknown }).bodyReadable === false) {
    // An error answer whose body could not be fully read: it may have carried a hold code.
    return { code: "outcome_unknown", message: ATTENTION_MESSAGES.outcome_unknown, details: base };
  }
  if (error instanceof HelloCleverValidationError) {
    return {
      code: "provider_validation",
      message: ATTENTION_MESSAGES.provider_validation,
      providerCode: error.providerCode,
      details: { ...base, fieldErrors: error.fieldErrors, providerMessage: (error as { providerMessage?: unknown }).providerMessage ?? null },
    };
  }
  if (error instanceof HelloCleverAuthenticationError || error instanceof HelloCleverNotFoundError || error instanceof HelloCleverRejectedError) {
    const fieldErrors = (error as { fieldErrors?: unknown }).fieldErrors;
    return {
      code: "provider_rejected",
      message: `${ATTENTION_MESSAGES.provider_rejected} (${error.message})`,
      providerCode: error.providerCode,
      details: { ...base, fieldErrors: Array.isArray(fieldErrors) ? fieldErrors : [], providerMessage: (error as { providerMessage?: unknown }).providerMessage ?? null },
    };
  }
  if (error instanceof HelloCleverUnavailableError) {
    // The client raises this on a create only when the connection was never established.
    return { code: "provider_unreachable", message: ATTENTION_MESSAGES.provider_unreachable, details: base };
  }
  return { code: "outcome_unknown", message: ATTENTION_MESSAGES.outcome_unknown, details: base };
}

/**
 * The submit job's core, at-most-once: approved → submitting (with a fresh webhook secret's hash)
 * commits before Hello Clever is called, so a second run or a crash can never post again; the
 * answer then moves the batch to submitted or needs_attention.
 */
export async function submitBatch(ctx: ServiceContext, input: { client: HelloCleverClient; batchId: string; config: SubmissionConfig }): Promise<SubmitOutcome> {
  const { db, now } = ctx;
  const { client, batchId, config } = input;

  if (!config.providerIsSimulator && new URL(config.publicBaseUrl).protocol !== "https:") {
    // Nothing is sent: the real provider would deliver webhooks (and their secret) over plain http.
    const failure: Failure = { code: "insecure_callback", message: ATTENTION_MESSAGES.insecure_callback, details: { publicBaseUrl: config.publicBaseUrl } };
    return (await markNeedsAttention(db, batchId, "approved", failure, now())) ? { kind: "needs_attention", code: failure.code } : skipped(db, batchId);
  }

  const webhook = newWebhookSecret();
  const claim = await db.transaction(async (tx) => {
    const startedAt = now();
    const [batch] = await tx
      .update(batches)
      .set({
        status: "submitting",
        webhookSecretHash: webhook.hash,
        submissionStartedAt: startedAt,
        submissionAttempts: sql`${batches.submissionAttempts} + 1`,
        attentionCode: null,
        attentionMessage: null,
        attentionDetails: null,
        updatedAt: startedAt,
      })
      .where(and(eq(batches.id, batchId), eq(batches.status, "approved")))
      .returning();
    if (!batch) return null; // another run took it, or it is not approved: nothing to send
    const rows = await tx
      .select({ id: transactions.id, firstName: transactions.firstName, lastName: transactions.lastName, email: transactions.email, amount: transactions.amount, externalId: transactions.externalId, params: transactions.params })
      .from(transactions)
      .where(eq(transactions.batchId, batchId))
      .orderBy(asc(transactions.position));
    await recordAudit(tx, {
      actor: ACTOR,
      action: "batch.submission_start",
      batchId,
      before: { status: "approved" },
      after: { status: "submitting" },
      details: { attempt: batch.submissionAttempts, transactions: rows.length },
    });
    return { batch, rows };
  });
  if (!claim) return skipped(db, batchId);

  const { batch, rows } = claim;
  const request: CreatePayoutInput = {
    currency: batch.currency,
    payoutMethodName: batch.methodName,
    description: batch.description,
    scheduledAt: batch.scheduledAt,
    webhook: { endpointUrl: `${config.publicBaseUrl.replace(/\/$/, "")}/api/webhooks/hello-clever/${batchId}`, authorizationHeader: webhook.secret },
    externalId: batchId,
    transactions: rows.map((row) => ({
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      // A pending batch has only valid rows; an empty amount is sent as is and the provider refuses it.
      amount: row.amount ?? "",
      // Each row is matched back by this (never by position): the operator's own value, else the row id.
      externalId: row.externalId || row.id,
      params: row.params,
    })),
  };

  // Issue 17: only a body an approval recorded the hash of leaves; otherwise needs_attention, audited.
  if (!(await verifyApprovedPayload(ctx, { batchId, body: request })).ok) return { kind: "needs_attention", code: "payload_mismatch" };

  let payout: Payout;
  try {
    payout = await client.createPayout(request);
  } catch (error) {
    const failure = classifyFailure(error, batch.currency);
    await markNeedsAttention(db, batchId, "submitting", failure, now());
    return { kind: "needs_attention", code: failure.code };
  }
  await recordSubmitted(db, batchId, payout, now());
  return { kind: "submitted", providerUuid: payout.uuid };
}

async function skipped(db: Db, batchId: string): Promise<SubmitOutcome> {
  const [row] = await db.select({ status: batches.status }).from(batches).where(eq(batches.id, batchId));
  return { kind: "skipped", status: row?.status ?? null };
}

async function markNeedsAttention(db: Db, batchId: string, from: "approved" | "submitting", failure: Failure, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(batches)
      .set({
        status: "needs_attention",
        attentionCode: failure.code,
        attentionMessage: failure.message,
        attentionDetails: failure.details,
        providerErrorCode: failure.providerCode ?? null,
        providerErrorMessage: failure.providerCode ? String(failure.details.error) : null,
        updatedAt: at,
      })
      .where(and(eq(batches.id, batchId), eq(batches.status, from)))
      .returning({ id: batches.id });
    if (moved.length === 0) return false;
    await recordAudit(tx, {
      actor: ACTOR,
      action: "batch.submission_fail",
      batchId,
      before: { status: from },
      after: { status: "needs_attention", attentionCode: failure.code },
      details: { providerCode: failure.providerCode ?? null, ...failure.details },
    });
    return true;
  });
}

async function recordSubmitted(db: Db, batchId: string, payout: Payout, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const moved = await tx
      .update(batches)
      .set(submittedState(payout, at))
      .where(and(eq(batches.id, batchId), eq(batches.status, "submitting")))
      .returning({ id: batches.id });
    if (moved.length > 0) {
      await recordAudit(tx, {
        actor: ACTOR,
        action: "batch.submit",
        batchId,
        before: { status: "submitting" },
        after: { status: "submitted", providerStatus: payout.status },
        details: { providerUuid: payout.uuid, providerTotalAmount: payout.totalAmount },
      });
      // The whole answer (status, error code, every transaction) through the webhook's apply path.
      await applyPayoutInTransaction(tx, { batchId, payout, source: "submit" });
      return;
    }
    // A webhook for this payout got here first and moved the batch on: keep its status, and
    // still record when and how it was submitted. (Otherwise the stuck-submission sweep took
    // the batch, and the lookup will find this payout.)
    const [late] = await tx
      .update(batches)
      .set({ submittedAt: at })
      .where(and(eq(batches.id, batchId), eq(batches.providerUuid, payout.uuid), isNull(batches.submittedAt)))
      .returning({ status: batches.status });
    if (!late) return;
    await recordAudit(tx, {
      actor: ACTOR,
      action: "batch.submit",
      batchId,
      before: { status: "submitting" },
      after: { status: late.status, providerStatus: payout.status },
      details: { providerUuid: payout.uuid, providerTotalAmount: payout.totalAmount, webhookFirst: true },
    });
  });
}
