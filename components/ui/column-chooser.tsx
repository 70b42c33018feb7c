"use client";

import { useEffect, useId, useState } from "react";

/**
 * "Columns": show or hide the optional columns of a wide table. Cells carry `data-col`; the
 * chooser hides those of hidden columns inside the element `tableId` (rows added later too), so a
 * server-rendered table needs no client state of its own. Not a <style> rule: the CSP refuses
 * style elements without the request's nonce.
 */
export function ColumnChooser({ tableId, columns }: { tableId: string; columns: { key: string; label: string; hidden?: boolean }[] }) {
  const [hidden, setHidden] = useState(() => new Set(columns.filter((column) => column.hidden).map((column) => column.key)));
  const id = useId();
  useEffect(() => {
    const root = document.getElementById(tableId);
    if (!root) return;
    const apply = () => {
      for (const cell of root.querySelectorAll<HTMLElement>("[data-col]")) cell.style.display = hidden.has(cell.dataset.col ?? "") ? "none" : "";
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [hidden, tableId]);
  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer rounded-lg px-2.5 py-1.5 font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">Columns</summary>
      <fieldset className="absolute right-0 z-20 mt-1 max-h-80 w-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Columns shown</legend>
        {columns.map((column) => (
          <div key={column.key} className="flex items-center gap-2 py-1">
            <input
              id={`${id}-${column.key}`}
              type="checkbox"
              className="size-4"
              checked={!hidden.has(column.key)}
              onChange={(event) => {
                const next = new Set(hidden);
                if (event.target.checked) next.delete(column.key);
                else next.add(column.key);
                setHidden(next);
              }}
            />
            <label htmlFor={`${id}-${column.key}`} className="text-slate-800">
              {column.label}
            </label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}
