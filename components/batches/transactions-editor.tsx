"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from "react";
import { nameFix } from "@/lib/batches/transliterate";
import type { RowError } from "@/lib/db/schema/transactions";
import type { MethodForForm } from "@/lib/methods/schemas";
import { transactionColumns, type TransactionColumn } from "@/lib/methods/transaction-schema";
import { valueAt, type EditorRow, type RowWarning } from "./editor-rows";

export type RowTab = "all" | "valid" | "invalid";

// Minimum widths in rem: a method with three params fits a laptop screen; more params scroll sideways.
const MIN_REM: Record<string, number> = { email: 10, amount: 6.5, external_id: 5.5, first_name: 6.5, last_name: 6.5 };
const PARAM_MIN_REM = 6.5;
const NUMBER_REM = 2.75;
// The row's two buttons: "Choose a payee" and "Remove".
const ROW_BUTTONS_REM = 4.75;
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
  /** Opens the payee picker for a row. */
  onPickPayee: (index: number) => void;
  /** Rows edited in this view: they stay in it (marked fixed) until the tab changes, so nothing moves under the cursor. */
  pinned?: ReadonlySet<number>;
  /** Possible duplicates, by row key. */
  warnings?: ReadonlyMap<number, RowWarning>;
  /** Where focus goes when the last shown row is removed. */
  onEmptied?: () => void;
  disabled?: boolean;
};

const NO_KEYS: ReadonlySet<number> = new Set();
const NO_WARNINGS: ReadonlyMap<number, RowWarning> = new Map();
const TAB_ORDER: RowTab[] = ["all", "valid", "invalid"];

