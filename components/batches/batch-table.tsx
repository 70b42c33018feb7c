"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, Td, Th, THead, rowClass } from "@/components/ui/table";
import type { BatchListPage, BatchListRow, BatchSort } from "@/lib/batches/list-batches";
import { DEFAULT_VIEW, type BatchListView } from "@/lib/batches/list-view";
import { outcomeSummary } from "@/lib/batches/outcome";
import { BATCH_STATUSES, type BatchStatus } from "@/lib/batches/statuses";
import { formatCount, formatMoney } from "@/lib/format/money";
import { batchStatusLabel, BatchStatusBadge } from "./batch-status-badge";
import { useBatchChanges } from "./use-batch-changes";

const PAGE_SIZE = 25;
// Bursts of changes (a reconciliation run, many webhooks) become one refetch.
const REFETCH_DELAY_MS = 120;

function viewParams(view: BatchListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.status) params.set("status", view.status);
  if (view.sort !== DEFAULT_VIEW.sort) params.set("sort", view.sort);
  if (view.dir !== DEFAULT_VIEW.dir) params.set("dir", view.dir);
  if (view.q) params.set("q", view.q);
  return params;
}

async function fetchPage(view: BatchListView, cursor: string | null): Promise<BatchListPage> {
  const params = new URLSearchParams({ sort: view.sort, dir: view.dir, limit: String(PAGE_SIZE) });
  if (view.status) params.set("status", view.status);
  if (view.q) params.set("q", view.q);
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/batches?${params}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The batch list could not be loaded (HTTP ${response.status})`);
  }
  return (await response.json()) as BatchListPage;
}

function SortHeader({ label, sort, view, onSort, align = "left" }: { label: string; sort: BatchSort; view: BatchListView; onSort: (sort: BatchSort) => void; align?: "left" | "right" }) {
  const active = view.sort === sort;
  return (
    <Th align={align} aria-sort={active ? (view.dir === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" onClick={() => onSort(sort)} className={`inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-slate-900 ${active ? "text-slate-900" : ""}`}>
        {label}
        <span aria-hidden="true" className={`text-[10px] ${active ? "opacity-100" : "opacity-40"}`}>
          {active && view.dir === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </Th>
  );
}

function summaryOf(row: BatchListRow): string | null {
  return outcomeSummary({ status: row.status, currency: row.currency, transactionCount: row.transactionCount, failedCount: row.failedCount, paidCount: row.paidCount, paidAmount: row.paidAmount });
}

function Approvals({ row }: { row: BatchListRow }) {
  if (row.status === "draft") return <>needs {row.approvalsNeeded} approval{row.approvalsNeeded === 1 ? "" : "s"}</>;
  return (
    <>
      {row.approvals} of {row.approvalsNeeded}
    </>
  );
}

function Row({ row }: { row: BatchListRow }) {
  const summary = summaryOf(row);
  return (
    <tr className={rowClass} data-testid="batch-row" data-batch-id={row.id}>
      <Td sticky className="max-w-64">
        <Link href={`/batches/${row.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline" title={row.description}>
          {row.description}
        </Link>
        <span className="font-mono text-xs text-slate-600">{row.id.slice(0, 8)}</span>
      </Td>
      <Td>
        <BatchStatusBadge status={row.status} failedCount={row.failedCount} />
        {summary ? (
          <span className="mt-1 block whitespace-nowrap text-xs text-slate-700" data-testid="batch-outcome">
            {summary}
          </span>
        ) : null}
      </Td>
      <Td>
        <span className="block text-slate-800">{row.methodLabel ?? row.methodName}</span>
        <span className="text-xs text-slate-600">{row.currency}</span>
      </Td>
      <Td align="right" className="whitespace-nowrap font-medium text-slate-900">
        {formatMoney(row.totalAmount, row.currency)}
      </Td>
      <Td align="right">
        <span className="text-slate-800">{formatCount(row.transactionCount)}</span>
        {row.failedCount > 0 ? (
          <span className="block text-xs font-medium text-red-700" data-testid="failed-count">
            {formatCount(row.failedCount)} failed
          </span>
        ) : null}
      </Td>
      <Td>{row.makerName}</Td>
      <Td className="whitespace-nowrap tabular-nums" data-testid="approvals">
        <Approvals row={row} />
      </Td>
      <Td className="text-slate-600">
        <RelativeTime iso={row.updatedAt} />
      </Td>
    </tr>
  );
}

