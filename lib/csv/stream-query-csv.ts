import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Sql } from "../db";
import { writeCsvRow, type CsvCell } from "./write-csv";

export type CsvColumn<Row> = [header: string, value: (row: Row) => CsvCell];
export type CsvChunk = { text: string; rows: number };

/** Rows fetched per round trip: big enough for throughput, small enough to keep memory flat. */
export const CURSOR_FETCH_ROWS = 2000;

const dialect = new PgDialect();

/**
 * Runs a query through a Postgres cursor and yields CSV: the header, then one chunk per fetch.
 * Nothing is read ahead of the consumer, so memory stays flat whatever the size, as long as
 * the consumer pulls (a ReadableStream's pull does).
 */
export async function* streamQueryCsv<Row>(sql: Sql, query: SQL, columns: CsvColumn<Row>[]): AsyncGenerator<CsvChunk> {
  yield { text: writeCsvRow(columns.map(([header]) => header)), rows: 0 };
  const { sql: text, params } = dialect.sqlToQuery(query);
  for await (const rows of sql.unsafe<Row[]>(text, params as never[]).cursor(CURSOR_FETCH_ROWS)) {
    let chunk = "";
    for (const row of rows) chunk += writeCsvRow(columns.map(([, value]) => value(row)));
    yield { text: chunk, rows: rows.length };
  }
}
