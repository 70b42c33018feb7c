import { recordAudit } from "@/lib/audit/record-audit";
import { currentRequestId, requirePermission, type CurrentUser } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv/csv-response";
import { getDbHandle } from "@/lib/db";
import { exportHistoryCsv } from "@/lib/history/export-history";
import { historyFiltersSchema, parseFilterParams } from "@/lib/history/schemas";
import { errorResponse } from "@/lib/http";
import { log } from "@/lib/log";
import { escapeControlCharacters, escapeRecord } from "@/lib/security/text";

export const dynamic = "force-dynamic";

// GET /api/export/history?<the /history filters>: every row those filters select, as a CSV
// download written by Postgres (COPY) and streamed; audited once the stream ends, with the row count.
export async function GET(request: Request) {
  let user: CurrentUser | null = null;
  try {
    user = await requirePermission("history.view");
    const parsed = parseFilterParams(historyFiltersSchema, new URL(request.url).searchParams);
    if (!parsed.ok) {
      // A refused export is audited too: who tried to take what, and why it was refused.
      await auditFailedExport(user, { filters: escapeRecord(parsed.raw), outcome: "refused", error: Object.values(parsed.fieldErrors).join("; "), fieldErrors: parsed.fieldErrors });
      return Response.json({ error: "invalid", message: "Check the filters", fieldErrors: parsed.fieldErrors }, { status: 422 });
    }
    const filters = { ...parsed.filters, cursor: undefined }; // an export is every page, not one
    const requestId = await currentRequestId();
    const { db, sql } = getDbHandle();
    const signedIn = user;
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "");
    return csvResponse(exportHistoryCsv(sql, filters), {
      filename: `payout-history-${filters.view}-${stamp}Z.csv`,
      onEnd: async ({ rows, outcome, error }) => {
        await recordAudit(db, { actor: { kind: "user", id: signedIn.id, label: signedIn.email }, action: "history.export", details: { filters, rows, outcome, ...(error ? { error } : {}) }, requestId });
        log.info({ requestId, rows, outcome, view: filters.view }, "history.export");
      },
    });
  } catch (error) {
    // An export that failed before its first byte is still audited, with the failure.
    if (user) await auditFailedExport(user, { filters: escapeRecord(Object.fromEntries(new URL(request.url).searchParams)), outcome: "failed", error: escapeControlCharacters(error instanceof Error ? error.message.slice(0, 500) : String(error)) }).catch(() => undefined);
    return errorResponse(error, { route: "GET /api/export/history" });
  }

  async function auditFailedExport(who: CurrentUser, details: Record<string, unknown>): Promise<void> {
    await recordAudit(getDbHandle().db, { actor: { kind: "user", id: who.id, label: who.email }, action: "history.export", details: { ...details, rows: 0 }, requestId: await currentRequestId() });
  }
}
