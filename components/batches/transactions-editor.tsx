"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useId, useMemo, useRef } from "react";
import type { RowError } from "@/lib/db/schema/transactions";
import type { MethodForForm } from "@/lib/methods/schemas";
import { transactionColumns, type TransactionColumn } from "@/lib/methods/transaction-schema";
import { valueAt, type EditorRow } from "./editor-rows";

export type RowTab = "all" | "valid" | "invalid";

// Minimum widths in rem: a method with three params fits a laptop screen; more params scroll sideways.
const MIN_REM: Record<string, number> = { email: 10, amount: 6.5, external_id: 5.5, first_name: 6.5, last_name: 6.5 };
const PARAM_MIN_REM = 6.5;
const NUMBER_REM = 2.75;
const REMOVE_REM = 2.25;
const minRem = (path: string) => MIN_REM[path] ?? PARAM_MIN_REM;

/** "params.bank_code" → "Bank Code"; a field outside the columns (a CSV "row" problem) keeps a readable name. */
export function fieldLabel(columns: readonly TransactionColumn[], field: string): string {
  if (field === "row") return "Row";
  return columns.find((column) => column.path === field)?.label ?? field.replace(/^params\./, "");
}

type Props = {
  method: MethodForForm;
  rows: EditorRow[];
  tab: RowTab;
  onTabChange: (tab: RowTab) => void;
  onChange: (index: number, path: string, value: string) => void;
  onBlur: (index: number) => void;
  onRemove: (index: number) => void;
  disabled?: boolean;
};

