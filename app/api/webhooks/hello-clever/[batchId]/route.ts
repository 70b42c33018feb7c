import { receiveWebhook } from "@/lib/webhooks/receive-webhook";
import { runtimeWebhookDeps } from "@/lib/webhooks/runtime-deps";

// POST /api/webhooks/hello-clever/:batchId: Hello Clever status callbacks for one batch (see
// lib/webhooks/receive-webhook). Only POST is exported, so Next answers every other method 405.
export async function POST(request: Request) {
  return receiveWebhook(runtimeWebhookDeps(), request);
}
