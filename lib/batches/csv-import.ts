import Papa from "papaparse";
import type { MethodForForm } from "@/lib/methods/schemas";
import {
  buildTransactionSchema,
  MAX_TRANSACTIONS_PER_BATCH,
  transactionColumns,
  type TransactionInput,
  type TransactionValue,
} from "@/lib/methods/transaction-schema";

// DESIGN "Dynamic forms": CSV rows go through the same schema as the editor and the action.
// Row numbers count as a spreadsheet does: the header is row 1, the first data row is row 2,
// blank rows still count, and a quoted value spanning lines stays within its one row.

/** A CSV file split into its header and its non-blank records. */
export type CsvTable = {
  headers: string[];
  records: Array<{ rowNumber: number; cells: string[] }>;
};

/** For each column path ("amount", "params.bank_code"), the index of the file's header feeding it. */
export type ColumnMapping = Record<string, number | null>;

/** A record turned into transaction input; `problem` is set when its cells cannot be trusted. */
export type MappedRow = { rowNumber: number; input: TransactionInput; problem?: string };

export type RowValidation = {
  valid: Array<{ rowNumber: number; value: TransactionValue }>;
  invalid: Array<{ rowNumber: number; input: TransactionInput; errors: Array<{ field: string; message: string }> }>;
};

export type CsvImportResult =
  | { kind: "rejected"; message: string }
  | { kind: "needs_mapping"; table: CsvTable; suggestion: ColumnMapping }
  | { kind: "validated"; table: CsvTable; result: RowValidation };

const count = (n: number) => n.toLocaleString("en-US");

/** Splits CSV text into header and records; refuses an empty, malformed or oversized file. */
export function readCsv(text: string): { ok: true; table: CsvTable } | { ok: false; message: string } {
  const content = text.replace(/^\uFEFF/, "");
  // Refused before parsing: counting lines is cheap, parsing 200,000 rows is not.
  const lines = countDataLines(content);
  if (lines > MAX_TRANSACTIONS_PER_BATCH) {
    return { ok: false, message: `The file has more than ${count(MAX_TRANSACTIONS_PER_BATCH)} rows (about ${count(lines)}); a batch takes at most ${count(MAX_TRANSACTIONS_PER_BATCH)}. Split the file.` };
  }
  // Blank lines are kept by the parser and skipped below, so each record keeps its row number.
  const parsed = Papa.parse<string[]>(content, {
    header: false,
    skipEmptyLines: false,
    delimiter: detectDelimiter(content),
  });
  const fatal = parsed.errors[0];
  if (fatal) {
    const where = fatal.row === undefined ? "" : `Row ${count(fatal.row + 1)}: `;
    const what = fatal.code === "MissingQuotes" ? "a quoted value is never closed" : fatal.message;
    return { ok: false, message: `${where}${what}` };
  }
  const [headerCells, ...rest] = parsed.data;
  if (!headerCells || isBlank(headerCells)) return { ok: false, message: "The file is empty or its first row is blank" };
  const records: CsvTable["records"] = [];
  rest.forEach((cells, index) => {
    if (!isBlank(cells)) records.push({ rowNumber: index + 2, cells });
  });
  if (records.length === 0) return { ok: false, message: "The file has a header but no transactions" };
  if (records.length > MAX_TRANSACTIONS_PER_BATCH) {
    return {
      ok: false,
      message: `The file has ${count(records.length)} transactions; a batch takes at most ${count(MAX_TRANSACTIONS_PER_BATCH)}`,
    };
  }
  return { ok: true, table: { headers: headerCells.map((header) => header.trim()), records } };
}

/** Non-blank lines after the header (a quoted value spanning lines counts once per line: an upper bound). */
function countDataLines(content: string): number {
  let lines = 0;
  let blank = true;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === 10) {
      if (!blank) lines++;
      blank = true;
    } else if (code !== 13 && code !== 32 && code !== 44 && code !== 59 && code !== 9) {
      blank = false;
    }
  }
  if (!blank) lines++;
  return Math.max(0, lines - 1);
}

/** The largest file the browser reads (checked before reading it). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

// Spreadsheets in decimal-comma locales save ";"-separated files. The header decides:
// data rows can hold decimal commas ("1,5"), API field names and labels cannot.
function detectDelimiter(content: string): string {
  const header = content.slice(0, content.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((delimiter) => ({ delimiter, n: header.split(delimiter).length }));
  return counts.reduce((best, next) => (next.n > best.n ? next : best)).delimiter;
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

/**
 * The mapping when the headers are exactly the API field names (any order, each once,
 * external_id and optional params may be left out, nothing else); otherwise null.
 */
export function exactColumnMapping(headers: readonly string[], method: MethodForForm): ColumnMapping | null {
  const columns = transactionColumns(method);
  const byHeader = new Map(columns.map((column) => [column.csvHeader, column]));
  const mapping: ColumnMapping = Object.fromEntries(columns.map((column) => [column.path, null]));
  for (const [index, header] of headers.entries()) {
    const column = byHeader.get(header);
    if (!column || mapping[column.path] !== null) return null;
    mapping[column.path] = index;
  }
  const complete = columns.every((column) => !column.required || mapping[column.path] !== null);
  return complete ? mapping : null;
}

// "First Name", "first_name" and "FIRSTNAME" all read "firstname"; "Amount (PHP)" reads "amount";
// "Account No." and "Account #" read "accountnumber"; "E-mail Address" reads "email".
export function normalizeHeader(header: string): string {
  const plain = header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/#/g, " number ")
    .replace(/[^a-z0-9]+/g, "");
  return plain.replace(/(no|num|nr|nbr)$/, "number").replace(/^e?mailaddress$/, "email");
}

