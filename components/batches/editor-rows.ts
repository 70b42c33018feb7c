import type { RowError } from "@/lib/db/schema/transactions";
import { parseAmount } from "@/lib/money";
import type { TransactionInput, TransactionValue } from "@/lib/methods/transaction-schema";

/** One row of the transactions editor. */
export type EditorRow = {
  /** Stable identity for React while rows are added, removed and filtered. */
  key: number;
  input: TransactionInput;
  errors: RowError[];
  /** Errors show once a row was imported, loaded, blurred or checked by a save. */
  touched: boolean;
  /** The amount as a decimal string when it reads (for the running total), else null. */
  amount: string | null;
  /** The row's line in the imported CSV file, if it came from one. */
  csvRow?: number;
};

let nextKey = 1;

export function makeRow(input: TransactionInput, errors: RowError[], currency: string, extra: { touched?: boolean; csvRow?: number } = {}): EditorRow {
  const amount = parseAmount(input.amount, currency);
  return { key: nextKey++, input, errors, touched: extra.touched ?? false, amount: amount.ok ? amount.value : null, csvRow: extra.csvRow };
}

export function emptyInput(fields: ReadonlyArray<{ key: string }>): TransactionInput {
  return { first_name: "", last_name: "", email: "", amount: "", external_id: "", params: Object.fromEntries(fields.map((field) => [field.key, ""])) };
}

/** A valid row's value back as editor input (all text). */
export function inputFromValue(value: TransactionValue, fields: ReadonlyArray<{ key: string }>): TransactionInput {
  return { ...emptyInput(fields), ...value, external_id: value.external_id ?? "", params: { ...emptyInput(fields).params, ...value.params } };
}

/** A row nobody typed anything into; saving skips it, as the CSV reader skips blank lines. */
export function isBlankRow(row: EditorRow): boolean {
  const { params, ...fixed } = row.input;
  return [...Object.values(fixed), ...Object.values(params)].every((value) => (value ?? "").trim() === "");
}

/** Read a form path ("amount", "params.bank_code") of a row's input. */
export function valueAt(input: TransactionInput, path: string): string {
  if (path.startsWith("params.")) return input.params[path.slice("params.".length)] ?? "";
  return (input[path as Exclude<keyof TransactionInput, "params">] as string | undefined) ?? "";
}

/** A copy of the input with the form path set. */
export function withValue(input: TransactionInput, path: string, value: string): TransactionInput {
  if (path.startsWith("params.")) return { ...input, params: { ...input.params, [path.slice("params.".length)]: value } };
  return { ...input, [path]: value };
}

/** Why a row looks like another one of the batch (or of an earlier batch), shown as a warning. */
export type RowWarning = { text: string; href?: string };

/**
 * Rows that repeat another row of the batch: the same payee account and amount, or the same
 * external id. Each gets a warning naming the earlier (or later) row it repeats. A repeat can be
 * meant (two payments to one person), so it is flagged, never dropped.
 */
export function findDuplicateRows(rows: readonly EditorRow[]): Map<number, RowWarning> {
  const firstByKey = new Map<string, number>();
  const warnings = new Map<number, RowWarning>();
  const flag = (index: number, other: number, what: string) => {
    if (!warnings.has(rows[index]!.key)) warnings.set(rows[index]!.key, { text: `Same ${what} as row ${(other + 1).toLocaleString("en-US")}` });
  };
  rows.forEach((row, index) => {
    const keys: Array<[string, string]> = [];
    const account = (row.input.params.account_number ?? "").trim();
    if (account !== "" && row.amount !== null) keys.push([`a:${account}|${row.amount}`, "account and amount"]);
    const external = (row.input.external_id ?? "").trim();
    if (external !== "") keys.push([`e:${external}`, "external id"]);
    for (const [key, what] of keys) {
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, index);
        continue;
      }
      flag(index, first, what);
      flag(first, index, what);
    }
  });
  return warnings;
}