/** The rows of a batch: a virtualised grid (10,000 rows stay responsive), filtered by the Valid / Invalid tabs. */
export function TransactionsEditor({ method, rows, tab, onTabChange, onChange, onBlur, onRemove, disabled = false }: Props) {
  const columns = useMemo(() => transactionColumns(method), [method]);
  const banksListId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = useMemo(
    () => [`${NUMBER_REM}rem`, ...columns.map((column) => (column.path === "amount" ? `${minRem("amount")}rem` : `minmax(${minRem(column.path)}rem,1fr)`)), `${REMOVE_REM}rem`].join(" "),
    [columns],
  );
  // Grid gaps (0.375rem) and the row padding (1.5rem) count too.
  const minWidth = `${NUMBER_REM + REMOVE_REM + columns.reduce((sum, column) => sum + minRem(column.path), 0) + (columns.length + 1) * 0.375 + 1.5}rem`;

  const counts = useMemo(() => {
    let invalid = 0;
    for (const row of rows) if (row.errors.length > 0) invalid++;
    return { all: rows.length, valid: rows.length - invalid, invalid };
  }, [rows]);
  const shown = useMemo(() => {
    const indexes: number[] = [];
    rows.forEach((row, index) => {
      const invalid = row.errors.length > 0;
      if (tab === "all" || (tab === "invalid") === invalid) indexes.push(index);
    });
    return indexes;
  }, [rows, tab]);

  // The virtualizer is mutable by design (it measures rows as they render); no compiler memoisation here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 52,
    overscan: 8,
    getItemKey: (position) => rows[shown[position]!]!.key,
  });

  // "Add row" appends one row: bring it into view, wherever the list was scrolled.
  const previousCount = useRef(rows.length);
  useEffect(() => {
    if (rows.length === previousCount.current + 1 && tab === "all") virtualizer.scrollToIndex(shown.length - 1, { align: "end" });
    previousCount.current = rows.length;
  }, [rows.length, shown.length, tab, virtualizer]);

  const tabs: Array<{ id: RowTab; label: string; count: number }> = [
    { id: "all", label: "All", count: counts.all },
    { id: "valid", label: "Valid", count: counts.valid },
    { id: "invalid", label: "Invalid", count: counts.invalid },
  ];

  return (
    <div>
      <div role="tablist" aria-label="Show transactions" className="flex gap-1 border-b border-slate-200 px-4">
        {tabs.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            onClick={() => onTabChange(item.id)}
            className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium transition-colors ${
              tab === item.id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"
            }`}
          >
            {item.label}
            <span
              className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${
                item.id === "invalid" && item.count > 0 ? "bg-red-100 text-red-700" : "bg-slate-100 text-slate-600"
              }`}
            >
              {item.count.toLocaleString("en-US")}
            </span>
          </button>
        ))}
      </div>

      <datalist id={banksListId}>
        {method.banks.map((bank) => (
          <option key={bank.code} value={bank.code}>
            {bank.name}
          </option>
        ))}
      </datalist>

      <div ref={scrollRef} className="max-h-[32rem] overflow-auto" role="group" aria-label="Transactions">
        <div style={{ minWidth }}>
          <div
            className="sticky top-0 z-10 grid gap-1.5 border-b border-slate-200 bg-slate-50/95 px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 backdrop-blur"
            style={{ gridTemplateColumns: template }}
            aria-hidden="true"
          >
            <span>#</span>
            {columns.map((column) => (
              <span key={column.path} className={`truncate ${column.required ? "" : "text-slate-400"}`} title={column.required ? column.label : `${column.label} (optional)`}>
                {column.label}
              </span>
            ))}
            <span />
          </div>
          {shown.length === 0 ? (
            <p className="px-4 py-10 text-center text-sm text-slate-500">
              {tab === "invalid" ? "No invalid transactions." : tab === "valid" ? "No valid transactions yet." : "No transactions yet. Add a row or import a CSV file."}
            </p>
          ) : (
            <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const index = shown[item.index]!;
                const row = rows[index]!;
                return (
                  <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="absolute inset-x-0" style={{ transform: `translateY(${item.start}px)` }}>
                    <TransactionRow
                      index={index}
                      row={row}
                      columns={columns}
                      template={template}
                      banksListId={banksListId}
                      showErrors={row.touched || tab === "invalid"}
                      onChange={onChange}
                      onBlur={onBlur}
                      onRemove={onRemove}
                      disabled={disabled}
                    />
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

type RowProps = {
  index: number;
  row: EditorRow;
  columns: TransactionColumn[];
  template: string;
  banksListId: string;
  showErrors: boolean;
  onChange: Props["onChange"];
  onBlur: Props["onBlur"];
  onRemove: Props["onRemove"];
  disabled: boolean;
};

// Memoised: typing in one row re-renders that row only, whatever the batch size.
const TransactionRow = memo(function TransactionRow({ index, row, columns, template, banksListId, showErrors, onChange, onBlur, onRemove, disabled }: RowProps) {
  const number = index + 1;
  const errorsId = `row-${row.key}-errors`;
  const errors: RowError[] = showErrors ? row.errors : [];
  const invalidFields = new Set(errors.map((error) => error.field));
  return (
    <div className={`border-b border-slate-100 px-3 py-1.5 ${errors.length > 0 ? "bg-red-50/40" : ""}`} data-testid="transaction-row">
      <div className="grid items-center gap-1.5" style={{ gridTemplateColumns: template }}>
        <span className="text-xs tabular-nums text-slate-500">{number.toLocaleString("en-US")}</span>
        {columns.map((column) => {
          const invalid = invalidFields.has(column.path);
          const isBank = column.path === "params.bank_code";
          return (
            <input
              key={column.path}
              aria-label={`${column.label}, row ${number}`}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? errorsId : undefined}
              value={valueAt(row.input, column.path)}
              onChange={(event) => onChange(index, column.path, event.target.value)}
              onBlur={() => onBlur(index)}
              list={isBank ? banksListId : undefined}
              placeholder={isBank ? "Search banks" : undefined}
              inputMode={column.path === "amount" ? "decimal" : undefined}
              type={column.path === "email" ? "email" : "text"}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              className={`h-9 w-full min-w-0 rounded-md border bg-white px-2 text-sm outline-none transition placeholder:text-slate-400 focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500 ${
                column.path === "amount" ? "text-right tabular-nums" : ""
              } ${invalid ? "border-red-400 focus:border-red-500 focus:ring-red-100" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"}`}
            />
          );
        })}
        <button
          type="button"
          onClick={() => onRemove(index)}
          aria-label={`Remove row ${number}`}
          title={`Remove row ${number}`}
          disabled={disabled}
          className="grid size-9 place-items-center rounded-md text-slate-400 transition hover:bg-red-50 hover:text-red-600 disabled:opacity-40"
        >
          <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true" fill="currentColor">
            <path d="M7 3a1 1 0 0 0-1 1v1H3.5a.75.75 0 0 0 0 1.5h.6l.7 9.1A2 2 0 0 0 6.8 17.5h6.4a2 2 0 0 0 2-1.9l.7-9.1h.6a.75.75 0 0 0 0-1.5H14V4a1 1 0 0 0-1-1H7Zm5.5 2V4.5h-5V5h5Z" />
          </svg>
        </button>
      </div>
      {errors.length > 0 ? (
        <p id={errorsId} className="mt-1 pl-[3.125rem] text-xs text-red-700" data-testid="row-errors">
          <span className="font-medium">
            Row {number.toLocaleString("en-US")}
            {row.csvRow !== undefined ? ` (CSV line ${row.csvRow.toLocaleString("en-US")})` : ""}:
          </span>{" "}
          {errors.map((error, i) => (
            <span key={`${error.field}-${i}`}>
              {i > 0 ? " · " : null}
              {fieldLabel(columns, error.field)}: {error.message}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
});
