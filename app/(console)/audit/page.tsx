import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyExportButton } from "@/components/audit/verify-export-button";
import { ExportCsvButton } from "@/components/history/export-csv-button";
import { FilterForm } from "@/components/history/filter-form";
import { Pager } from "@/components/history/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { AUDIT_ACTION_CODES } from "@/lib/audit/describe-audit";
import { queryAudit } from "@/lib/audit/query-audit";
import { auditFiltersSchema } from "@/lib/audit/schemas";
import { pageContext } from "@/lib/auth/request-context";
import { DomainError } from "@/lib/errors";
import { filtersToSearch } from "@/lib/history/filters-to-search";
import { parseFilterParams } from "@/lib/history/schemas";
import { ErrorAlert } from "@/components/ui/error-alert";

export const metadata: Metadata = { title: "Audit" };

const NO_DEFAULTS = {};
// The action filter is a prefix: "batch." finds every batch action, a whole code just that one.
const ACTION_OPTIONS = [
  ...["auth.", "batch.", "user."].map((prefix) => ({ value: prefix, label: `${prefix}* (every ${prefix.slice(0, -1)} action)` })),
  ...AUDIT_ACTION_CODES.map((code) => ({ value: code, label: code })),
];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageContext("audit.view");
  const parsed = parseFilterParams(auditFiltersSchema, await searchParams);
  const values: Record<string, string | undefined> = parsed.ok ? parsed.filters : parsed.raw;
  const errors: Record<string, string> = parsed.ok ? {} : parsed.fieldErrors;
  let problem: string | null = parsed.ok ? null : "Fix the highlighted filters to see entries.";
  let page: Awaited<ReturnType<typeof queryAudit>> | null = null;
  if (parsed.ok) {
    try {
      page = await queryAudit(ctx, { filters: parsed.filters });
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
        description="Every sign-in, change and export, by people and by jobs. Append-only and chained: each entry holds the previous one's hash, so an export proves nothing was dropped, edited or reordered. Times in your time zone (exact, with UTC, on hover)."
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
          <SelectField
            label="Action"
            name="action"
            placeholder="Any action"
            defaultValue={values.action ?? ""}
            error={errors.action}
            options={values.action && !ACTION_OPTIONS.some((option) => option.value === values.action) ? [{ value: values.action, label: values.action }, ...ACTION_OPTIONS] : ACTION_OPTIONS}
          />
          <TextField label="Batch ID" name="batch" className="lg:col-span-2" placeholder="Short ID as shown (5eb528f1) or the whole ID" defaultValue={values.batch} error={errors.batch} />
          <TextField label="From" name="from" type="date" defaultValue={values.from} error={errors.from} />
          <TextField label="To" name="to" type="date" defaultValue={values.to} error={errors.to} />
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
