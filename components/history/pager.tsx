import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { filtersToSearch } from "@/lib/history/filters-to-search";

/** Keyset paging: "Next page" carries the last row's cursor; earlier pages are the browser's Back. */
export function Pager({ path, params, nextCursor, shown, defaults }: { path: string; params: Record<string, string | undefined>; nextCursor: string | null; shown: number; defaults?: Record<string, string> }) {
  const onLaterPage = Boolean(params.cursor);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-500">
      <span>
        {shown === 0 ? "No rows" : `${shown} row${shown === 1 ? "" : "s"} on this page`}
        {onLaterPage ? " · use Back for the previous page" : ""}
      </span>
      <div className="flex gap-2">
        {onLaterPage ? (
          <Link href={`${path}${filtersToSearch({ ...params, cursor: undefined }, defaults)}`} className={buttonClasses("secondary")}>
            First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={`${path}${filtersToSearch({ ...params, cursor: nextCursor }, defaults)}`} className={buttonClasses("secondary")}>
            Next page
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
