import { exportAuditCsv } from "@/lib/audit/export-audit";
import { auditFiltersSchema } from "@/lib/audit/schemas";
import { auditedCsvExport } from "@/lib/csv/audited-export";

export const dynamic = "force-dynamic";

// GET /api/export/audit?<the /audit filters>: the audit entries those filters select, as a CSV
// download written by Postgres (COPY) and streamed; the export itself is audited once the stream ends.
export async function GET(request: Request) {
  return auditedCsvExport(request, {
    permission: "audit.view",
    schema: auditFiltersSchema,
    action: "audit.export",
    filename: (_filters, stamp) => `payout-audit-${stamp}Z.csv`,
    rows: exportAuditCsv,
  });
}
