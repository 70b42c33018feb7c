"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { cancelBatchAction } from "@/lib/actions/cancel-batch";
import { saveDraftAction } from "@/lib/actions/save-draft";
import { submitForApprovalAction } from "@/lib/actions/submit-for-approval";
import { Button } from "@/components/ui/button";
import { useTimeZone } from "@/components/ui/time-zone";
import { TextField } from "@/components/ui/text-field";
import type { RowError } from "@/lib/db/schema/transactions";
import { transactionErrors } from "@/lib/batches/check-transaction";
import { encodeDraftRows, MAX_DRAFT_ROWS_CHARS, parseDraftRowsText } from "@/lib/batches/schemas";
import { nameFix } from "@/lib/batches/transliterate";
import { utcToWallTime, wallTimeToUtc } from "@/lib/format/instant";
import { formatAmount, sumAmounts } from "@/lib/money";
import type { MethodForForm } from "@/lib/methods/schemas";
import { batchHeaderSchema, buildTransactionSchema, MAX_TRANSACTIONS_PER_BATCH, type TransactionInput } from "@/lib/methods/transaction-schema";
import { payeeRowInput, type PayeeForEditor } from "@/lib/payees/payee-row";
import { CsvImport, type ImportNotice, type ImportSummary } from "./csv-import";
import { emptyInput, findDuplicateRows, isBlankRow, makeRow, withValue, type EditorRow, type RowWarning } from "./editor-rows";
import { clearLocalDraft, localDraftKey, readLocalDraft, writeLocalDraft, type LocalDraft } from "./local-draft";
import { PayeePicker, type PayeePickerTarget } from "./payee-picker";
import { RestoreUnsavedRows } from "./restore-unsaved-rows";
import { TransactionsEditor, type RowTab } from "./transactions-editor";

export type DraftForClient = {
  id: string;
  version: number;
  description: string;
  /** ISO instant (UTC). */
  scheduledAt: string | null;
  /** The stored rows as one JSON text (`getBatchForEditor`), parsed here: one string crosses from the server, not 10,000 objects. */
  rowsText: string;
};

