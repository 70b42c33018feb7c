import { sql as q } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { createDb } from "../db";
import { streamQueryCsv, type CsvChunk } from "./stream-query-csv";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

async function collect(chunks: AsyncGenerator<CsvChunk>): Promise<{ text: string; rows: number }> {
  const parts: Uint8Array[] = [];
  let rows = 0;
  for await (const chunk of chunks) {
    parts.push(chunk.bytes);
    rows += chunk.rows;
  }
  return { text: Buffer.concat(parts).toString("utf8"), rows };
}

/** One row of the given text cells (each a bound parameter), exported under headers A, B, … */
async function csvOf(cells: (string | null)[]): Promise<string> {
  const names = cells.map((_, i) => String.fromCharCode(97 + i));
  const select = q.join(cells.map((cell, i) => q`${cell === null ? q`null` : cell}::text as ${q.identifier(names[i]!)}`), q`, `);
  const { text } = await collect(streamQueryCsv(t.sql, q`select ${select}`, names.map((name) => [name.toUpperCase(), name])));
  return text.slice(text.indexOf("\r\n") + 2);
}

describe("streamQueryCsv", () => {
  it("writes the headers, then each row, CRLF-terminated, counting data rows only", async () => {
    const query = q`select n, (n * 1.5)::numeric(10, 2) as amount from generate_series(1, 3) n order by n desc`;
    const { text, rows } = await collect(streamQueryCsv(t.sql, query, [["No.", "n"], ["Amount, AUD", "amount"]]));
    expect(text).toBe('No.,"Amount, AUD"\r\n3,4.50\r\n2,3.00\r\n1,1.50\r\n');
    expect(rows).toBe(3);
  });

  it("quotes cells holding commas, quotes or line breaks, doubling inner quotes (RFC 4180)", async () => {
    expect(await csvOf(["Santos, Maria", 'say "hi"', "two\nlines", "cr\rhere", "plain"])).toBe('"Santos, Maria","say ""hi""","two\nlines","cr\rhere",plain\r\n');
  });

  it("writes null as an empty cell", async () => {
    expect(await csvOf([null, "x"])).toBe(",x\r\n");
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
  ])("neutralises %j so a spreadsheet shows it as text", async (cell, written) => {
    expect(await csvOf([cell])).toBe(`${written}\r\n`);
  });

  it("leaves formula characters alone when they are not first", async () => {
    expect(await csvOf(["a=b", "x@example.com", "1-2"])).toBe("a=b,x@example.com,1-2\r\n");
  });

  it("passes parameter values as data, never as SQL, whatever quotes, backslashes or $ they hold", async () => {
    const hostile = ["O'Brien", "x' or true --", "back\\slash \\' \\\\", "$1 $$ $tag$", "E'\\x41'", "Zoë 日本"];
    const out = await csvOf(hostile);
    expect(out).toBe(`O'Brien,x' or true --,back\\slash \\' \\\\,$1 $$ $tag$,E'\\x41',Zoë 日本\r\n`);
  });

  it("hands its connection back usable after each export, however the stream's last packets fall", async () => {
    const single = createDb(t.url, { max: 1 });
    try {
      for (let run = 0; run < 30; run++) {
        const { rows } = await collect(streamQueryCsv(single.sql, q`select n, repeat('x', 100 + ${String(run)}::int) as pad from generate_series(1, 2000) n`, [["N", "n"], ["Pad", "pad"]]));
        expect(rows).toBe(2000);
        const [row] = await single.sql<{ ok: number }[]>`select 1 as ok`;
        expect(row!.ok).toBe(1);
      }
    } finally {
      await single.sql.end();
    }
  });

  it("leaving early hands back a connection that works, with no COPY left running", async () => {
    const single = createDb(t.url, { max: 1 });
    try {
      const chunks = streamQueryCsv(single.sql, q`select n, repeat('x', 200) as pad from generate_series(1, 2000000) n`, [["N", "n"], ["Pad", "pad"]]);
      const first = await chunks.next();
      expect(first.done).toBe(false);
      await chunks.return(undefined);
      const [row] = await single.sql<{ copies: number }[]>`select count(*)::int as copies from pg_stat_activity where query like 'copy (%' and state = 'active'`;
      expect(row!.copies).toBe(0);
    } finally {
      await single.sql.end();
    }
  });
});
