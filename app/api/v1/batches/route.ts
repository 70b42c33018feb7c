import { appApiDeps } from "@/lib/machine-api/app-deps";
import { createBatchHandler, listBatchesHandler } from "@/lib/machine-api/handlers";

export const dynamic = "force-dynamic";

// GET /api/v1/batches: list batches with the /history filters (API key).
export function GET(request: Request) {
  return listBatchesHandler(request, appApiDeps());
}

// POST /api/v1/batches: create a batch, draft or submitted (operator key, Idempotency-Key).
export function POST(request: Request) {
  return createBatchHandler(request, appApiDeps());
}
