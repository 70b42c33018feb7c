import { requestContext } from "@/lib/auth/request-context";
import { errorResponse } from "@/lib/http";
import { countMyUnread } from "@/lib/notifications/user-notifications";

export const dynamic = "force-dynamic";

// GET /api/notifications/unread: the signed-in person's unread count, for the bell.
export async function GET() {
  try {
    const ctx = await requestContext("batches.view");
    return Response.json({ unread: await countMyUnread(ctx) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
