import { z } from "zod";
import { PARAM_KEY_PATTERN } from "@/lib/methods/schemas";
import { batchHeaderSchema, MAX_TRANSACTIONS_PER_BATCH, TRANSACTION_FIXED_FIELDS, type TransactionInput } from "@/lib/methods/transaction-schema";

// Client-safe (zod, and the method schemas, which are client-safe too): the editor builds these
// payloads and the server actions parse them again, because every action is a public endpoint.

// A draft may hold rows that do not validate yet, so a row here is only bounded text; the
// method's transaction schema judges it on the server (save marks it, submit refuses it).
const cell = z.string().max(1000, "At most 1,000 characters");

/** One transaction as the editor holds it: every value as typed. */
export const draftTransactionSchema = z.object({
  first_name: cell,
  last_name: cell,
  email: cell,
  amount: cell,
  external_id: cell.optional(),
  params: z.record(z.string().regex(PARAM_KEY_PATTERN), cell),
});
export type DraftTransactionInput = z.infer<typeof draftTransactionSchema>;

/**
 * The rows of a draft as they travel from the editor: one JSON text of columns and rows of cells
 * (`{"columns":["first_name",…,"params.bank_code"],"rows":[["Juan",…],…]}`), about half the size
 * of one object per row, and one string for the action's transport to carry instead of 100,000
 * values. Decoded (and bounded) on the server by `saveDraftSchema`.
 */
export type DraftRowsPayload = { columns: string[]; rows: string[][] };

const FIXED_COLUMNS: ReadonlySet<string> = new Set(TRANSACTION_FIXED_FIELDS.map((field) => field.key));
const MAX_CELL = 1000;
/** The largest rows text accepted (10,000 rows of long cells); the transport refuses 8 MB bodies anyway. */
export const MAX_DRAFT_ROWS_CHARS = 7_500_000;

/** Rows as the editor holds them → the compact payload text. */
export function encodeDraftRows(paramKeys: readonly string[], inputs: readonly TransactionInput[]): string {
  const columns = [...TRANSACTION_FIXED_FIELDS.map((field) => field.key), ...paramKeys.map((key) => `params.${key}`)];
  const rows = inputs.map((input) => [
    input.first_name,
    input.last_name,
    input.email,
    input.amount,
    input.external_id ?? "",
    ...paramKeys.map((key) => input.params[key] ?? ""),
  ]);
  return JSON.stringify({ columns, rows } satisfies DraftRowsPayload);
}

/** The payload text → one input per row; a message naming what is wrong otherwise. */
export function decodeDraftRows(text: string): { ok: true; transactions: DraftTransactionInput[] } | { ok: false; message: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { ok: false, message: "The rows could not be read (not JSON)" };
  }
  const { columns, rows } = (payload ?? {}) as Partial<DraftRowsPayload>;
  if (!Array.isArray(columns) || !Array.isArray(rows)) return { ok: false, message: "The rows need columns and rows" };
  for (const column of columns) {
    const param = typeof column === "string" && column.startsWith("params.") ? column.slice("params.".length) : null;
    if (typeof column !== "string" || (!FIXED_COLUMNS.has(column) && (param === null || !PARAM_KEY_PATTERN.test(param)))) {
      return { ok: false, message: `Unknown column ${JSON.stringify(column)}` };
    }
  }
  if (new Set(columns).size !== columns.length) return { ok: false, message: "A column is named twice" };
  if (rows.length > MAX_TRANSACTIONS_PER_BATCH) return { ok: false, message: `At most ${MAX_TRANSACTIONS_PER_BATCH.toLocaleString("en-US")} transactions per batch` };
  const transactions: DraftTransactionInput[] = [];
  for (const [index, cells] of rows.entries()) {
    const where = `Row ${(index + 1).toLocaleString("en-US")}`;
    if (!Array.isArray(cells) || cells.length !== columns.length) return { ok: false, message: `${where} has ${Array.isArray(cells) ? cells.length : 0} cells; expected ${columns.length}` };
    const row: DraftTransactionInput = { first_name: "", last_name: "", email: "", amount: "", external_id: "", params: {} };
    for (const [at, column] of columns.entries()) {
      const cell: unknown = cells[at];
      if (typeof cell !== "string") return { ok: false, message: `${where}, ${column}: must be text` };
      if (cell.length > MAX_CELL) return { ok: false, message: `${where}, ${column}: at most 1,000 characters` };
      if (column.startsWith("params.")) row.params[column.slice("params.".length)] = cell;
      else row[column as "first_name" | "last_name" | "email" | "amount" | "external_id"] = cell;
    }
    transactions.push(row);
  }
  return { ok: true, transactions };
}

/** "Save draft": the header (validated as for submission) and the rows as typed. A new draft has no batchId. */
export const saveDraftSchema = batchHeaderSchema
  .extend({
    batchId: z.uuid().optional(),
    // The version the editor loaded, so a save over a newer edit (another tab) is refused.
    version: z.number().int().min(1).optional(),
    rows: z.string().max(MAX_DRAFT_ROWS_CHARS, "The batch is too large to send in one save; split it"),
  })
  .refine((input) => (input.batchId === undefined) === (input.version === undefined), {
    path: ["version"],
    error: "A saved draft needs its version",
  })
  .transform(({ rows, ...input }, ctx) => {
    const decoded = decodeDraftRows(rows);
    if (!decoded.ok) {
      ctx.addIssue({ code: "custom", path: ["transactions"], message: decoded.message });
      return z.NEVER;
    }
    return { ...input, transactions: decoded.transactions };
  });
export type SaveDraftInput = z.input<typeof saveDraftSchema>;
export type SaveDraftData = z.output<typeof saveDraftSchema>;

/** "Submit for approval" of a saved draft, at the version the person saw. */
export const submitForApprovalSchema = z.object({ batchId: z.uuid(), version: z.number().int().min(1) });
export type SubmitForApprovalInput = z.infer<typeof submitForApprovalSchema>;

/** "Cancel batch" (drafts only). */
export const cancelBatchSchema = z.object({ batchId: z.uuid() });
export type CancelBatchInput = z.infer<typeof cancelBatchSchema>;

/** A stored draft row as the editor reopens it: what was typed, and the errors it was saved with. */
export type StoredDraftRow = { input: TransactionInput; errors: Array<{ field: string; message: string }> | null };

/** Reads `getBatchForEditor`'s rows text: `[[first, last, email, amount, external_id, params, errors], …]`. */
export function parseDraftRowsText(text: string): StoredDraftRow[] {
  const rows = JSON.parse(text) as Array<[string, string, string, string, string, Record<string, string>, StoredDraftRow["errors"]]>;
  return rows.map(([first_name, last_name, email, amount, external_id, params, errors]) => ({
    input: { first_name, last_name, email, amount, external_id, params },
    errors,
  }));
}
