import type { NextRequest } from "next/server";
import { requestContext } from "@/lib/auth/request-context";
import { errorResponse, invalidInputResponse } from "@/lib/http";
import { findPayeesForEditor } from "@/lib/payees/find-payees-for-editor";
import { payeePickerQuerySchema } from "@/lib/payees/schemas";

export const dynamic = "force-dynamic";

// GET /api/payees?method=…&q=…: the batch editor's payee picker (makers only: it carries account details).
export async function GET(request: NextRequest) {
  try {
    const ctx = await requestContext("batches.edit");
    const parsed = payeePickerQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    if (!parsed.success) return invalidInputResponse(parsed.error);
    return Response.json({ payees: await findPayeesForEditor(ctx, parsed.data) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, { route: "GET /api/payees" });
  }
}
