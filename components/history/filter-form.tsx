"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { filtersToSearch } from "@/lib/history/filters-to-search";

/**
 * The filters live in the URL: applying pushes a new URL (so links are shareable and Back
 * restores the previous filters), and a new filter always starts from the first page.
 * Without JavaScript the form still works as a plain GET.
 */
export function FilterForm({ path, keep = {}, defaults, children }: { path: string; keep?: Record<string, string>; defaults?: Record<string, string>; children: ReactNode }) {
  const router = useRouter();
  return (
    <form
      method="get"
      action={path}
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        const values: Record<string, string> = {};
        for (const [key, value] of new FormData(event.currentTarget)) values[key] = String(value).trim();
        router.push(`${path}${filtersToSearch({ ...values, ...keep }, defaults)}`);
      }}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      {Object.entries(keep).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6">{children}</div>
      <div className="mt-4 flex items-center justify-end gap-2 border-t border-slate-100 pt-4">
        <Link href={`${path}${filtersToSearch(keep, defaults)}`} className={buttonClasses("ghost")}>
          Clear filters
        </Link>
        <button type="submit" className={buttonClasses("primary")}>
          Apply filters
        </button>
      </div>
    </form>
  );
}
