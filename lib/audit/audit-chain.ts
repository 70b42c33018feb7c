import Papa from "papaparse";

// Client-safe and pure: the CLI (`npm run verify-audit -- export.csv`) and the /audit page's
// "Verify an export" run the same checks. The hash of a row is computed by the database
// (trigger audit_log_chain, migration 0007) over the row's exported cells; this reproduces it.

export const GENESIS_HASH = "0".repeat(64);
export const CHAIN_HEAD_LABEL = "Chain head";

/** The exported columns the row hash covers, in the order the database hashes them. */
export const CHAINED_COLUMNS = [
  "Chain sequence",
  "Entry ID",
  "Time (UTC)",
  "Actor ID",
  "Actor",
  "Action",
  "Batch ID",
  "Entity type",
  "Entity ID",
  "Before",
  "After",
  "Details",
  "Request ID",
] as const;

export type Sha256Hex = (text: string) => Promise<string> | string;

const utf8 = new TextEncoder();

/** `<bytes>:<text>;` per cell, as audit_chain_cell() writes it (a null cell is empty). */
export function chainContent(prevHash: string, cells: readonly string[]): string {
  return `${prevHash}\n${cells.map((cell) => `${utf8.encode(cell).length}:${cell};`).join("")}`;
}

/** The export's CSV-injection guard prefixes `'` to a cell starting with = + - @ tab CR; undo it. */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export type ChainVerdict =
  | { ok: true; rows: number; head: { seq: number; hash: string }; complete: boolean; note: string }
  | { ok: false; rows: number; problem: string; line: number | null; entryId: string | null };

type ParsedRow = { line: number; seq: number; entryId: string; prev: string; hash: string; cells: string[] };

/**
 * Verifies an /audit CSV export: every row's own hash, the link of each row to the previous one,
 * that no sequence number is missing (a complete export), and that the chain head written at the
 * end is in the file. Names the first row (in chain order) that breaks.
 */
export async function verifyAuditExport(csv: string, sha256Hex: Sha256Hex): Promise<ChainVerdict> {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  const records = parsed.data;
  const fail = (problem: string, row?: ParsedRow | null): ChainVerdict => ({
    ok: false,
    rows: records.length > 1 ? records.length - 2 : 0,
    problem,
    line: row?.line ?? null,
    entryId: row?.entryId ?? null,
  });
  const header = records[0];
  if (!header) return fail("The file is empty");
  const index = (name: string) => header.indexOf(name);
  const missing = [...CHAINED_COLUMNS, "Previous hash", "Row hash"].filter((name) => index(name) < 0);
  if (missing.length > 0) return fail(`This is not an audit export with hashes: no ${missing.join(", ")} column`);
  const trailer = records.at(-1);
  if (!trailer || trailer[0] !== CHAIN_HEAD_LABEL) return fail("The chain head line at the end is missing: the file was cut short or edited");
  const headSeq = Number(trailer[1]);
  const headHash = trailer[2] ?? "";
  const complete = trailer[3] === "complete";
  if (!Number.isSafeInteger(headSeq) || !/^[0-9a-f]{64}$/.test(headHash)) return fail("The chain head line is not readable");

  const rows: ParsedRow[] = [];
  for (let i = 1; i < records.length - 1; i++) {
    const record = records[i]!.map(unneutralise);
    const seq = Number(record[index("Chain sequence")]);
    const row: ParsedRow = {
      line: i + 1,
      seq,
      entryId: record[index("Entry ID")] ?? "",
      prev: record[index("Previous hash")] ?? "",
      hash: record[index("Row hash")] ?? "",
      cells: CHAINED_COLUMNS.map((name) => record[index(name)] ?? ""),
    };
    if (!Number.isSafeInteger(seq) || seq < 1) return fail(`Line ${row.line}: the chain sequence is not readable`, row);
    rows.push(row);
  }
  rows.sort((a, b) => a.seq - b.seq);

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const previous = i > 0 ? rows[i - 1]! : null;
    if (previous && previous.seq === row.seq) return fail(`Line ${row.line} (entry ${row.entryId}) repeats chain sequence ${row.seq}`, row);
    if ((await sha256Hex(chainContent(row.prev, row.cells))) !== row.hash) {
      return fail(`Line ${row.line} (entry ${row.entryId}, sequence ${row.seq}) was edited: its content does not match its hash`, row);
    }
    if (row.seq === 1 && row.prev !== GENESIS_HASH) return fail(`Line ${row.line} (entry ${row.entryId}) starts the chain but does not link to its beginning`, row);
    if (previous && previous.seq === row.seq - 1 && previous.hash !== row.prev) {
      return fail(`Line ${row.line} (entry ${row.entryId}, sequence ${row.seq}) does not link to sequence ${previous.seq}: a row was edited or replaced`, row);
    }
    if (complete && (previous ? previous.seq !== row.seq - 1 : row.seq !== 1)) {
      const after = previous ? `after sequence ${previous.seq} (entry ${previous.entryId})` : "at the start";
      return fail(`Sequence ${previous ? previous.seq + 1 : 1} is missing ${after}: a row was dropped before line ${row.line} (entry ${row.entryId})`, row);
    }
  }
  const headRow = rows.find((row) => row.seq === headSeq);
  if (headSeq > 0 && (!headRow || headRow.hash !== headHash)) return fail(`The chain head (sequence ${headSeq}) is not in the file with its hash: rows at the end were dropped or edited`);
  return {
    ok: true,
    rows: rows.length,
    head: { seq: headSeq, hash: headHash },
    complete,
    note: complete
      ? `All ${rows.length} entries verify, in one unbroken chain up to the head`
      : `All ${rows.length} entries verify; the export was filtered, so only the rows it holds are proven`,
  };
}
