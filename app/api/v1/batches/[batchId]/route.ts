import { appApiDeps } from "@/lib/machine-api/app-deps";
import { getBatchHandler } from "@/lib/machine-api/handlers";

export const dynamic = "force-dynamic";

// GET /api/v1/batches/:batchId: a batch with its transactions (API key).
export async function GET(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  return getBatchHandler(request, appApiDeps(), (await params).batchId);
}