type HeaderForm = { description: string; scheduledAt: string };
/** One message at a time in the editor's one status region; `source` lets a fixed import clear its banner. */
type Notice = { tone: "success" | "error" | "info"; text: string; source?: "import" };
type PendingImport = { rows: EditorRow[]; summary: ImportSummary };
type NameFix = { index: number; path: "first_name" | "last_name"; from: string; to: string };

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The batch form: header (react-hook-form with the shared header schema), the transactions
 * editor (each row checked with the method's transaction schema as it is typed), CSV import,
 * and Save draft / Submit for approval / Cancel batch.
 */
type Props = {
  method: MethodForForm;
  draft?: DraftForClient;
  methodField?: ReactNode;
  /** Rows to start with (a method change that kept the shared fields, or restored unsaved work). */
  initialRows?: TransactionInput[];
  initialDescription?: string;
  /** What the editor says first about `initialRows` (by default: that they were kept). */
  initialNotice?: string;
  /** Called after the first save of a new batch (the page's heading becomes "Edit draft"). */
  onSaved?: (batchId: string) => void;
  /** Lets the page read the rows typed so far (the method picker, before it clears them). */
  reportRows?: (read: () => TransactionInput[]) => void;
};

export function BatchEditor({ method, draft, methodField, initialRows, initialDescription, initialNotice, onSaved, reportRows }: Props) {
  const router = useRouter();
  // "Scheduled at" is typed and shown in the viewer's zone (the user menu's choice, else the browser's).
  const { zone } = useTimeZone();
  const scheduledUtcOf = useCallback((local: string) => wallTimeToUtc(local, zone), [zone]);
  const schema = useMemo(() => buildTransactionSchema(method), [method]);
  const [batch, setBatch] = useState(draft ? { id: draft.id, version: draft.version } : null);
  const [rows, setRows] = useState<EditorRow[]>(() => {
    if (initialRows && initialRows.length > 0) return initialRows.map((input) => makeRow(input, transactionErrors(schema, input), method.currency, { touched: true }));
    const stored = draft ? parseDraftRowsText(draft.rowsText) : [];
    if (stored.length > 0) return stored.map((row) => makeRow(row.input, row.errors ?? [], method.currency, { touched: true }));
    return [makeRow(emptyInput(method.fields), transactionErrors(schema, emptyInput(method.fields)), method.currency)];
  });
  const [tab, setTabState] = useState<RowTab>("all");
  // Rows edited in the Valid or Invalid view stay in it until the view changes.
  const [pinned, setPinned] = useState<ReadonlySet<number>>(() => new Set());
  const tabRef = useRef<RowTab>("all");
  const setTab = useCallback((next: RowTab) => {
    tabRef.current = next;
    setTabState(next);
    setPinned(new Set());
  }, []);
  const [notice, setNotice] = useState<Notice | null>(initialRows && initialRows.length > 0 ? { tone: "info", text: initialNotice ?? `${count(initialRows.length)} rows kept. Check them and save.` } : null);
  const [busy, setBusy] = useState<null | "save" | "submit" | "cancel">(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);
  const [keepDuplicates, setKeepDuplicates] = useState(false);
  const [previewNames, setPreviewNames] = useState(false);
  const [picking, setPicking] = useState<PayeePickerTarget | null>(null);
  // Unsaved changes since the last load or save: guarded on leaving, kept in this browser meanwhile.
  const [dirty, setDirty] = useState(Boolean(initialRows && initialRows.length > 0));
  const storageKey = localDraftKey(batch?.id ?? null);
  const [restorable, setRestorable] = useState<LocalDraft | null>(null);
  const importChoiceRef = useRef<HTMLDivElement>(null);
  const importFocusRef = useRef<HTMLDivElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);

  // The header uses the same schema as the server; "Scheduled at" is typed in local time and checked as UTC.
  const resolver = useMemo<Resolver<HeaderForm>>(() => {
    const check = zodResolver(batchHeaderSchema);
    return async (values, context, options) => {
      const result = await check(
        { methodName: method.name, description: values.description, scheduledAt: scheduledUtcOf(values.scheduledAt) },
        context,
        options as never,
      );
      return Object.keys(result.errors).length > 0 ? { values: {}, errors: result.errors } : { values, errors: {} };
    };
  }, [method.name, scheduledUtcOf]);
  const form = useForm<HeaderForm>({ resolver, defaultValues: { description: initialDescription ?? draft?.description ?? "", scheduledAt: "" } });
  const scheduledLocal = useWatch({ control: form.control, name: "scheduledAt" });
  // Local time exists only in the browser, so the saved schedule is filled in after hydration.
  useEffect(() => {
    if (draft?.scheduledAt) form.setValue("scheduledAt", utcToWallTime(draft.scheduledAt, zone));
  }, [draft?.scheduledAt, form, zone]);

  const total = useMemo(() => sumAmounts(rows.flatMap((row) => (row.amount === null ? [] : [row.amount]))), [rows]);
  const invalidCount = useMemo(() => rows.filter((row) => row.errors.length > 0).length, [rows]);
  // Repeats of this method's recent batches, as the last save found them (by row key).
  const [earlier, setEarlier] = useState<ReadonlyMap<number, RowWarning>>(() => new Map());
  const duplicates = useMemo(() => {
    const within = findDuplicateRows(rows);
    if (earlier.size === 0) return within;
    const merged = new Map(earlier);
    for (const [key, warning] of within) merged.set(key, warning);
    return merged;
  }, [rows, earlier]);
  const nameFixes = useMemo(() => {
    const fixes: NameFix[] = [];
    rows.forEach((row, index) => {
      for (const path of ["first_name", "last_name"] as const) {
        const to = nameFix(row.input[path]);
        if (to !== null) fixes.push({ index, path, from: row.input[path], to });
      }
    });
    return fixes;
  }, [rows]);

  useEffect(() => {
    reportRows?.(() => rows.filter((row) => !isBlankRow(row)).map((row) => row.input));
  }, [rows, reportRows]);

  // The import banner ("45 valid, 5 invalid") goes once every row is fixed.
  const shownNotice: Notice | null =
    notice?.source === "import" && notice.tone === "info" && invalidCount === 0 ? { tone: "success", text: `Every row is valid now (${count(rows.length)} transactions).` } : notice;

  // Unsaved work from an earlier visit (this browser only): offered, never applied unasked.
  useEffect(() => {
    // A new batch's unsaved rows are offered by the page, before a method is chosen.
    if (!draft) return;
    const stored = readLocalDraft(localDraftKey(draft.id));
    if (!stored || stored.methodName !== method.name || stored.rows.length === 0) return;
    if (stored.version !== draft.version) return;
    if (initialRows && initialRows.length > 0) return;
    // localStorage exists only in the browser, after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRestorable(stored);
    // Read once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // While there are unsaved changes: autosave to this browser (debounced) and ask before leaving.
  // Not while a save or submit is on its way: writing 10,000 rows takes the main thread for a
  // third of a second, and a failed save arms the autosave again (still dirty, no longer busy).
  const latest = useRef({ rows, version: batch?.version, form });
  useEffect(() => {
    latest.current = { rows, version: batch?.version, form };
  });
  useEffect(() => {
    if (!dirty || busy !== null) return;
    const timer = window.setTimeout(() => {
      const { rows: current, form: headerForm, version } = latest.current;
      const kept = current.filter((row) => !isBlankRow(row)).map((row) => row.input);
      if (kept.length === 0) return;
      writeLocalDraft(storageKey, {
        methodName: method.name,
        version,
        description: headerForm.getValues("description"),
        scheduledAt: headerForm.getValues("scheduledAt"),
        rows: kept,
        savedAt: Date.now(),
      });
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [dirty, busy, rows, storageKey, method.name]);
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    // In-app links (the sidebar, "All batches") navigate without unloading: ask on the click.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.hash !== "")) return;
      const kept = latest.current.rows.filter((row) => !isBlankRow(row)).length;
      if (!window.confirm(`Leave this page? ${count(kept)} unsaved ${kept === 1 ? "row is" : "rows are"} kept in this browser only until you come back and save.`)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  const onChange = useCallback(
    (index: number, path: string, value: string) => {
      setDirty(true);
      setRows((previous) => {
        const row = previous[index];
        if (!row) return previous;
        const input = withValue(row.input, path, value);
        const next = previous.slice();
        next[index] = { ...makeRow(input, transactionErrors(schema, input), method.currency, { touched: row.touched, csvRow: row.csvRow }), key: row.key };
        if (tabRef.current !== "all") setPinned((keys) => (keys.has(row.key) ? keys : new Set(keys).add(row.key)));
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
  const onRemove = useCallback((index: number) => {
    setDirty(true);
    setRows((previous) => previous.filter((_, i) => i !== index));
  }, []);

  function addRow() {
    const input = emptyInput(method.fields);
    setTab("all");
    setDirty(true);
    setRows((previous) => [...previous, makeRow(input, transactionErrors(schema, input), method.currency)]);
  }

  const keptCount = rows.filter((row) => !isBlankRow(row)).length;

  const onPickPayee = useCallback((index: number) => setPicking({ kind: "row", index }), []);
  /** A picked payee fills its row (amount and external id kept); "Add payees" appends a row each. */
  function applyPayees(target: PayeePickerTarget, picked: PayeeForEditor[]) {
    const fieldKeys = method.fields.map((field) => field.key);
    const rowFor = (input: TransactionInput, key?: number) => ({ ...makeRow(input, transactionErrors(schema, input), method.currency, { touched: true }), ...(key === undefined ? {} : { key }) });
    setRows((previous) => {
      if (target.kind === "row") {
        const row = previous[target.index];
        if (!row || !picked[0]) return previous;
        const next = previous.slice();
        next[target.index] = rowFor(payeeRowInput(picked[0], fieldKeys, { amount: row.input.amount, external_id: row.input.external_id }), row.key);
        return next;
      }
      const added = picked.map((payee) => rowFor(payeeRowInput(payee, fieldKeys)));
      return [...previous.filter((row) => !isBlankRow(row)), ...added].slice(0, MAX_TRANSACTIONS_PER_BATCH);
    });
    if (target.kind === "bulk") setTab("all");
    setDirty(true);
    setPicking(null);
    setNotice({
      tone: "info",
      text:
        target.kind === "row"
          ? `Row ${count(target.index + 1)} now pays ${picked[0]?.name}. Enter the amount.`
          : `Added ${count(picked.length)} ${picked.length === 1 ? "row" : "rows"} for ${picked.map((payee) => payee.name).join(", ")}. Enter the amounts.`,
    });
  }

  function applyImport(imported: EditorRow[], summary: ImportSummary, how: "replace" | "append") {
    setRows((previous) => (how === "replace" ? imported : [...previous.filter((row) => !isBlankRow(row)), ...imported]));
    setDirty(true);
    setKeepDuplicates(false);
    setTab(summary.invalid > 0 ? "invalid" : "all");
    setNotice({
      tone: summary.invalid > 0 ? "info" : "success",
      source: "import",
      text:
        `Imported ${summary.fileName}: ${count(summary.valid)} valid, ${count(summary.invalid)} invalid.` +
        (how === "append" ? ` Added after the ${count(keptCount)} rows already here.` : "") +
        (summary.invalid > 0 ? " Fix or remove the invalid rows in the Invalid tab; the valid ones are kept." : ""),
    });
  }

  function onImported(imported: EditorRow[], summary: ImportSummary) {
    // An editor holding only blank rows takes the file as it is; otherwise the person chooses.
    if (keptCount === 0) {
      applyImport(imported, summary, "replace");
      return;
    }
    setPendingImport({ rows: imported, summary });
    setNotice({ tone: "info", text: `${summary.fileName} is read (${count(imported.length)} rows). Replace the ${count(keptCount)} rows here, or append?` });
  }
  useEffect(() => {
    if (pendingImport) importChoiceRef.current?.querySelector("button")?.focus();
  }, [pendingImport]);

  function chooseImport(how: "replace" | "append" | "cancel") {
    const pending = pendingImport;
    setPendingImport(null);
    if (pending && how !== "cancel") applyImport(pending.rows, pending.summary, how);
    else if (pending) setNotice({ tone: "info", text: `Import of ${pending.summary.fileName} cancelled; the ${count(keptCount)} rows here are unchanged.` });
    // Back to where the import started, never to <body>.
    importFocusRef.current?.querySelector<HTMLInputElement>('input[type="file"]')?.focus();
  }

  function onImportNotice(next: ImportNotice) {
    setNotice({ tone: next.tone, text: next.text });
  }

  function applyNameFixes() {
    const fixes = nameFixes;
    setRows((previous) => {
      const next = previous.slice();
      for (const fix of fixes) {
        const row = next[fix.index];
        if (!row) continue;
        const input = withValue(row.input, fix.path, fix.to);
        next[fix.index] = { ...makeRow(input, transactionErrors(schema, input), method.currency, { touched: row.touched, csvRow: row.csvRow }), key: row.key };
      }
      return next;
    });
    if (tabRef.current !== "all") setPinned((keys) => new Set([...keys, ...fixes.map((fix) => rows[fix.index]!.key)]));
    setDirty(true);
    setPreviewNames(false);
    setNotice({ tone: "success", text: `${count(fixes.length)} ${fixes.length === 1 ? "name" : "names"} spelled with the allowed letters.` });
  }

  function restoreLocal(stored: LocalDraft) {
    setRows(stored.rows.map((input) => makeRow(input, transactionErrors(schema, input), method.currency, { touched: true })));
    form.setValue("description", stored.description);
    form.setValue("scheduledAt", stored.scheduledAt);
    setRestorable(null);
    setDirty(true);
    setTab("all");
    setNotice({ tone: "info", text: `Restored ${count(stored.rows.length)} unsaved rows. Save the draft to keep them.` });
  }

  /** Saves the header and the non-blank rows; returns the saved batch, or null (errors shown). */
  async function save(values: HeaderForm): Promise<{ id: string; version: number } | null> {
    const kept = rows.filter((row) => !isBlankRow(row));
    // One compact text for all rows (columns + cells), not 10,000 objects through the action's transport.
    const payload = encodeDraftRows(
      method.fields.map((field) => field.key),
      kept.map((row) => row.input),
    );
    if (payload.length > MAX_DRAFT_ROWS_CHARS) {
      setNotice({ tone: "error", text: `Not saved: the rows come to ${(payload.length / 1e6).toFixed(1)} MB, more than one save can carry (${(MAX_DRAFT_ROWS_CHARS / 1e6).toFixed(1)} MB). Shorten long values or split the batch.` });
      return null;
    }
    let result: Awaited<ReturnType<typeof saveDraftAction>>;
    try {
      result = await saveDraftAction({
        methodName: method.name,
        description: values.description,
        scheduledAt: scheduledUtcOf(values.scheduledAt),
        rows: payload,
        ...(batch ? { batchId: batch.id, version: batch.version } : {}),
      });
    } catch (error) {
      // The transport itself failed (connection lost, body over the server's limit, server down).
      const detail = error instanceof Error && /body exceeded|size limit|413/i.test(error.message) ? "the batch is larger than the server accepts in one save; split it" : "the server could not be reached; your rows are still here (and kept in this browser), try again";
      setNotice({ tone: "error", text: `Not saved: ${detail}.` });
      return null;
    }
    if (!result.ok) {
      for (const field of ["description", "scheduledAt"] as const) {
        const message = result.fieldErrors?.[field]?.[0];
        if (message) form.setError(field, { message });
      }
      const other = ["methodName", "transactions", "rows", "version"].flatMap((field) => result.fieldErrors?.[field] ?? []);
      setNotice({ tone: "error", text: `Not saved: ${[result.message, ...other].join(". ")}` });
      return null;
    }
    const saved = result.data;
    // The server's verdict is the one stored; show exactly that on every row.
    const errorsByRow = new Map(saved.rowErrors.map((entry) => [entry.row, entry.errors]));
    setRows(
      kept.map((row, index) => {
        const errors = errorsByRow.get(index + 1) ?? [];
        // Unchanged rows keep their object, so a 10,000-row save re-renders nothing it need not.
        return row.touched && JSON.stringify(row.errors) === JSON.stringify(errors) ? row : { ...row, touched: true, errors };
      }),
    );
    if (!batch) {
      window.history.replaceState(null, "", `/batches/${saved.batchId}`);
      clearLocalDraft(localDraftKey(null));
      onSaved?.(saved.batchId);
    }
    clearLocalDraft(localDraftKey(saved.batchId));
    setEarlier(
      new Map(
        saved.earlierDuplicates.flatMap((match) => {
          const row = kept[match.row - 1];
          const what = match.reason === "external_id" ? "external id" : "account and amount";
          return row ? [[row.key, { text: `Same ${what} as a transaction of a batch from the last 30 days`, href: `/batches/${match.batchId}` }] as const] : [];
        }),
      ),
    );
    setDirty(false);
    setBatch({ id: saved.batchId, version: saved.version });
    const repeats = saved.earlierDuplicates.length;
    setNotice({
      tone: saved.invalidCount > 0 || repeats > 0 ? "info" : "success",
      text: `Draft saved: ${count(saved.transactionCount)} transactions, ${formatAmount(saved.totalAmount, method.currency)}${
        saved.invalidCount > 0 ? `; ${count(saved.invalidCount)} still invalid` : ""
      }.${repeats > 0 ? ` ${count(repeats)} ${repeats === 1 ? "row repeats" : "rows repeat"} a recent batch (see the warnings).` : ""}`,
    });
    return { id: saved.batchId, version: saved.version };
  }

  const headerProblems = (errors: Partial<Record<keyof HeaderForm, { message?: string }>>) =>
    (["description", "scheduledAt"] as const).flatMap((field) => (errors[field]?.message ? [`${field === "description" ? "Description" : "Scheduled at"}: ${errors[field]!.message}`] : [])).join("; ");

  const onSave = form.handleSubmit(
    async (values) => {
      setBusy("save");
      try {
        await save(values);
      } finally {
        setBusy(null);
      }
    },
    (errors) => setNotice({ tone: "error", text: `Not saved: ${headerProblems(errors)}.` }),
  );

  const onSubmitForApproval = form.handleSubmit(
    async (values) => {
    if (duplicates.size > 0 && !keepDuplicates) {
      setNotice({ tone: "error", text: `Not submitted: ${count(duplicates.size)} rows look like duplicates. Remove them, or tick "Keep the flagged duplicates" to send them deliberately.` });
      return;
    }
    setBusy("submit");
    try {
      // Nothing changed since the last save or load: submit what is stored, without sending it again.
      const saved = !dirty && batch ? batch : await save(values);
      if (!saved) return;
      const result = await submitForApprovalAction({ batchId: saved.id, version: saved.version });
      // The page at this URL (save() put the batch's id in it) now renders the pending batch: a
      // successful action refreshes the current route by itself, so a navigation here would
      // render the 10,000-row page two more times.
      if (result.ok) return;
      const headerErrors = { ...result.fieldErrors, ...((result.details?.headerErrors ?? {}) as Record<string, string[] | undefined>) };
      for (const field of ["description", "scheduledAt"] as const) {
        const message = headerErrors[field]?.[0];
        if (message) form.setError(field, { message });
      }
      const rowErrors = (result.details?.rowErrors ?? []) as Array<{ row: number; errors: RowError[] }>;
      if (rowErrors.length > 0) {
        const byRow = new Map(rowErrors.map((entry) => [entry.row, entry.errors]));
        setRows((previous) => previous.map((row, index) => ({ ...row, touched: true, errors: byRow.get(index + 1) ?? [] })));
        setTab("invalid");
      }
      setNotice({ tone: "error", text: `Not submitted: ${result.message}` });
    } finally {
      setBusy(null);
    }
    },
    (errors) => setNotice({ tone: "error", text: `Not submitted: ${headerProblems(errors)}.` }),
  );

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
  const scheduledUtc = scheduledUtcOf(scheduledLocal);

  const noticeClasses =
    shownNotice === null
      ? "sr-only"
      : `mb-3 rounded-lg border px-3.5 py-2 text-sm ${
          shownNotice.tone === "error" ? "border-red-200 bg-red-50 text-red-700" : shownNotice.tone === "success" ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-brand-100 bg-brand-50 text-brand-700"
        }`;
  const appendTotal = pendingImport ? keptCount + pendingImport.rows.length : 0;

  return (
    <form onSubmit={(event) => event.preventDefault()} noValidate className="space-y-6">
      <a
        href="#batch-actions"
        className="sr-only rounded-lg bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:z-30 focus:ring-2 focus:ring-brand-600"
        onClick={(event) => {
          event.preventDefault();
          actionsRef.current?.focus();
          actionsRef.current?.scrollIntoView({ block: "nearest" });
        }}
      >
        Skip to Save and Submit
      </a>
      {restorable ? (
        <RestoreUnsavedRows
          stored={restorable}
          onRestore={() => restoreLocal(restorable)}
          onDiscard={() => {
            clearLocalDraft(storageKey);
            setRestorable(null);
          }}
        />
      ) : null}
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-base font-semibold text-slate-900">Batch</h2>
        <div className={`mt-4 grid gap-5 ${methodField ? "md:grid-cols-[minmax(0,1.1fr)_minmax(0,1.4fr)_minmax(0,1fr)]" : "md:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]"}`}>
          {methodField}
          <TextField
            label="Description"
            hint="5 to 90 characters; Hello Clever shows it on the payout."
            error={form.formState.errors.description?.message}
            autoComplete="off"
            {...form.register("description", { onChange: () => setDirty(true) })}
          />
          <TextField
            label="Scheduled at"
            type="datetime-local"
            hint={scheduledUtc && !form.formState.errors.scheduledAt ? `Optional. Your time (${zone}); sent as ${scheduledUtc.slice(0, 16).replace("T", " ")} UTC.` : `Optional. Your time (${zone}); leave empty to pay out once approved.`}
            error={form.formState.errors.scheduledAt?.message}
            {...form.register("scheduledAt", { onChange: () => setDirty(true) })}
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
          <span className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => setPicking({ kind: "bulk" })} disabled={working || rows.length >= MAX_TRANSACTIONS_PER_BATCH}>
              Add payees
            </Button>
            <Button type="button" variant="secondary" id="add-row" onClick={addRow} disabled={working || rows.length >= MAX_TRANSACTIONS_PER_BATCH}>
              <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
                <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
              </svg>
              Add row
            </Button>
          </span>
        </div>
        <div className="space-y-3 px-5 pb-4" ref={importFocusRef}>
          <CsvImport method={method} onImported={onImported} onNotice={onImportNotice} disabled={working || pendingImport !== null} />
          {pendingImport ? (
            <div ref={importChoiceRef} role="group" aria-label="Import again" className="flex flex-wrap items-center gap-2 rounded-xl border border-brand-100 bg-brand-50/40 p-4 text-sm text-slate-800">
              <span className="mr-2">
                {pendingImport.summary.fileName} has {count(pendingImport.rows.length)} rows; this batch already has {count(keptCount)}.
              </span>
              <Button type="button" onClick={() => chooseImport("replace")}>
                Replace the {count(keptCount)} rows
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => chooseImport("append")}
                disabled={appendTotal > MAX_TRANSACTIONS_PER_BATCH}
                title={appendTotal > MAX_TRANSACTIONS_PER_BATCH ? `The batch would have ${count(appendTotal)} rows; at most ${count(MAX_TRANSACTIONS_PER_BATCH)}` : undefined}
              >
                Append
              </Button>
              <Button type="button" variant="ghost" onClick={() => chooseImport("cancel")}>
                Cancel
              </Button>
            </div>
          ) : null}
          {nameFixes.length > 0 ? (
            <div className="rounded-xl border border-amber-200 bg-amber-50/60 p-3 text-sm text-amber-900">
              <div className="flex flex-wrap items-center gap-2">
                <span>
                  {count(nameFixes.length)} {nameFixes.length === 1 ? "name has" : "names have"} accents or punctuation Hello Clever refuses (letters A–Z, digits and spaces only).
                </span>
                <Button type="button" variant="ghost" aria-expanded={previewNames} onClick={() => setPreviewNames((open) => !open)}>
                  {previewNames ? "Hide the changes" : "Transliterate all…"}
                </Button>
              </div>
              {previewNames ? (
                <div className="mt-2">
                  <ul className="max-h-40 list-none space-y-0.5 overflow-auto" aria-label="Names to transliterate">
                    {nameFixes.slice(0, 200).map((fix) => (
                      <li key={`${fix.index}-${fix.path}`}>
                        Row {count(fix.index + 1)}: {fix.from} → <span className="font-medium">{fix.to}</span>
                      </li>
                    ))}
                    {nameFixes.length > 200 ? <li>…and {count(nameFixes.length - 200)} more</li> : null}
                  </ul>
                  <Button type="button" className="mt-2" onClick={applyNameFixes}>
                    Apply to {count(nameFixes.length)} {nameFixes.length === 1 ? "name" : "names"}
                  </Button>
                </div>
              ) : null}
            </div>
          ) : null}
        </div>
        <TransactionsEditor
          method={method}
          rows={rows}
          tab={tab}
          onTabChange={setTab}
          onChange={onChange}
          onBlur={onBlur}
          onRemove={onRemove}
          onPickPayee={onPickPayee}
          pinned={pinned}
          warnings={duplicates}
          onEmptied={() => document.getElementById("add-row")?.focus()}
          disabled={working}
        />
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-slate-50/60 px-5 py-3 text-sm" data-testid="batch-summary">
          <span className="text-slate-600">
            <span className="font-medium tabular-nums text-slate-900">{count(rows.length)}</span> {rows.length === 1 ? "transaction" : "transactions"}
            {invalidCount > 0 ? <span className="text-red-700"> · {count(invalidCount)} invalid</span> : null}
            {duplicates.size > 0 ? <span className="text-amber-800"> · {count(duplicates.size)} possible duplicates</span> : null}
          </span>
          <span className="text-slate-600">
            Total <span className="font-semibold tabular-nums text-slate-900" data-testid="batch-total">{formatAmount(total, method.currency)}</span>
          </span>
        </div>
      </section>

      <div
        id="batch-actions"
        ref={actionsRef}
        tabIndex={-1}
        aria-label="Save and submit"
        role="region"
        className="sticky bottom-0 z-20 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 outline-none backdrop-blur focus-visible:ring-2 focus-visible:ring-brand-600 sm:-mx-8 sm:px-8"
      >
        {/* One persistent live region: import, save and submit results all speak here. */}
        <p role="status" aria-live="polite" className={noticeClasses} data-testid="editor-status">
          {shownNotice?.text ?? ""}
        </p>
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
          <div className="flex flex-wrap items-center gap-2">
            {duplicates.size > 0 ? (
              <label className="mr-2 flex items-center gap-2 text-sm text-amber-900">
                <input type="checkbox" checked={keepDuplicates} onChange={(event) => setKeepDuplicates(event.target.checked)} className="size-4 rounded border-slate-300" />
                Keep the flagged duplicates
              </label>
            ) : null}
            {dirty ? <span className="text-xs text-slate-500">Unsaved changes</span> : null}
            {/* Never disabled while focused (focus would fall to <body>): a click while busy is ignored. */}
            <Button type="button" variant="secondary" onClick={() => !working && void onSave()} aria-disabled={working || undefined}>
              {busy === "save" ? "Saving…" : "Save draft"}
            </Button>
            <Button type="button" onClick={() => !working && void onSubmitForApproval()} aria-disabled={working || undefined}>
              {busy === "submit" ? "Submitting…" : "Submit for approval"}
            </Button>
          </div>
        </div>
      </div>
      {picking ? <PayeePicker method={method} target={picking} onClose={() => setPicking(null)} onPick={(picked) => applyPayees(picking, picked)} /> : null}
    </form>
  );
}
