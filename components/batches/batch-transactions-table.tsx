import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ColumnChooser } from "@/components/ui/column-chooser";
import { Table, TBody, Td, Th, THead, rowClass } from "@/components/ui/table";
import { transactionStatusLabel } from "@/lib/batches/outcome";
import type { BatchStatus } from "@/lib/batches/statuses";
import type { StoredField } from "@/lib/db/schema";
import type { Transaction } from "@/lib/db/schema/transactions";
import { formatCount, formatMoney } from "@/lib/format/money";

/** The status filter's choices, in the order shown; counts come from the page. */
const FILTERS: { status: string; label: string }[] = [
  { status: "failed", label: "Failed" },
  { status: "settled", label: "Settled" },
  { status: "pending", label: "Pending" },
  { status: "not_sent", label: "Not sent" },
];

type Props = {
  batchId: string;
  batchStatus: BatchStatus;
  currency: string;
  fields: StoredField[] | null;
  rows: Transaction[];
  /** Rows matching the filter (all rows when none). */
  total: number;
  counts: { all: number; byStatus: Record<string, number> };
  status: string | null;
  page: number;
  pageSize: number;
};

const dash = <span className="text-slate-500">—</span>;

function href(batchId: string, status: string | null, page = 1): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/batches/${batchId}${query ? `?${query}` : ""}#transactions`;
}

/**
 * A batch's transactions, read-only: Hello Clever's status and failure reason per row. "Show
 * failed only" (with counts per status) pages through the failed rows alone, so they are a click
 * away in a 10,000-row batch. The first column stays in view; "Columns" hides the wide ones.
 */
export function BatchTransactionsTable({ batchId, batchStatus, currency, fields, rows, total, counts, status, page, pageSize }: Props) {
  // Params columns come from the method; a key the method no longer has still shows under its own name.
  const paramKeys = fields?.map((field) => field.key) ?? [...new Set(rows.flatMap((row) => Object.keys(row.params)))];
  const labelOf = (key: string) => fields?.find((field) => field.key === key)?.label ?? key;
  const showPrevious = rows.some((row) => row.previousFailureReason);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const failed = counts.byStatus.failed ?? 0;
  const tableId = "batch-transactions";
  const columns = [
    { key: "email", label: "Email" },
    { key: "external", label: "External id" },
    ...paramKeys.map((key) => ({ key: `param-${key}`, label: labelOf(key) })),
  ];
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="transactions-heading" id="transactions">
      <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
        <div>
          <h2 id="transactions-heading" className="text-base font-semibold text-slate-900">
            Transactions
          </h2>
          <p className="text-sm text-slate-600" data-testid="transactions-range">
            {total === 0 ? "None" : `${formatCount(first)}–${formatCount(first + rows.length - 1)} of ${formatCount(total)}`}
            {status ? ` ${FILTERS.find((filter) => filter.status === status)?.label.toLowerCase() ?? status}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {status === "failed" ? (
            <Link href={href(batchId, null)} className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50">
              Show all ({formatCount(counts.all)})
            </Link>
          ) : failed > 0 ? (
            <Link href={href(batchId, "failed")} className="rounded-lg bg-red-50 px-2.5 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-100" data-testid="show-failed-only">
              Show failed only ({formatCount(failed)})
            </Link>
          ) : null}
          <ColumnChooser tableId={tableId} columns={columns} />
        </div>
      </div>
      <nav aria-label="Transactions by status" className="flex flex-wrap gap-2 border-t border-slate-100 px-5 py-3 text-sm" data-testid="status-counts">
        <Link href={href(batchId, null)} aria-current={status === null ? "page" : undefined} className={`rounded-full px-2.5 py-0.5 ${status === null ? "bg-brand-600 text-white" : "text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}>
          All {formatCount(counts.all)}
        </Link>
        {FILTERS.filter((filter) => (counts.byStatus[filter.status] ?? 0) > 0).map((filter) => (
          <Link
            key={filter.status}
            href={href(batchId, filter.status)}
            aria-current={status === filter.status ? "page" : undefined}
            className={`rounded-full px-2.5 py-0.5 ${status === filter.status ? "bg-brand-600 text-white" : "text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
          >
            {filter.label} {formatCount(counts.byStatus[filter.status] ?? 0)}
          </Link>
        ))}
      </nav>
      <div id={tableId} className="border-t border-slate-200">
        <Table label="Transactions" className="rounded-none border-0 shadow-none">
          <THead>
            <tr>
              <Th sticky>#&nbsp;Payee</Th>
              <Th align="right">Amount</Th>
              <Th>Status</Th>
              <Th>Failure reason</Th>
              {showPrevious ? <Th>Earlier failure</Th> : null}
              <Th data-col="email">Email</Th>
              <Th data-col="external">External id</Th>
              {paramKeys.map((key) => (
                <Th key={key} data-col={`param-${key}`}>
                  {labelOf(key)}
                </Th>
              ))}
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => {
              const shown = transactionStatusLabel(row.providerStatus, batchStatus);
              return (
                <tr key={row.id} className={rowClass} data-testid="transaction-row" data-status={row.providerStatus ?? "not_sent"}>
                  <Td sticky className="whitespace-nowrap">
                    <span className="mr-2 tabular-nums text-slate-600">{formatCount(row.position + 1)}</span>
                    <span className="font-medium text-slate-900">
                      {row.firstName} {row.lastName}
                    </span>
                  </Td>
                  <Td align="right" className="whitespace-nowrap">
                    {row.amount !== null ? formatMoney(row.amount, currency) : <span className="text-red-700">{row.rawAmount}</span>}
                  </Td>
                  <Td>{shown ? <Badge tone={shown.tone} testId="transaction-status">{shown.label}</Badge> : <span className="text-xs text-slate-600">Not sent</span>}</Td>
                  <Td className="min-w-48 text-sm">{row.failureReason ?? dash}</Td>
                  {showPrevious ? <Td className="min-w-48 text-sm text-amber-900" data-testid="previous-failure">{row.previousFailureReason ?? dash}</Td> : null}
                  <Td data-col="email" className="whitespace-nowrap">
                    {row.email}
                  </Td>
                  <Td data-col="external" className="whitespace-nowrap">
                    {row.externalId ?? dash}
                  </Td>
                  {paramKeys.map((key) => (
                    <Td key={key} data-col={`param-${key}`} className="whitespace-nowrap">
                      {row.params[key] ?? dash}
                    </Td>
                  ))}
                </tr>
              );
            })}
          </TBody>
        </Table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Transaction pages" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm">
          {page > 1 ? <Link className="font-medium text-brand-700 underline" href={href(batchId, status, page - 1)}>Previous</Link> : <span />}
          <span className="text-slate-600">
            Page {formatCount(page)} of {formatCount(pages)}
          </span>
          {page < pages ? <Link className="font-medium text-brand-700 underline" href={href(batchId, status, page + 1)}>Next</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}