// Other names spreadsheets give these fields, normalised.
const HEADER_ALIASES: Record<string, string[]> = {
  first_name: ["firstname", "givenname", "fname", "forename"],
  last_name: ["lastname", "surname", "familyname", "lname"],
  email: ["email", "emailaddress", "mail"],
  amount: ["amount", "amountdue", "payamount", "payoutamount", "value", "total"],
  external_id: ["externalid", "reference", "ref", "referencenumber", "refnumber", "invoice", "invoicenumber"],
  "params.account_number": ["accountnumber", "accnumber", "acctnumber", "bankaccountnumber", "bankaccount", "account", "iban", "mobilenumber", "phonenumber"],
  "params.account_name": ["accountname", "accountholder", "accountholdername", "beneficiaryname", "payeename", "holdername"],
  "params.bank_code": ["bankcode", "bank", "bankid", "swift", "swiftcode", "bic"],
};

/** A best guess at the mapping: each column takes the first unused header that matches its API name, label or a common alias. */
export function suggestColumnMapping(headers: readonly string[], method: MethodForForm): ColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  const columns = transactionColumns(method);
  // Exact names first, aliases after, so "Account Name" never takes the place of a column named "account_name".
  for (const pass of ["names", "aliases"] as const) {
    for (const column of columns) {
      if (mapping[column.path] !== undefined && mapping[column.path] !== null) continue;
      const names = new Set(pass === "names" ? [column.csvHeader, column.label, column.path].map(normalizeHeader) : (HEADER_ALIASES[column.path] ?? []));
      const index = normalized.findIndex((header, i) => !used.has(i) && names.has(header));
      mapping[column.path] = index === -1 ? null : index;
      if (index !== -1) used.add(index);
    }
  }
  return mapping;
}

/** Turns each record into transaction input through `mapping`; refuses a mapping that misses a required column. */
export function applyColumnMapping(
  table: CsvTable,
  mapping: ColumnMapping,
  method: MethodForForm,
): { ok: true; rows: MappedRow[] } | { ok: false; message: string } {
  const columns = transactionColumns(method);
  const missing = columns.filter((column) => column.required && (mapping[column.path] ?? null) === null);
  if (missing.length > 0) {
    return { ok: false, message: `Choose a column for ${missing.map((column) => column.label).join(", ")}` };
  }
  const claimedBy = new Map<number, string>();
  for (const column of columns) {
    const index = mapping[column.path] ?? null;
    if (index === null) continue;
    if (!Number.isInteger(index) || index < 0 || index >= table.headers.length) {
      return { ok: false, message: `${column.label} points at a column the file does not have` };
    }
    const other = claimedBy.get(index);
    if (other) return { ok: false, message: `Column "${table.headers[index]}" is chosen for both ${other} and ${column.label}` };
    claimedBy.set(index, column.label);
  }
  const mapped = columns.flatMap((column) => {
    const index = mapping[column.path] ?? null;
    return index === null ? [] : [{ column, index }];
  });
  const width = table.headers.length;
  const rows = table.records.map(({ rowNumber, cells }): MappedRow => {
    const input: TransactionInput = { first_name: "", last_name: "", email: "", amount: "", params: {} };
    for (const { column, index } of mapped) {
      const value = cells[index] ?? "";
      if (column.path.startsWith("params.")) input.params[column.csvHeader] = value;
      else input[column.path as Exclude<keyof TransactionInput, "params">] = value;
    }
    // A cell count that differs from the header usually means an unquoted comma moved
    // values into the wrong columns (an amount under "email"); refuse to read such a row.
    const problem = cells.length === width
      ? undefined
      : `Row has ${cells.length} cells but the header has ${width}; quote values that contain the delimiter`;
    return problem === undefined ? { rowNumber, input } : { rowNumber, input, problem };
  });
  return { ok: true, rows };
}

/** Validates each row with the method's transaction schema; valid rows are kept whatever the others hold. */
export function validateRows(rows: readonly MappedRow[], method: MethodForForm): RowValidation {
  const schema = buildTransactionSchema(method);
  const result: RowValidation = { valid: [], invalid: [] };
  for (const { rowNumber, input, problem } of rows) {
    if (problem !== undefined) {
      result.invalid.push({ rowNumber, input, errors: [{ field: "row", message: problem }] });
      continue;
    }
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      result.valid.push({ rowNumber, value: parsed.data });
    } else {
      const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
      result.invalid.push({ rowNumber, input, errors });
    }
  }
  return result;
}

/**
 * Reads a CSV file for `method`. A header of exact API field names is validated at once;
 * any other header comes back with a suggested mapping for the person to confirm, after
 * which the caller runs applyColumnMapping and validateRows.
 */
export function importCsv(text: string, method: MethodForForm): CsvImportResult {
  const read = readCsv(text);
  if (!read.ok) return { kind: "rejected", message: read.message };
  const { table } = read;
  const mapping = exactColumnMapping(table.headers, method);
  if (!mapping) return { kind: "needs_mapping", table, suggestion: suggestColumnMapping(table.headers, method) };
  const applied = applyColumnMapping(table, mapping, method);
  // exactColumnMapping only returns complete, in-range, one-to-one mappings.
  if (!applied.ok) throw new Error(`Exact column mapping refused: ${applied.message}`);
  return { kind: "validated", table, result: validateRows(applied.rows, method) };
}
