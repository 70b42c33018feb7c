import { appApiDeps } from "@/lib/machine-api/app-deps";
import { cancelBatchHandler } from "@/lib/machine-api/handlers";

export const dynamic = "force-dynamic";

// POST /api/v1/batches/:batchId/cancel: cancel a draft this key made (operator key, Idempotency-Key).
export async function POST(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  return cancelBatchHandler(request, appApiDeps(), (await params).batchId);
}
