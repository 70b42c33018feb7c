import Link from "next/link";
import { filtersToSearch } from "@/lib/history/filters-to-search";
import type { HistoryView } from "@/lib/history/schemas";

const VIEWS: { view: HistoryView; label: string }[] = [
  { view: "transactions", label: "Transactions" },
  { view: "batches", label: "Batches" },
];

/** Transactions or batches, keeping the filters (and starting again from the first page). */
export function ViewTabs({ current, params }: { current: HistoryView; params: Record<string, string | undefined> }) {
  return (
    <nav aria-label="History view" className="inline-flex rounded-lg bg-slate-100 p-1">
      {VIEWS.map(({ view, label }) => (
        <Link
          key={view}
          href={`/history${filtersToSearch({ ...params, view, cursor: undefined })}`}
          aria-current={view === current ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors ${view === current ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
