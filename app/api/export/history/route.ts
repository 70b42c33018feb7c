import { recordAudit } from "@/lib/audit/record-audit";
import { currentRequestId, requirePermission } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv/csv-response";
import { getDbHandle } from "@/lib/db";
import { exportHistoryCsv } from "@/lib/history/export-history";
import { historyFiltersSchema, parseFilterParams } from "@/lib/history/schemas";
import { errorResponse } from "@/lib/http";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

// GET /api/export/history?<the /history filters>: every row those filters select, as a CSV
// download written by Postgres (COPY) and streamed; audited once the stream ends, with the row count.
export async function GET(request: Request) {
  try {
    const user = await requirePermission("history.view");
    const parsed = parseFilterParams(historyFiltersSchema, new URL(request.url).searchParams);
    if (!parsed.ok) return Response.json({ error: "invalid", message: "Check the filters", fieldErrors: parsed.fieldErrors }, { status: 422 });
    const filters = { ...parsed.filters, cursor: undefined }; // an export is every page, not one
    const requestId = await currentRequestId();
    const { db, sql } = getDbHandle();
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "");
    return csvResponse(exportHistoryCsv(sql, filters), {
      filename: `payout-history-${filters.view}-${stamp}Z.csv`,
      onEnd: async ({ rows, outcome }) => {
        await recordAudit(db, { actor: { kind: "user", id: user.id, label: user.email }, action: "history.export", details: { filters, rows, outcome }, requestId });
        log.info({ requestId, rows, outcome, view: filters.view }, "history.export");
      },
    });
  } catch (error) {
    return errorResponse(error, { route: "GET /api/export/history" });
  }
}
