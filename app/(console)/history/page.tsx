import type { Metadata } from "next";
import { BatchesTable } from "@/components/history/batches-table";
import { ExportCsvButton } from "@/components/history/export-csv-button";
import { FilterForm } from "@/components/history/filter-form";
import { Pager } from "@/components/history/pager";
import { TransactionsTable } from "@/components/history/transactions-table";
import { ViewTabs } from "@/components/history/view-tabs";
import { batchStatusLabel } from "@/components/batches/batch-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { pageContext } from "@/lib/auth/request-context";
import { DomainError } from "@/lib/errors";
import { listHistoryFilterOptions } from "@/lib/history/list-filter-options";
import { queryBatches } from "@/lib/history/query-batches";
import { queryTransactions } from "@/lib/history/query-transactions";
import { summarizeTransactions, type HistorySummary } from "@/lib/history/summarize-transactions";
import { formatCount, formatMoney } from "@/lib/format/money";
import { filtersToSearch } from "@/lib/history/filters-to-search";
import { BATCH_STATUSES, historyFiltersSchema, parseFilterParams, TRANSACTION_STATUS_LABELS, type HistoryView } from "@/lib/history/schemas";
import { ErrorAlert } from "@/components/ui/error-alert";

export const metadata: Metadata = { title: "History" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HistoryPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageContext("history.view");
  const parsed = parseFilterParams(historyFiltersSchema, await searchParams);
  const options = await listHistoryFilterOptions(ctx);
  // Invalid filters run no query: a list that silently ignored one would answer another question.
  const values: Record<string, string | undefined> = parsed.ok ? parsed.filters : parsed.raw;
  const errors: Record<string, string> = parsed.ok ? {} : parsed.fieldErrors;
  const view: HistoryView = values.view === "batches" ? "batches" : "transactions";
  let problem: string | null = parsed.ok ? null : "Fix the highlighted filters to see results.";
  let summary: HistorySummary | null = null;
  let result: { view: "transactions"; page: Awaited<ReturnType<typeof queryTransactions>> } | { view: "batches"; page: Awaited<ReturnType<typeof queryBatches>> } | null = null;
  if (parsed.ok) {
    try {
      const input = { filters: parsed.filters };
      if (view === "batches") result = { view, page: await queryBatches(ctx, input) };
      else [result, summary] = await Promise.all([queryTransactions(ctx, input).then((page) => ({ view, page }) as const), summarizeTransactions(ctx, input)]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem = error.message;
    }
  }
  const filterKey = filtersToSearch({ ...values, cursor: undefined }) || "none";

  return (
    <>
      <PageHeader
        title="History"
        description="Every payout and what happened to it, in your time zone. Drafts never sent are left out unless you include them; the export holds every row the filters select, not just this page."
        actions={parsed.ok ? <ExportCsvButton href={`/api/export/history${filtersToSearch({ ...values, cursor: undefined })}`} /> : null}
      />
      <div className="space-y-4">
        <ViewTabs current={view} params={values} />
        <FilterForm key={filterKey} path="/history" keep={view === "batches" ? { view } : {}}>
          <TextField label="From" name="from" type="date" defaultValue={values.from} error={errors.from} />
          <TextField label="To" name="to" type="date" defaultValue={values.to} error={errors.to} />
          <SelectField
            label="Transaction status"
            name="status"
            defaultValue={values.status ?? ""}
            error={errors.status}
            placeholder="Any"
            options={Object.entries(TRANSACTION_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <SelectField label="Batch status" name="batchStatus" defaultValue={values.batchStatus ?? ""} error={errors.batchStatus} placeholder="Any" options={BATCH_STATUSES.map((status) => ({ value: status, label: batchStatusLabel(status) }))} />
          <SelectField label="Method" name="method" defaultValue={values.method ?? ""} error={errors.method} placeholder="All methods" options={options.methods.map((method) => ({ value: method.name, label: `${method.label} (${method.currency})` }))} />
          <SelectField label="Currency" name="currency" defaultValue={values.currency ?? ""} error={errors.currency} placeholder="All currencies" options={options.currencies.map((currency) => ({ value: currency, label: currency }))} />
          <TextField label="Min amount" name="minAmount" inputMode="decimal" placeholder="0.00" defaultValue={values.minAmount} error={errors.minAmount} />
          <TextField label="Max amount" name="maxAmount" inputMode="decimal" placeholder="No limit" defaultValue={values.maxAmount} error={errors.maxAmount} />
          <SelectField label="Maker" name="maker" defaultValue={values.maker ?? ""} error={errors.maker} placeholder="Anyone" options={options.makers.map((maker) => ({ value: maker.id, label: maker.name === maker.email ? maker.email : `${maker.name} (${maker.email})` }))} />
          <TextField
            label="Search"
            name="q"
            type="search"
            className="sm:col-span-2 lg:col-span-3"
            placeholder="Payee name, email, account number, external or payout ID"
            defaultValue={values.q}
            error={errors.q}
          />
          <div className="flex items-end pb-2">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input type="checkbox" name="drafts" value="1" defaultChecked={values.drafts === "1"} className="size-4" />
              Include drafts
            </label>
          </div>
        </FilterForm>
        {problem ? (
          <ErrorAlert>{problem}</ErrorAlert>
        ) : null}
        {result && result.page.rows.length === 0 ? (
          <EmptyState title="Nothing matches these filters" description="Widen the dates or clear a filter. Batches and transactions appear here from the moment they are created." />
        ) : null}
        {summary && summary.rows > 0 ? (
          <p className="text-sm text-slate-700" data-testid="history-summary">
            {formatCount(summary.rows)} matching transaction{summary.rows === 1 ? "" : "s"}
            {summary.byCurrency.map((row) => (
              <span key={row.currency}>
                {" · "}
                {formatMoney(row.total, row.currency)} ({formatCount(row.rows)})
              </span>
            ))}
          </p>
        ) : null}
        {result && result.page.rows.length > 0 ? (
          <>
            {result.view === "batches" ? <BatchesTable rows={result.page.rows} /> : <TransactionsTable rows={result.page.rows} />}
            <Pager path="/history" params={values} nextCursor={result.page.nextCursor} shown={result.page.rows.length} />
          </>
        ) : null}
      </div>
    </>
  );
}
