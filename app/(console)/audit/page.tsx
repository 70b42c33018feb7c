import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyExportButton } from "@/components/audit/verify-export-button";
import { ExportCsvButton } from "@/components/history/export-csv-button";
import { FilterForm } from "@/components/history/filter-form";
import { Pager } from "@/components/history/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TextField } from "@/components/ui/text-field";
import { queryAudit } from "@/lib/audit/query-audit";
import { auditFiltersSchema } from "@/lib/audit/schemas";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { filtersToSearch } from "@/lib/history/filters-to-search";
import { parseFilterParams } from "@/lib/history/schemas";
import { ErrorAlert } from "@/components/ui/error-alert";

export const metadata: Metadata = { title: "Audit" };

const NO_DEFAULTS = {};
// Suggestions only: the action filter is a prefix, so "batch." finds every batch action.
const COMMON_ACTIONS = ["auth.", "auth.sign_in_failed", "batch.", "batch.approve", "batch.reject", "batch.submit", "user.", "history.export", "audit.export"];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePagePermission("audit.view");
  const parsed = parseFilterParams(auditFiltersSchema, await searchParams);
  const values: Record<string, string | undefined> = parsed.ok ? parsed.filters : parsed.raw;
  const errors: Record<string, string> = parsed.ok ? {} : parsed.fieldErrors;
  let problem: string | null = parsed.ok ? null : "Fix the highlighted filters to see entries.";
  let page: Awaited<ReturnType<typeof queryAudit>> | null = null;
  if (parsed.ok) {
    try {
      page = await queryAudit(getDb(), parsed.filters);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem = error.message;
    }
  }
  const search = filtersToSearch({ ...values, cursor: undefined }, NO_DEFAULTS);

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every sign-in, change and export, by people and by jobs. Append-only and chained: each entry holds the previous one's hash, so an export proves nothing was dropped, edited or reordered. Times are UTC."
        actions={
          <div className="flex flex-col items-end gap-2">
            {parsed.ok ? <ExportCsvButton href={`/api/export/audit${search}`} /> : null}
            <VerifyExportButton />
          </div>
        }
      />
      <div className="space-y-4">
        <FilterForm key={search || "none"} path="/audit" defaults={NO_DEFAULTS}>
          <TextField label="Actor" name="actor" placeholder="Email or job name" defaultValue={values.actor} error={errors.actor} />
          <TextField label="Action" name="action" placeholder="batch. or user.create" list="audit-actions" defaultValue={values.action} error={errors.action} />
          <TextField label="Batch ID" name="batch" className="lg:col-span-2" placeholder="The batch's full ID" defaultValue={values.batch} error={errors.batch} />
          <TextField label="From" name="from" type="date" defaultValue={values.from} error={errors.from} />
          <TextField label="To" name="to" type="date" defaultValue={values.to} error={errors.to} />
          <datalist id="audit-actions">
            {COMMON_ACTIONS.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </FilterForm>
        {problem ? (
          <ErrorAlert>{problem}</ErrorAlert>
        ) : null}
        {page && page.rows.length === 0 ? <EmptyState title="No entries match these filters" description="Widen the dates or clear a filter." /> : null}
        {page && page.rows.length > 0 ? (
          <>
            <AuditTable rows={page.rows} />
            <Pager path="/audit" params={values} nextCursor={page.nextCursor} shown={page.rows.length} defaults={NO_DEFAULTS} />
          </>
        ) : null}
      </div>
    </>
  );
}
