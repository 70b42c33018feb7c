import { requestContext } from "@/lib/auth/request-context";
import { listBatches, listBatchesQuerySchema } from "@/lib/batches/list-batches";
import { errorResponse, invalidInputResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

// GET /api/batches: one page of the live batch table (filters, sort, keyset cursor) as JSON.
export async function GET(request: Request) {
  try {
    const ctx = await requestContext("batches.view");
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = listBatchesQuerySchema.safeParse(params);
    if (!parsed.success) return invalidInputResponse(parsed.error);
    return Response.json(await listBatches(ctx, parsed.data));
  } catch (error) {
    return errorResponse(error, { route: "GET /api/batches" });
  }
}
