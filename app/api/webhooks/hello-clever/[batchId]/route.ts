import { z } from "zod";
import { getDbHandle } from "@/lib/db";
import { enqueueApplyWebhook } from "@/lib/jobs/apply-webhook-job";
import { pgBossExecutor } from "@/lib/jobs/pg-boss-executor";
import { log } from "@/lib/log";
import { getBoss } from "@/lib/runtime";
import { authenticateDelivery } from "@/lib/webhooks/authenticate-delivery";
import { readBodyUpTo } from "@/lib/webhooks/read-body-up-to";
import { recordDelivery } from "@/lib/webhooks/record-delivery";

const MAX_BODY_BYTES = 1024 * 1024;
const batchIdSchema = z.uuid();

// POST /api/webhooks/hello-clever/:batchId: Hello Clever status callbacks for one batch.
// Only POST is exported, so Next answers every other method 405.
export async function POST(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  // Not a batch id at all: nothing to look up.
  if (!batchIdSchema.safeParse(batchId).success) return new Response(null, { status: 404 });
  const { db, sql } = getDbHandle();
  // Authenticate on the header alone: an unknown caller costs no body read and no write.
  const auth = await authenticateDelivery(db, batchId, request.headers.get("authorization"));
  if (!auth.ok) {
    log.warn({ batchId, reason: auth.reason }, "webhook.unauthenticated");
    return new Response(null, { status: 401 });
  }
  const rawBody = await readBodyUpTo(request, MAX_BODY_BYTES); // stops reading at the cap
  if (rawBody === null) {
    log.warn({ batchId }, "webhook.too_large");
    // The unread rest of the body makes the connection unusable: tell the caller not to reuse it.
    return new Response(null, { status: 413, headers: { connection: "close" } });
  }
  const boss = getBoss();
  const outcome = await recordDelivery(
    db,
    { batch: auth.batch, rawBody, contentType: request.headers.get("content-type") },
    { enqueueApply: (id) => enqueueApplyWebhook(boss, id, pgBossExecutor(sql)) },
  );
  switch (outcome.kind) {
    case "malformed":
      log.warn({ batchId, deliveryId: outcome.deliveryId }, "webhook.malformed");
      return Response.json({ error: "malformed_json", message: "The body is not valid JSON" }, { status: 400 });
    case "accepted":
      log.info({ batchId, deliveryId: outcome.deliveryId, claimedStatus: outcome.claimedStatus, queued: outcome.queued }, "webhook.accepted");
      return Response.json({ ok: true });
  }
  // Unexpected errors throw → 500 → the provider retries. Not caught here.
}
