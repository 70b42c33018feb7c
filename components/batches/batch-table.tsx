"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import type { BatchListPage, BatchListRow, BatchSort } from "@/lib/batches/list-batches";
import { BATCH_STATUSES, type BatchStatus } from "@/lib/batches/statuses";
import { formatAmount } from "@/lib/money";
import { batchStatusLabel, BatchStatusBadge } from "./batch-status-badge";
import { useBatchChanges } from "./use-batch-changes";
import { ErrorAlert } from "@/components/ui/error-alert";


type View = { status: BatchStatus | ""; sort: BatchSort; dir: "asc" | "desc" };
const DEFAULT_VIEW: View = { status: "", sort: "updated", dir: "desc" };
const PAGE_SIZE = 25;
// Bursts of changes (a reconciliation run, many webhooks) become one refetch.
const REFETCH_DELAY_MS = 120;

async function fetchPage(view: View, cursor: string | null): Promise<BatchListPage> {
  const params = new URLSearchParams({ sort: view.sort, dir: view.dir, limit: String(PAGE_SIZE) });
  if (view.status) params.set("status", view.status);
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/batches?${params}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The batch list could not be loaded (HTTP ${response.status})`);
  }
  return (await response.json()) as BatchListPage;
}

function SortHeader({ label, sort, view, onSort, align = "left" }: { label: string; sort: BatchSort; view: View; onSort: (sort: BatchSort) => void; align?: "left" | "right" }) {
  const active = view.sort === sort;
  return (
    <th scope="col" aria-sort={active ? (view.dir === "asc" ? "ascending" : "descending") : "none"} className={`px-4 py-3 font-medium ${align === "right" ? "text-right" : "text-left"}`}>
      <button type="button" onClick={() => onSort(sort)} className={`inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-slate-900 ${active ? "text-slate-900" : ""}`}>
        {label}
        <span aria-hidden="true" className={`text-[10px] ${active ? "opacity-100" : "opacity-30"}`}>
          {active && view.dir === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </th>
  );
}

function Row({ row }: { row: BatchListRow }) {
  return (
    <tr className="border-t border-slate-100 hover:bg-slate-50/70" data-testid="batch-row" data-batch-id={row.id}>
      <td className="max-w-64 px-4 py-3">
        <Link href={`/batches/${row.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700" title={row.description}>
          {row.description}
        </Link>
        <span className="font-mono text-xs text-slate-400">{row.id.slice(0, 8)}</span>
      </td>
      <td className="px-4 py-3">
        <BatchStatusBadge status={row.status} />
      </td>
      <td className="px-4 py-3">
        <span className="block text-slate-800">{row.methodLabel ?? row.methodName}</span>
        <span className="text-xs text-slate-500">{row.currency}</span>
      </td>
      <td className="px-4 py-3 text-right font-medium tabular-nums text-slate-900">{formatAmount(row.totalAmount, row.currency)}</td>
      <td className="px-4 py-3 text-right tabular-nums">
        <span className="text-slate-800">{row.transactionCount.toLocaleString("en-US")}</span>
        {row.failedCount > 0 ? (
          <span className="block text-xs font-medium text-red-600" data-testid="failed-count">
            {row.failedCount.toLocaleString("en-US")} failed
          </span>
        ) : null}
      </td>
      <td className="px-4 py-3 text-slate-700">{row.makerName}</td>
      <td className="px-4 py-3 tabular-nums text-slate-700">
        {row.approvals} / {row.approvalsNeeded}
      </td>
      <td className="px-4 py-3 text-slate-500">
        <RelativeTime iso={row.updatedAt} />
      </td>
    </tr>
  );
}

/**
 * The live batch table: TanStack Query caches each page; server-sent events patch a row's
 * status at once and schedule a refetch for the rest (counts, order), so a change shows up
 * within a second on every open screen, whichever app instance applied it.
 */
export function BatchTable({ initialPage, emptyState }: { initialPage: BatchListPage; emptyState: ReactNode }) {
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>(DEFAULT_VIEW);
  // Keyset pagination: the cursors of the pages before this one, so Previous is a pop.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const isDefault = view === DEFAULT_VIEW && cursor === null;
  const query = useQuery({
    queryKey: ["batches", view, cursor],
    queryFn: () => fetchPage(view, cursor),
    placeholderData: keepPreviousData,
    initialData: isDefault ? initialPage : undefined,
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
          return { ...row, status: change.status as BatchStatus, updatedAt: change.updatedAt };
        });
        return { ...page, rows };
      });
      if (!known) refetchSoon();
    },
    onResync: () => void queryClient.invalidateQueries({ queryKey: ["batches"] }),
  });

  const changeView = (next: Partial<View>) => {
    setView({ ...view, ...next });
    setCursors([null]);
  };
  const onSort = (sort: BatchSort) => changeView(view.sort === sort ? { dir: view.dir === "desc" ? "asc" : "desc" } : { sort, dir: "desc" });

  const page = query.data;
  if (page && page.rows.length === 0 && view.status === "" && cursor === null) return <>{emptyState}</>;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-600">
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
        <p className="flex items-center gap-2 text-xs text-slate-500" aria-live="polite">
          <span className={`size-2 rounded-full ${query.isFetching ? "bg-amber-400" : "bg-emerald-500"}`} aria-hidden="true" />
          {query.isFetching ? "Updating…" : "Live"}
        </p>
      </div>
      {query.error ? (
        <ErrorAlert>{query.error.message}</ErrorAlert>
      ) : null}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full min-w-[960px] text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3 text-left font-medium">
                Batch
              </th>
              <th scope="col" className="px-4 py-3 text-left font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 text-left font-medium">
                Method
              </th>
              <SortHeader label="Total" sort="total" view={view} onSort={onSort} align="right" />
              <SortHeader label="Transactions" sort="transactions" view={view} onSort={onSort} align="right" />
              <th scope="col" className="px-4 py-3 text-left font-medium">
                Maker
              </th>
              <th scope="col" className="px-4 py-3 text-left font-medium">
                Approvals
              </th>
              <SortHeader label="Updated" sort="updated" view={view} onSort={onSort} />
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((row) => <Row key={row.id} row={row} />)}
            {page && page.rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-4 py-10 text-center text-slate-500">
                  No batches are {view.status ? batchStatusLabel(view.status as BatchStatus).toLowerCase() : "here"}.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between text-sm text-slate-500">
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
