export type CsvCell = string | number | null | undefined;

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record (RFC 4180, CRLF-terminated). Every export writes through this, so quoting and
 * formula neutralising live in one place. A cell that a spreadsheet would run as a formula gets
 * a leading apostrophe, which shows it as text; null and undefined are empty cells.
 */
export function writeCsvRow(cells: readonly CsvCell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    let text = cell === null || cell === undefined ? "" : String(cell);
    if (FORMULA_START.test(text)) text = `'${text}`;
    if (NEEDS_QUOTES.test(text)) text = `"${text.replaceAll('"', '""')}"`;
    line += i === 0 ? text : `,${text}`;
  }
  return `${line}\r\n`;
}