/** The rows of a batch: a virtualised grid (10,000 rows stay responsive), filtered by the Valid / Invalid tabs. */
export function TransactionsEditor({ method, rows, tab, onTabChange, onChange, onBlur, onRemove, onPickPayee, pinned = NO_KEYS, warnings = NO_WARNINGS, onEmptied, disabled = false }: Props) {
  const columns = useMemo(() => transactionColumns(method), [method]);
  const banksListId = useId();
  const tabsId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = useMemo(
    () => [`${NUMBER_REM}rem`, ...columns.map((column) => (column.path === "amount" ? `${minRem("amount")}rem` : `minmax(${minRem(column.path)}rem,1fr)`)), `${ROW_BUTTONS_REM}rem`].join(" "),
    [columns],
  );
  // Grid gaps (0.375rem) and the row padding (1.5rem) count too.
  const minWidth = `${NUMBER_REM + ROW_BUTTONS_REM + columns.reduce((sum, column) => sum + minRem(column.path), 0) + (columns.length + 1) * 0.375 + 1.5}rem`;

  const counts = useMemo(() => {
    let invalid = 0;
    for (const row of rows) if (row.errors.length > 0) invalid++;
    return { all: rows.length, valid: rows.length - invalid, invalid };
  }, [rows]);
  const shown = useMemo(() => {
    const indexes: number[] = [];
    rows.forEach((row, index) => {
      const invalid = row.errors.length > 0;
      if (tab === "all" || (tab === "invalid") === invalid || pinned.has(row.key)) indexes.push(index);
    });
    return indexes;
  }, [rows, tab, pinned]);

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

  // Removing a row moves focus to the row that takes its place (or the one before), never to <body>.
  const focusAfterRemove = useRef<{ key: number | null } | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const pending = focusAfterRemove.current;
    if (!pending) return;
    focusAfterRemove.current = null;
    const target = pending.key === null ? null : panelRef.current?.querySelector<HTMLElement>(`[data-row-key="${pending.key}"] [data-remove]`);
    if (target) target.focus();
    else if (onEmptied) onEmptied();
    else document.getElementById(`${tabsId}-${tab}`)?.focus();
  });
  const removeShown = useCallback(
    (index: number) => {
      const position = shown.indexOf(index);
      const neighbour = shown[position + 1] ?? shown[position - 1];
      focusAfterRemove.current = { key: neighbour === undefined ? null : rows[neighbour]!.key };
      onRemove(index);
    },
    [shown, rows, onRemove],
  );

  function onTabKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const at = TAB_ORDER.indexOf(tab);
    const next =
      event.key === "ArrowRight" ? TAB_ORDER[(at + 1) % TAB_ORDER.length]
      : event.key === "ArrowLeft" ? TAB_ORDER[(at + TAB_ORDER.length - 1) % TAB_ORDER.length]
      : event.key === "Home" ? TAB_ORDER[0]
      : event.key === "End" ? TAB_ORDER[TAB_ORDER.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    onTabChange(next);
    document.getElementById(`${tabsId}-${next}`)?.focus();
  }

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
            id={`${tabsId}-${item.id}`}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            aria-controls={`${tabsId}-panel`}
            tabIndex={tab === item.id ? 0 : -1}
            onClick={() => onTabChange(item.id)}
            onKeyDown={onTabKeyDown}
            className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium outline-none transition-colors focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-1 ${
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

      <div
        ref={(element) => {
          scrollRef.current = element;
          panelRef.current = element;
        }}
        id={`${tabsId}-panel`}
        role="tabpanel"
        aria-labelledby={`${tabsId}-${tab}`}
        tabIndex={0}
        className="max-h-[32rem] overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500"
      >
        <div style={{ minWidth }}>
          <div
            className="sticky top-0 z-10 grid gap-1.5 border-b border-slate-200 bg-slate-50/95 px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 backdrop-blur"
            style={{ gridTemplateColumns: template }}
            aria-hidden="true"
          >
            <span>#</span>
            {columns.map((column) => (
              // Wrapped, never cut ("Bank Account Number" in full); optional columns say so.
              <span key={column.path} className="self-end break-words leading-tight" title={column.required ? column.label : `${column.label} (optional)`}>
                {column.label}
                {column.required ? null : <span className="font-normal normal-case"> (optional)</span>}
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
                      fixed={tab === "invalid" && pinned.has(row.key) && row.errors.length === 0}
                      warning={warnings.get(row.key)}
                      onChange={onChange}
                      onBlur={onBlur}
                      onRemove={removeShown}
                      onPickPayee={onPickPayee}
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
  /** Fixed in the Invalid tab: it stays there, marked, until the view changes. */
  fixed: boolean;
  warning: RowWarning | undefined;
  onChange: Props["onChange"];
  onBlur: Props["onBlur"];
  onRemove: Props["onRemove"];
  onPickPayee: Props["onPickPayee"];
  disabled: boolean;
};

/** An icon button at the end of a row, named for the row it acts on. `remove` marks the one focus returns to. */
function RowButton({ label, onClick, disabled, tone, remove = false, children }: { label: string; onClick: () => void; disabled: boolean; tone: "brand" | "danger"; remove?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      data-remove={remove ? "" : undefined}
      aria-label={label}
      title={label}
      disabled={disabled}
      className={`grid size-9 place-items-center rounded-md transition disabled:opacity-40 ${tone === "danger" ? "text-slate-400 hover:bg-red-50 hover:text-red-600" : "text-slate-500 hover:bg-brand-50 hover:text-brand-700"}`}
    >
      <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true" fill="currentColor">
        {children}
      </svg>
    </button>
  );
}

// Memoised: typing in one row re-renders that row only, whatever the batch size.
const TransactionRow = memo(function TransactionRow({ index, row, columns, template, banksListId, showErrors, fixed, warning, onChange, onBlur, onRemove, onPickPayee, disabled }: RowProps) {
  const number = index + 1;
  const errorsId = `row-${row.key}-errors`;
  const errors: RowError[] = showErrors ? row.errors : [];
  // Each input is described by its own field's messages only (a long row's description stays short).
  const errorIdsByField = new Map<string, string[]>();
  errors.forEach((error, i) => errorIdsByField.set(error.field, [...(errorIdsByField.get(error.field) ?? []), `${errorsId}-${i}`]));
  const fixes = errors.flatMap((error) => {
    if (error.field !== "first_name" && error.field !== "last_name") return [];
    const from = valueAt(row.input, error.field);
    const to = nameFix(from);
    return to === null ? [] : [{ path: error.field, from, to }];
  });
  return (
    <div className={`border-b border-slate-100 px-3 py-1.5 ${errors.length > 0 ? "bg-red-50/40" : fixed ? "bg-emerald-50/50" : ""}`} data-testid="transaction-row" data-row-key={row.key}>
      <div className="grid items-center gap-1.5" style={{ gridTemplateColumns: template }}>
        <span className="text-xs tabular-nums text-slate-500">
          {number.toLocaleString("en-US")}
          {fixed ? (
            <span className="block text-[10px] font-semibold uppercase text-emerald-700" data-testid="row-fixed">
              Fixed
            </span>
          ) : null}
        </span>
        {columns.map((column) => {
          const errorIds = errorIdsByField.get(column.path);
          const invalid = errorIds !== undefined;
          const isBank = column.path === "params.bank_code";
          return (
            <input
              key={column.path}
              aria-label={`${column.label}, row ${number}`}
              aria-invalid={invalid || undefined}
              aria-describedby={errorIds?.join(" ")}
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
        <span className="flex">
          <RowButton label={`Choose a payee for row ${number}`} onClick={() => onPickPayee(index)} disabled={disabled} tone="brand">
            <path d="M10 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM3.5 16.2a6.5 6.5 0 0 1 13 0 .8.8 0 0 1-.5.8A15 15 0 0 1 10 18a15 15 0 0 1-6-1 .8.8 0 0 1-.5-.8Z" />
          </RowButton>
          <RowButton label={`Remove row ${number}`} onClick={() => onRemove(index)} disabled={disabled} tone="danger" remove>
            <path d="M7 3a1 1 0 0 0-1 1v1H3.5a.75.75 0 0 0 0 1.5h.6l.7 9.1A2 2 0 0 0 6.8 17.5h6.4a2 2 0 0 0 2-1.9l.7-9.1h.6a.75.75 0 0 0 0-1.5H14V4a1 1 0 0 0-1-1H7Zm5.5 2V4.5h-5V5h5Z" />
          </RowButton>
        </span>
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
              <span id={`${errorsId}-${i}`}>
                {fieldLabel(columns, error.field)}: {error.message}
              </span>
            </span>
          ))}
          {fixes.map((fix) => (
            <button
              key={fix.path}
              type="button"
              className="ml-2 rounded px-1 font-medium text-brand-700 underline outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              onClick={() => onChange(index, fix.path, fix.to)}
            >
              Use “{fix.to}” for {fieldLabel(columns, fix.path)}
            </button>
          ))}
        </p>
      ) : null}
      {warning ? (
        <p className="mt-1 pl-[3.125rem] text-xs text-amber-800" data-testid="row-warning">
          Possible duplicate: {warning.text}
          {warning.href ? (
            <>
              {" "}
              (
              <a href={warning.href} target="_blank" rel="noreferrer" className="underline">
                open the earlier batch
              </a>
              )
            </>
          ) : null}
          . Remove it, or keep it if it is meant.
        </p>
      ) : null}
    </div>
  );
});
