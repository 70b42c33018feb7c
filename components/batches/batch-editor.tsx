"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { cancelBatchAction, saveDraftAction, submitForApprovalAction } from "@/app/actions/batches";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { RowError } from "@/lib/db/schema/transactions";
import { transactionErrors } from "@/lib/batches/check-transaction";
import type { DraftTransactionInput } from "@/lib/batches/schemas";
import { formatAmount, sumAmounts } from "@/lib/money";
import type { MethodForForm } from "@/lib/methods/schemas";
import { batchHeaderSchema, buildTransactionSchema, MAX_TRANSACTIONS_PER_BATCH, type TransactionInput } from "@/lib/methods/transaction-schema";
import { CsvImport, type ImportSummary } from "./csv-import";
import { emptyInput, fromLocalDateTime, isBlankRow, makeRow, toLocalDateTime, withValue, type EditorRow } from "./editor-rows";
import { TransactionsEditor, type RowTab } from "./transactions-editor";

export type DraftForClient = {
  id: string;
  version: number;
  description: string;
  /** ISO instant (UTC). */
  scheduledAt: string | null;
  rows: Array<{ input: TransactionInput; errors: RowError[] | null }>;
};

type HeaderForm = { description: string; scheduledAt: string };
type Notice = { tone: "success" | "error" | "info"; text: string };

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The batch form: header (react-hook-form with the shared header schema), the transactions
 * editor (each row checked with the method's transaction schema as it is typed), CSV import,
 * and Save draft / Submit for approval / Cancel batch.
 */
export function BatchEditor({ method, draft, methodField }: { method: MethodForForm; draft?: DraftForClient; methodField: ReactNode }) {
  const router = useRouter();
  const schema = useMemo(() => buildTransactionSchema(method), [method]);
  const [batch, setBatch] = useState(draft ? { id: draft.id, version: draft.version } : null);
  const [rows, setRows] = useState<EditorRow[]>(() =>
    draft && draft.rows.length > 0
      ? draft.rows.map((row) => makeRow(row.input, row.errors ?? [], method.currency, { touched: true }))
      : [makeRow(emptyInput(method.fields), transactionErrors(schema, emptyInput(method.fields)), method.currency)],
  );
  const [tab, setTab] = useState<RowTab>("all");
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<null | "save" | "submit" | "cancel">(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);

  // The header uses the same schema as the server; "Scheduled at" is typed in local time and checked as UTC.
  const resolver = useMemo<Resolver<HeaderForm>>(() => {
    const check = zodResolver(batchHeaderSchema);
    return async (values, context, options) => {
      const result = await check(
        { methodName: method.name, description: values.description, scheduledAt: fromLocalDateTime(values.scheduledAt) },
        context,
        options as never,
      );
      return Object.keys(result.errors).length > 0 ? { values: {}, errors: result.errors } : { values, errors: {} };
    };
  }, [method.name]);
  const form = useForm<HeaderForm>({ resolver, defaultValues: { description: draft?.description ?? "", scheduledAt: "" } });
  const scheduledLocal = useWatch({ control: form.control, name: "scheduledAt" });
  // Local time exists only in the browser, so the saved schedule is filled in after hydration.
  useEffect(() => {
    if (draft?.scheduledAt) form.setValue("scheduledAt", toLocalDateTime(draft.scheduledAt));
  }, [draft?.scheduledAt, form]);

  const total = useMemo(() => sumAmounts(rows.flatMap((row) => (row.amount === null ? [] : [row.amount]))), [rows]);
  const invalidCount = useMemo(() => rows.filter((row) => row.errors.length > 0).length, [rows]);

  const onChange = useCallback(
    (index: number, path: string, value: string) => {
      setRows((previous) => {
        const row = previous[index];
        if (!row) return previous;
        const input = withValue(row.input, path, value);
        const next = previous.slice();
        next[index] = { ...makeRow(input, transactionErrors(schema, input), method.currency, { touched: row.touched, csvRow: row.csvRow }), key: row.key };
        return next;
      });
    },
    [schema, method.currency],
  );
  const onBlur = useCallback((index: number) => {
    setRows((previous) => {
      const row = previous[index];
      if (!row || row.touched) return previous;
      const next = previous.slice();
      next[index] = { ...row, touched: true };
      return next;
    });
  }, []);
  const onRemove = useCallback((index: number) => setRows((previous) => previous.filter((_, i) => i !== index)), []);

  function addRow() {
    const input = emptyInput(method.fields);
    setTab("all");
    setRows((previous) => [...previous, makeRow(input, transactionErrors(schema, input), method.currency)]);
  }

  function onImported(imported: EditorRow[], summary: ImportSummary) {
    // An editor holding only blank rows is replaced; typed rows are kept and the file's rows follow them.
    setRows((previous) => [...previous.filter((row) => !isBlankRow(row)), ...imported]);
    setTab(summary.invalid > 0 ? "invalid" : "all");
    setNotice({
      tone: summary.invalid > 0 ? "info" : "success",
      text:
        `Imported ${summary.fileName}: ${count(summary.valid)} valid, ${count(summary.invalid)} invalid.` +
        (summary.invalid > 0 ? " Fix or remove the invalid rows in the Invalid tab; the valid ones are kept." : ""),
    });
  }

  /** Saves the header and the non-blank rows; returns the saved batch, or null (errors shown). */
  async function save(values: HeaderForm): Promise<{ id: string; version: number } | null> {
    const kept = rows.filter((row) => !isBlankRow(row));
    const transactions: DraftTransactionInput[] = kept.map(({ input }) => ({
      first_name: input.first_name,
      last_name: input.last_name,
      email: input.email,
      amount: input.amount,
      external_id: input.external_id ?? "",
      params: Object.fromEntries(Object.entries(input.params).map(([key, value]) => [key, value ?? ""])),
    }));
    const result = await saveDraftAction({
      methodName: method.name,
      description: values.description,
      scheduledAt: fromLocalDateTime(values.scheduledAt),
      transactions,
      ...(batch ? { batchId: batch.id, version: batch.version } : {}),
    });
    if (!result.ok) {
      for (const field of ["description", "scheduledAt"] as const) {
        const message = result.fieldErrors?.[field]?.[0];
        if (message) form.setError(field, { message });
      }
      setNotice({ tone: "error", text: result.message });
      return null;
    }
    const saved = result.data;
    // The server's verdict is the one stored; show exactly that on every row.
    const errorsByRow = new Map(saved.rowErrors.map((entry) => [entry.row, entry.errors]));
    setRows(kept.map((row, index) => ({ ...row, touched: true, errors: errorsByRow.get(index + 1) ?? [] })));
    if (!batch) window.history.replaceState(null, "", `/batches/${saved.batchId}`);
    setBatch({ id: saved.batchId, version: saved.version });
    setNotice({
      tone: saved.invalidCount > 0 ? "info" : "success",
      text: `Draft saved: ${count(saved.transactionCount)} transactions, ${formatAmount(saved.totalAmount, method.currency)}${
        saved.invalidCount > 0 ? `; ${count(saved.invalidCount)} still invalid` : ""
      }.`,
    });
    return { id: saved.batchId, version: saved.version };
  }

  const onSave = form.handleSubmit(async (values) => {
    setBusy("save");
    try {
      await save(values);
    } finally {
      setBusy(null);
    }
  });

  const onSubmitForApproval = form.handleSubmit(async (values) => {
    setBusy("submit");
    try {
      const saved = await save(values);
      if (!saved) return;
      const result = await submitForApprovalAction({ batchId: saved.id, version: saved.version });
      if (result.ok) {
        router.replace(`/batches/${saved.id}`);
        router.refresh();
        return;
      }
      for (const field of ["description", "scheduledAt"] as const) {
        const message = result.fieldErrors?.[field]?.[0];
        if (message) form.setError(field, { message });
      }
      const rowErrors = (result.details?.rowErrors ?? []) as Array<{ row: number; errors: RowError[] }>;
      if (rowErrors.length > 0) {
        const byRow = new Map(rowErrors.map((entry) => [entry.row, entry.errors]));
        setRows((previous) => previous.map((row, index) => ({ ...row, touched: true, errors: byRow.get(index + 1) ?? [] })));
        setTab("invalid");
      }
      const other = ["methodName", "transactions"].flatMap((field) => result.fieldErrors?.[field] ?? []);
      setNotice({ tone: "error", text: [result.message, ...other].join(". ") });
    } finally {
      setBusy(null);
    }
  });

  async function onCancelBatch() {
    if (!batch) return;
    setBusy("cancel");
    try {
      const result = await cancelBatchAction({ batchId: batch.id });
      if (!result.ok) {
        setNotice({ tone: "error", text: result.message });
        return;
      }
      router.refresh();
    } finally {
      setBusy(null);
      setConfirmingCancel(false);
    }
  }

  const working = busy !== null;
  const scheduledUtc = fromLocalDateTime(scheduledLocal);

  return (
    <form onSubmit={(event) => event.preventDefault()} noValidate className="space-y-6">
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-base font-semibold text-slate-900">Batch</h2>
        <div className="mt-4 grid gap-5 md:grid-cols-[minmax(0,1.1fr)_minmax(0,1.4fr)_minmax(0,1fr)]">
          {methodField}
          <TextField
            label="Description"
            hint="5 to 90 characters; Hello Clever shows it on the payout."
            error={form.formState.errors.description?.message}
            autoComplete="off"
            {...form.register("description")}
          />
          <TextField
            label="Scheduled at"
            type="datetime-local"
            hint={scheduledUtc && !form.formState.errors.scheduledAt ? `Optional. Your local time; sent as ${scheduledUtc.slice(0, 16).replace("T", " ")} UTC.` : "Optional. Your local time; leave empty to pay out once approved."}
            error={form.formState.errors.scheduledAt?.message}
            {...form.register("scheduledAt")}
          />
        </div>
      </section>

      <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Transactions editor">
        <div className="flex flex-wrap items-start justify-between gap-4 p-5 pb-4">
          <div>
            <h2 className="text-base font-semibold text-slate-900">Transactions</h2>
            <p className="mt-1 text-sm text-slate-500">
              {method.minAmount !== null && method.maxAmount !== null
                ? `Each amount between ${formatAmount(method.minAmount, method.currency)} and ${formatAmount(method.maxAmount, method.currency)}.`
                : `Amounts in ${method.currency}.`}{" "}
              Up to {count(MAX_TRANSACTIONS_PER_BATCH)} per batch.
            </p>
          </div>
          <Button type="button" variant="secondary" onClick={addRow} disabled={working || rows.length >= MAX_TRANSACTIONS_PER_BATCH}>
            <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
              <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
            </svg>
            Add row
          </Button>
        </div>
        <div className="px-5 pb-4">
          <CsvImport method={method} existingCount={rows.filter((row) => !isBlankRow(row)).length} onImported={onImported} disabled={working} />
        </div>
        <TransactionsEditor method={method} rows={rows} tab={tab} onTabChange={setTab} onChange={onChange} onBlur={onBlur} onRemove={onRemove} disabled={working} />
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-slate-50/60 px-5 py-3 text-sm" data-testid="batch-summary">
          <span className="text-slate-600">
            <span className="font-medium tabular-nums text-slate-900">{count(rows.length)}</span> {rows.length === 1 ? "transaction" : "transactions"}
            {invalidCount > 0 ? <span className="text-red-700"> · {count(invalidCount)} invalid</span> : null}
          </span>
          <span className="text-slate-600">
            Total <span className="font-semibold tabular-nums text-slate-900" data-testid="batch-total">{formatAmount(total, method.currency)}</span>
          </span>
        </div>
      </section>

      <div className="sticky bottom-0 z-20 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:-mx-8 sm:px-8">
        {notice ? (
          <p
            role={notice.tone === "error" ? "alert" : "status"}
            className={`mb-3 rounded-lg border px-3.5 py-2 text-sm ${
              notice.tone === "error" ? "border-red-200 bg-red-50 text-red-700" : notice.tone === "success" ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-brand-100 bg-brand-50 text-brand-700"
            }`}
          >
            {notice.text}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            {batch ? (
              confirmingCancel ? (
                <span className="flex items-center gap-2 text-sm text-slate-700">
                  Cancel this draft for good?
                  <Button type="button" variant="danger" onClick={() => void onCancelBatch()} disabled={working}>
                    {busy === "cancel" ? "Cancelling…" : "Yes, cancel batch"}
                  </Button>
                  <Button type="button" variant="ghost" onClick={() => setConfirmingCancel(false)} disabled={working}>
                    Keep editing
                  </Button>
                </span>
              ) : (
                <Button type="button" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => setConfirmingCancel(true)} disabled={working}>
                  Cancel batch
                </Button>
              )
            ) : null}
          </div>
          <div className="flex items-center gap-2">
            <Button type="button" variant="secondary" onClick={() => void onSave()} disabled={working}>
              {busy === "save" ? "Saving…" : "Save draft"}
            </Button>
            <Button type="button" onClick={() => void onSubmitForApproval()} disabled={working}>
              {busy === "submit" ? "Submitting…" : "Submit for approval"}
            </Button>
          </div>
        </div>
      </div>
    </form>
  );
}
