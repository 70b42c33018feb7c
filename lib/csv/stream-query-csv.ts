import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { SQL } from "drizzle-orm";
import type { Sql } from "../db";
import { createCsvRecordReader } from "./csv-records";
import { inlineParams } from "./inline-params";

/** A CSV column: its header, and the query's column (by alias) written under it. */
export type CsvColumn = [header: string, column: string];
/** CSV bytes as they leave, with the data rows (not the header) that end in them. */
export type CsvChunk = { bytes: Uint8Array; rows: number };

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A cell as text, with a leading apostrophe when it starts with a character a spreadsheet runs
 * as a formula (=, +, -, @, tab, CR: CSV injection, OWASP), which shows it as text. Every
 * exported cell goes through this one rule, numbers and dates included, so nothing is missed.
 */
function neutraliseFormula(value: string): string {
  return `case when left(${value}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${value} else ${value} end`;
}

/**
 * Streams a query's rows as CSV written by Postgres itself (COPY … TO STDOUT, FORMAT csv: RFC
 * 4180 quoting, numeric and text exactly as stored), so rows never become JS objects and the
 * server's memory stays flat whatever the size. Bytes are read only as the consumer pulls
 * (postgres.js pauses the socket while its stream is full). The order is the query's own: a
 * plain projection over an ordered subquery keeps it.
 */
export async function* streamQueryCsv(sql: Sql, query: SQL, columns: CsvColumn[]): AsyncGenerator<CsvChunk> {
  const cells = columns.map(([header, column]) => `${neutraliseFormula(`q.${quoteIdent(column)}::text`)} as ${quoteIdent(header)}`);
  const copy = sql.unsafe(`copy (select ${cells.join(", ")} from (${inlineParams(query)}) q) to stdout with (format csv, header true)`);
  const readable: Readable = await copy.readable();
  const read = createCsvRecordReader();
  let headerSeen = false;
  let done = false;
  try {
    // destroyOnReturn: false, so leaving early keeps the stream for the drain below
    // (a destroyed stream would leave postgres.js's socket paused for good).
    for await (const chunk of readable.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      const { bytes, records } = read(chunk);
      const rows = headerSeen || records === 0 ? records : records - 1;
      headerSeen ||= records > 0;
      yield { bytes, rows };
    }
    done = true;
  } finally {
    if (!done && !readable.destroyed && !readable.readableEnded) {
      // Left early (the client went away): read the rest and drop it, in flowing mode, so memory
      // stays flat and the connection reaches its next query clean. postgres.js 3.4 can't cancel
      // a COPY once it has handed the stream over (its cancel() then waits for a next turn that
      // never comes), and pg_cancel_backend by pid could hit the connection's next query.
      readable.on("error", () => {});
      readable.resume();
      await finished(readable).catch(() => {});
    }
    // postgres.js 3.4 pauses its socket while this stream is full and resumes it only from the
    // stream's read(). When the COPY's last data and its end come in one packet, read() is never
    // called again and the pooled connection hangs on its next query (porsager/postgres#499,
    // fix pending in #1016). Its read() is just that resume, so one more call frees the socket.
    readable._read(0);
  }
}
