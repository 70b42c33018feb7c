import { exportAuditCsv } from "@/lib/audit/export-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditFiltersSchema } from "@/lib/audit/schemas";
import { currentRequestId, requirePermission } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv/csv-response";
import { getDbHandle } from "@/lib/db";
import { parseFilterParams } from "@/lib/history/schemas";
import { errorResponse } from "@/lib/http";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

// GET /api/export/audit?<the /audit filters>: the audit entries those filters select, as a CSV
// download written by Postgres (COPY) and streamed; the export itself is audited once the stream ends.
export async function GET(request: Request) {
  try {
    const user = await requirePermission("audit.view");
    const parsed = parseFilterParams(auditFiltersSchema, new URL(request.url).searchParams);
    if (!parsed.ok) return Response.json({ error: "invalid", message: "Check the filters", fieldErrors: parsed.fieldErrors }, { status: 422 });
    const filters = { ...parsed.filters, cursor: undefined }; // an export is every page, not one
    const requestId = await currentRequestId();
    const { db, sql } = getDbHandle();
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "");
    return csvResponse(exportAuditCsv(sql, filters), {
      filename: `payout-audit-${stamp}Z.csv`,
      onEnd: async ({ rows, outcome }) => {
        await recordAudit(db, { actor: { kind: "user", id: user.id, label: user.email }, action: "audit.export", details: { filters, rows, outcome }, requestId });
        log.info({ requestId, rows, outcome }, "audit.export");
      },
    });
  } catch (error) {
    return errorResponse(error, { route: "GET /api/export/audit" });
  }
}
