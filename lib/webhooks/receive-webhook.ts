import { z } from "zod";
import type { Db } from "../db";
import { log as rootLog, type Logger } from "../log";
import { authenticateDelivery } from "./authenticate-delivery";
import { MAX_WEBHOOK_BODY_BYTES, readWebhookBody } from "./read-webhook-body";
import { recordDelivery, recordRefusedDelivery } from "./record-delivery";

/** What the receiver needs: the database, how to queue the apply job, and (optionally) a logger. */
export type ReceiveWebhookDeps = {
  db: Db;
  enqueueApply: (batchId: string) => Promise<unknown>;
  log?: Logger;
  /** Largest body accepted (default 64 MB). */
  maxBodyBytes?: number;
};

const PATH = /\/api\/webhooks\/hello-clever\/([^/]+)\/?$/;
const batchIdSchema = z.uuid();

function batchIdOf(request: Request): string | null {
  const match = PATH.exec(new URL(request.url).pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * POST /api/webhooks/hello-clever/:batchId, Hello Clever's status callbacks for one batch. Called
 * by the route handler and, before Next's routing, by scripts/serve.ts. Authenticates on the
 * header first (an unknown caller costs one read and no body), then streams an authentic body of
 * any size up to 64 MB into storage and answers 200; the apply job re-reads the payout. 401, 413
 * and 5xx answers to a known batch are put on its timeline.
 */
export async function receiveWebhook(deps: ReceiveWebhookDeps, request: Request): Promise<Response> {
  const log = deps.log ?? rootLog;
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { allow: "POST" } });
  const batchId = batchIdOf(request);
  // Not a batch id at all: nothing to look up.
  if (batchId === null || !batchIdSchema.safeParse(batchId).success) return new Response(null, { status: 404 });
  const refused = (httpStatus: number, reason: string) =>
    recordRefusedDelivery(deps.db, { batchId, httpStatus, reason }).catch((error: unknown) => log.warn({ err: error, batchId, httpStatus }, "webhook.refusal_not_recorded"));

  try {
    const auth = await authenticateDelivery(deps.db, batchId, request.headers.get("authorization"));
    if (!auth.ok) {
      log.warn({ batchId, reason: auth.reason }, "webhook.unauthenticated");
      if (auth.reason !== "unknown_batch") await refused(401, auth.reason);
      return new Response(null, { status: 401 });
    }
    const body = await readWebhookBody(request, deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES); // stops reading at the cap
    if (body === null) {
      log.warn({ batchId }, "webhook.too_large");
      await refused(413, "body over the limit");
      // The unread rest of the body makes the connection unusable: tell the caller not to reuse it.
      return new Response(null, { status: 413, headers: { connection: "close" } });
    }
    const outcome = await recordDelivery(deps.db, { batch: auth.batch, body, contentType: request.headers.get("content-type") }, { enqueueApply: deps.enqueueApply });
    const fields = { batchId, deliveryId: outcome.deliveryId, claimedStatus: outcome.claimedStatus, queued: outcome.queued, bytes: body.size };
    if (outcome.malformed) log.warn(fields, "webhook.malformed");
    else log.info(fields, "webhook.accepted");
    return Response.json({ ok: true });
  } catch (error) {
    // The database or the queue failed: a 500 makes Hello Clever retry, and reconciliation reads
    // the payout anyway (DESIGN), so nothing is lost.
    log.error({ err: error, batchId }, "webhook.failed");
    await refused(500, error instanceof Error ? error.message : String(error));
    return new Response(null, { status: 500 });
  }
}
