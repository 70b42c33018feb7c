"use client";

import { useId, useMemo, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import type { ColumnMapping, CsvTable, RowValidation } from "@/lib/batches/csv-import";
import type { MethodForForm } from "@/lib/methods/schemas";
import { MAX_TRANSACTIONS_PER_BATCH, transactionColumns } from "@/lib/methods/transaction-schema";
import { runCsvWorker } from "./csv-worker-protocol";
import { inputFromValue, makeRow, type EditorRow } from "./editor-rows";

export type ImportSummary = { fileName: string; valid: number; invalid: number };

type Props = {
  method: MethodForForm;
  /** Rows already in the editor (the batch limit counts them too). */
  existingCount: number;
  onImported: (rows: EditorRow[], summary: ImportSummary) => void;
  disabled?: boolean;
};

type State =
  | { step: "idle" }
  | { step: "reading"; fileName: string }
  | { step: "mapping"; fileName: string; table: CsvTable; mapping: ColumnMapping; error: string | null }
  | { step: "failed"; fileName: string; message: string };

const count = (n: number) => n.toLocaleString("en-US");

/** "Import CSV": reads and validates the file off the main thread; headers that are not the API's names go through a mapping step. */
export function CsvImport({ method, existingCount, onImported, disabled = false }: Props) {
  const [state, setState] = useState<State>({ step: "idle" });
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const columns = useMemo(() => transactionColumns(method), [method]);

  function finish(fileName: string, result: RowValidation) {
    const total = result.valid.length + result.invalid.length;
    if (existingCount + total > MAX_TRANSACTIONS_PER_BATCH) {
      setState({
        step: "failed",
        fileName,
        message: `The batch would have ${count(existingCount + total)} transactions; a batch takes at most ${count(MAX_TRANSACTIONS_PER_BATCH)}. Remove rows first or split the file.`,
      });
      return;
    }
    // Back in file order: valid and invalid rows interleave as they did in the file.
    const rows = [
      ...result.valid.map(({ rowNumber, value }) => ({ rowNumber, row: makeRow(inputFromValue(value, method.fields), [], method.currency, { touched: true, csvRow: rowNumber }) })),
      ...result.invalid.map(({ rowNumber, input, errors }) => ({ rowNumber, row: makeRow(input, errors, method.currency, { touched: true, csvRow: rowNumber }) })),
    ]
      .sort((a, b) => a.rowNumber - b.rowNumber)
      .map(({ row }) => row);
    setState({ step: "idle" });
    onImported(rows, { fileName, valid: result.valid.length, invalid: result.invalid.length });
  }

  async function onFile(file: File) {
    setState({ step: "reading", fileName: file.name });
    try {
      const response = await runCsvWorker({ kind: "import", text: await file.text(), method });
      if (response.kind !== "import") throw new Error("The CSV reader answered out of turn");
      const { result } = response;
      if (result.kind === "rejected") setState({ step: "failed", fileName: file.name, message: result.message });
      else if (result.kind === "needs_mapping") setState({ step: "mapping", fileName: file.name, table: result.table, mapping: result.suggestion, error: null });
      else finish(file.name, result.result);
    } catch (error) {
      setState({ step: "failed", fileName: file.name, message: error instanceof Error ? error.message : "The file could not be read" });
    } finally {
      // The same file can be chosen again after a fix.
      if (fileRef.current) fileRef.current.value = "";
    }
  }

  async function applyMapping() {
    if (state.step !== "mapping") return;
    const response = await runCsvWorker({ kind: "map", table: state.table, mapping: state.mapping, method });
    if (response.kind !== "map") return;
    if (!response.ok) setState({ ...state, error: response.message });
    else finish(state.fileName, response.result);
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={inputId} className={buttonClasses("secondary", `cursor-pointer ${disabled || state.step === "reading" ? "pointer-events-none opacity-50" : ""}`)}>
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
            <path d="M10 2.5a.75.75 0 0 1 .75.75v7.69l2.22-2.22a.75.75 0 1 1 1.06 1.06l-3.5 3.5a.75.75 0 0 1-1.06 0l-3.5-3.5a.75.75 0 0 1 1.06-1.06l2.22 2.22V3.25A.75.75 0 0 1 10 2.5ZM3.75 13a.75.75 0 0 1 .75.75v1.5c0 .14.11.25.25.25h10.5a.25.25 0 0 0 .25-.25v-1.5a.75.75 0 0 1 1.5 0v1.5A1.75 1.75 0 0 1 15.25 17H4.75A1.75 1.75 0 0 1 3 15.25v-1.5a.75.75 0 0 1 .75-.75Z" />
          </svg>
          Import CSV
        </label>
        <input
          ref={fileRef}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          aria-label="Import CSV"
          className="sr-only"
          disabled={disabled || state.step === "reading"}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void onFile(file);
          }}
        />
        <p className="text-xs text-slate-500">
          Header row: <code className="rounded bg-slate-100 px-1 py-0.5 text-[11px] text-slate-700">{columns.map((column) => column.csvHeader).join(",")}</code>
        </p>
      </div>

      {state.step === "reading" ? (
        <p role="status" className="text-sm text-slate-600">
          Reading {state.fileName}…
        </p>
      ) : null}
      {state.step === "failed" ? (
        <div role="alert" className="flex items-start justify-between gap-4 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-700">
          <span>
            <span className="font-medium">{state.fileName}:</span> {state.message}
          </span>
          <button type="button" className="text-red-700 underline" onClick={() => setState({ step: "idle" })}>
            Dismiss
          </button>
        </div>
      ) : null}
      {state.step === "mapping" ? (
        <section aria-label="Match the file's columns" className="rounded-xl border border-brand-100 bg-brand-50/40 p-4">
          <h3 className="text-sm font-semibold text-slate-900">Match the columns of {state.fileName}</h3>
          <p className="mt-1 text-sm text-slate-600">
            Its header is not the API&apos;s field names. Choose which of its {count(state.table.headers.length)} columns holds each field; {count(state.table.records.length)} rows will be
            imported.
          </p>
          <div className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {columns.map((column) => (
              <label key={column.path} className="block text-sm">
                <span className="font-medium text-slate-700">
                  {column.label}
                  {column.required ? <span className="text-red-600"> *</span> : <span className="font-normal text-slate-400"> (optional)</span>}
                </span>
                <select
                  aria-label={`Column for ${column.label}`}
                  className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2.5 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
                  value={state.mapping[column.path] ?? ""}
                  onChange={(event) =>
                    setState({ ...state, error: null, mapping: { ...state.mapping, [column.path]: event.target.value === "" ? null : Number(event.target.value) } })
                  }
                >
                  <option value="">{column.required ? "Choose a column" : "Not in the file"}</option>
                  {state.table.headers.map((header, index) => (
                    <option key={index} value={index}>
                      {header || `Column ${index + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {state.error ? (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {state.error}
            </p>
          ) : null}
          <div className="mt-4 flex gap-2">
            <Button type="button" onClick={() => void applyMapping()}>
              Import with these columns
            </Button>
            <Button type="button" variant="ghost" onClick={() => setState({ step: "idle" })}>
              Cancel import
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
