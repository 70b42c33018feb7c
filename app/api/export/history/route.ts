import { auditedCsvExport } from "@/lib/csv/audited-export";
import { exportHistoryCsv } from "@/lib/history/export-history";
import { historyFiltersSchema } from "@/lib/history/schemas";

export const dynamic = "force-dynamic";

// GET /api/export/history?<the /history filters>: every row those filters select, as a CSV
// download written by Postgres (COPY) and streamed; audited once the stream ends, with the row count.
export async function GET(request: Request) {
  return auditedCsvExport(request, {
    permission: "history.view",
    schema: historyFiltersSchema,
    action: "history.export",
    filename: (filters, stamp) => `payout-history-${filters.view}-${stamp}Z.csv`,
    rows: exportHistoryCsv,
  });
}
