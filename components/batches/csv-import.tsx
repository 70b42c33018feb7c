"use client";

import { useId, useMemo, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { MAX_CSV_BYTES, type ColumnMapping, type CsvTable, type RowValidation } from "@/lib/batches/csv-import";
import type { MethodForForm } from "@/lib/methods/schemas";
import { MAX_TRANSACTIONS_PER_BATCH, transactionColumns } from "@/lib/methods/transaction-schema";
import { downloadBanksList, downloadCsvTemplate } from "./csv-template";
import { runCsvWorker } from "./csv-worker-protocol";
import { inputFromValue, makeRow, type EditorRow } from "./editor-rows";

export type ImportSummary = { fileName: string; valid: number; invalid: number };
export type ImportNotice = { tone: "info" | "error"; text: string };

type Props = {
  method: MethodForForm;
  onImported: (rows: EditorRow[], summary: ImportSummary) => void;
  /** Progress and refusals go to the editor's one status region. */
  onNotice: (notice: ImportNotice) => void;
  disabled?: boolean;
};

type State = { step: "idle" } | { step: "reading"; fileName: string } | { step: "mapping"; fileName: string; table: CsvTable; mapping: ColumnMapping; error: string | null };

const count = (n: number) => n.toLocaleString("en-US");
const mappingKey = (method: string) => `payout-desk:csv-mapping:${method}`;

/** The header each column was taken from last time, for this method (this browser only). */
function rememberedMapping(method: string): Record<string, string> {
  try {
    return JSON.parse(window.localStorage.getItem(mappingKey(method)) ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}

function rememberMapping(method: string, table: CsvTable, mapping: ColumnMapping): void {
  const byHeader = Object.fromEntries(Object.entries(mapping).flatMap(([path, index]) => (index === null || index === undefined ? [] : [[path, table.headers[index] ?? ""]])));
  try {
    window.localStorage.setItem(mappingKey(method), JSON.stringify(byHeader));
  } catch {
    // not remembered; the next file is guessed again
  }
}

/** The remembered headers win where this file has them; the guess fills the rest. */
function withRemembered(method: string, table: CsvTable, suggestion: ColumnMapping): ColumnMapping {
  const remembered = rememberedMapping(method);
  const mapping: ColumnMapping = { ...suggestion };
  for (const [path, header] of Object.entries(remembered)) {
    const index = table.headers.indexOf(header);
    if (index === -1 || !(path in mapping)) continue;
    for (const [other, taken] of Object.entries(mapping)) if (taken === index) mapping[other] = null;
    mapping[path] = index;
  }
  return mapping;
}

/** "Import CSV": reads and validates the file off the main thread; headers that are not the API's names go through a mapping step. */
export function CsvImport({ method, onImported, onNotice, disabled = false }: Props) {
  const [state, setState] = useState<State>({ step: "idle" });
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const columns = useMemo(() => transactionColumns(method), [method]);
  const busy = disabled || state.step === "reading";

  function finish(fileName: string, result: RowValidation) {
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
    if (file.size > MAX_CSV_BYTES) {
      onNotice({ tone: "error", text: `${file.name}: the file is ${(file.size / 2 ** 20).toFixed(1)} MB; the largest file the editor reads is 20 MB (at most ${count(MAX_TRANSACTIONS_PER_BATCH)} rows). Split it.` });
      if (fileRef.current) fileRef.current.value = "";
      return;
    }
    setState({ step: "reading", fileName: file.name });
    onNotice({ tone: "info", text: `Reading ${file.name}…` });
    try {
      const response = await runCsvWorker({ kind: "import", text: await file.text(), method });
      if (response.kind !== "import") throw new Error("The CSV reader answered out of turn");
      const { result } = response;
      if (result.kind === "rejected") {
        setState({ step: "idle" });
        onNotice({ tone: "error", text: `${file.name}: ${result.message}` });
      } else if (result.kind === "needs_mapping") {
        setState({ step: "mapping", fileName: file.name, table: result.table, mapping: withRemembered(method.name, result.table, result.suggestion), error: null });
        onNotice({ tone: "info", text: `${file.name}: match its columns to the fields below, then import.` });
      } else finish(file.name, result.result);
    } catch (error) {
      setState({ step: "idle" });
      onNotice({ tone: "error", text: `${file.name}: ${error instanceof Error ? error.message : "The file could not be read"}` });
    } finally {
      // The same file can be chosen again after a fix.
      if (fileRef.current) fileRef.current.value = "";
    }
  }

  async function applyMapping() {
    if (state.step !== "mapping") return;
    const response = await runCsvWorker({ kind: "map", table: state.table, mapping: state.mapping, method });
    if (response.kind !== "map") return;
    if (!response.ok) {
      setState({ ...state, error: response.message });
      return;
    }
    rememberMapping(method.name, state.table, state.mapping);
    finish(state.fileName, response.result);
    fileRef.current?.focus();
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        {/* The input comes first so its focus can style the label it hides behind (a visible focus ring). */}
        <input
          ref={fileRef}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          aria-label="Import CSV"
          aria-disabled={busy || undefined}
          className="peer sr-only"
          onClick={(event) => {
            if (busy) event.preventDefault();
          }}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file && !busy) void onFile(file);
          }}
        />
        <label
          htmlFor={inputId}
          className={buttonClasses(
            "secondary",
            `cursor-pointer peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2 ${busy ? "pointer-events-none opacity-50" : ""}`,
          )}
        >
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
            <path d="M10 2.5a.75.75 0 0 1 .75.75v7.69l2.22-2.22a.75.75 0 1 1 1.06 1.06l-3.5 3.5a.75.75 0 0 1-1.06 0l-3.5-3.5a.75.75 0 0 1 1.06-1.06l2.22 2.22V3.25A.75.75 0 0 1 10 2.5ZM3.75 13a.75.75 0 0 1 .75.75v1.5c0 .14.11.25.25.25h10.5a.25.25 0 0 0 .25-.25v-1.5a.75.75 0 0 1 1.5 0v1.5A1.75 1.75 0 0 1 15.25 17H4.75A1.75 1.75 0 0 1 3 15.25v-1.5a.75.75 0 0 1 .75-.75Z" />
          </svg>
          {state.step === "reading" ? "Reading…" : "Import CSV"}
        </label>
        <Button type="button" variant="ghost" onClick={() => downloadCsvTemplate(method)}>
          Download CSV template
        </Button>
        {method.banks.length > 0 ? (
          <Button type="button" variant="ghost" onClick={() => downloadBanksList(method)}>
            Download banks list
          </Button>
        ) : null}
        <p className="text-xs text-slate-500">
          Header row: <code className="rounded bg-slate-100 px-1 py-0.5 text-[11px] text-slate-700">{columns.map((column) => column.csvHeader).join(",")}</code>
        </p>
      </div>

      {state.step === "mapping" ? (
        <section aria-label="Match the file's columns" className="rounded-xl border border-brand-100 bg-brand-50/40 p-4">
          <h3 className="text-sm font-semibold text-slate-900">Match the columns of {state.fileName}</h3>
          <p className="mt-1 text-sm text-slate-600">
            Its header is not the API&apos;s field names. Choose which of its {count(state.table.headers.length)} columns holds each field; {count(state.table.records.length)} rows will be
            imported. Your choice is remembered for the next {method.label} file.
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
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setState({ step: "idle" });
                onNotice({ tone: "info", text: `Import of ${state.fileName} cancelled; nothing changed.` });
                fileRef.current?.focus();
              }}
            >
              Cancel import
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