/** The same row as a card, for phones: nothing wider than the screen. */
function Card({ row }: { row: BatchListRow }) {
  const summary = summaryOf(row);
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="batch-card" data-batch-id={row.id}>
      <div className="flex items-start justify-between gap-3">
        <Link href={`/batches/${row.id}`} className="min-w-0 break-words font-medium text-slate-900 underline">
          {row.description}
        </Link>
        <BatchStatusBadge status={row.status} failedCount={row.failedCount} />
      </div>
      {summary ? <p className="mt-1 text-xs text-slate-700">{summary}</p> : null}
      <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-600">Total</dt>
          <dd className="font-medium tabular-nums text-slate-900">{formatMoney(row.totalAmount, row.currency)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Transactions</dt>
          <dd className="tabular-nums text-slate-900">
            {formatCount(row.transactionCount)}
            {row.failedCount > 0 ? <span className="text-red-700"> · {formatCount(row.failedCount)} failed</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Maker</dt>
          <dd className="text-slate-900">{row.makerName}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Approvals</dt>
          <dd className="text-slate-900">
            <Approvals row={row} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

/**
 * The live batch table: TanStack Query caches each page; server-sent events patch a row's
 * status at once and schedule a refetch for the rest (counts, order), so a change shows up
 * within a second on every open screen, whichever app instance applied it. Filters, search and
 * sort live in the URL. On a phone the rows are cards.
 */
export function BatchTable({ initialPage, initialView, emptyState }: { initialPage: BatchListPage; initialView: BatchListView; emptyState: ReactNode }) {
  const queryClient = useQueryClient();
  const searchId = useId();
  const [view, setView] = useState<BatchListView>(initialView);
  const [search, setSearch] = useState(initialView.q);
  // Keyset pagination: the cursors of the pages before this one, so Previous is a pop.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const isInitial = view === initialView && cursor === null;
  const query = useQuery({
    queryKey: ["batches", view, cursor],
    queryFn: () => fetchPage(view, cursor),
    placeholderData: keepPreviousData,
    initialData: isInitial ? initialPage : undefined,
  });

  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetchSoon = () => {
    refetchTimer.current ??= setTimeout(() => {
      refetchTimer.current = null;
      void queryClient.invalidateQueries({ queryKey: ["batches"] });
    }, REFETCH_DELAY_MS);
  };
  useBatchChanges({
    onChange: (change) => {
      let known = false;
      queryClient.setQueriesData<BatchListPage>({ queryKey: ["batches"] }, (page) => {
        if (!page) return page;
        const rows = page.rows.map((row) => {
          if (row.id !== change.id) return row;
          // A notification without a newer updatedAt (a reconciliation read that found nothing new) changes nothing shown.
          if (Date.parse(change.updatedAt) <= Date.parse(row.updatedAt)) {
            known = true;
            return row;
          }
          return { ...row, status: change.status as BatchStatus, updatedAt: change.updatedAt, failedCount: change.failedCount ?? row.failedCount };
        });
        return { ...page, rows };
      });
      if (!known) refetchSoon();
    },
    onResync: () => void queryClient.invalidateQueries({ queryKey: ["batches"] }),
  });

  const changeView = (next: Partial<BatchListView>) => {
    const updated = { ...view, ...next };
    setView(updated);
    setCursors([null]);
    const params = viewParams(updated).toString();
    // The URL follows the view without a server round trip (the table fetches its own pages).
    window.history.replaceState(null, "", `${window.location.pathname}${params ? `?${params}` : ""}`);
  };
  const onSort = (sort: BatchSort) => changeView(view.sort === sort ? { dir: view.dir === "desc" ? "asc" : "desc" } : { sort, dir: "desc" });

  const page = query.data;
  if (page && page.rows.length === 0 && view.status === "" && view.q === "" && cursor === null) return <>{emptyState}</>;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm text-slate-700">
            Status
            <select
              value={view.status}
              onChange={(event) => changeView({ status: event.target.value as BatchStatus | "" })}
              className="rounded-lg border-0 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
            >
              <option value="">All statuses</option>
              {BATCH_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {batchStatusLabel(status)}
                </option>
              ))}
            </select>
          </label>
          <form
            role="search"
            className="flex items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              changeView({ q: search.trim() });
            }}
          >
            <div className="flex flex-col gap-1 text-sm text-slate-700">
              <label htmlFor={searchId}>Payee</label>
              <input
                id={searchId}
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                placeholder="Name, email or account number"
                className="w-64 max-w-full rounded-lg border-0 bg-white py-1.5 px-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500"
              />
            </div>
            <Button type="submit" variant="secondary">
              Search
            </Button>
            {view.q ? (
              <Button
                type="button"
                variant="ghost"
                onClick={() => {
                  setSearch("");
                  changeView({ q: "" });
                }}
              >
                Clear
              </Button>
            ) : null}
          </form>
        </div>
        <p className="flex items-center gap-2 text-xs text-slate-600">
          <span className={`size-2 rounded-full ${query.isFetching ? "bg-amber-400" : "bg-emerald-500"}`} aria-hidden="true" />
          {query.isFetching ? "Updating…" : "Live"}
        </p>
      </div>
      {query.error ? <ErrorAlert>{query.error.message}</ErrorAlert> : null}
      <div className="hidden md:block">
        <Table label="Batches" minWidth="min-w-[960px]">
          <THead>
            <tr>
              <Th sticky>Batch</Th>
              <Th>Status</Th>
              <Th>Method</Th>
              <SortHeader label="Total" sort="total" view={view} onSort={onSort} align="right" />
              <SortHeader label="Transactions" sort="transactions" view={view} onSort={onSort} align="right" />
              <Th>Maker</Th>
              <Th>Approvals</Th>
              <SortHeader label="Updated" sort="updated" view={view} onSort={onSort} />
            </tr>
          </THead>
          <TBody>
            {page?.rows.map((row) => <Row key={row.id} row={row} />)}
            {page && page.rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-4 py-10 text-center text-slate-600">
                  No batches {view.q ? `with a payee matching “${view.q}”` : ""} {view.status ? `are ${batchStatusLabel(view.status as BatchStatus).toLowerCase()}` : "here"}.
                </td>
              </tr>
            ) : null}
          </TBody>
        </Table>
      </div>
      <ul className="space-y-3 md:hidden" aria-label="Batches">
        {page?.rows.map((row) => <Card key={row.id} row={row} />)}
        {page && page.rows.length === 0 ? <li className="py-6 text-center text-sm text-slate-600">No batches match.</li> : null}
      </ul>
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>Page {cursors.length}</span>
        <div className="flex gap-2">
          <Button variant="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </Button>
          <Button variant="secondary" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}>
            Next
          </Button>
        </div>
      </div>
    </div>
  );
}
