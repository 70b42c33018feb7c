import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { systemContext } from "../context";
import { batches, payoutMethods, transactions, users } from "../db/schema";
import { exportHistoryCsv } from "./export-history";
import { queryTransactions } from "./query-transactions";
import { historyFiltersSchema } from "./schemas";
import { seedHistory } from "./seed-history";

let t: TestDatabase;

async function exportText(input: Record<string, string>): Promise<{ text: string; rows: number }> {
  const parts: Uint8Array[] = [];
  let rows = 0;
  for await (const chunk of exportHistoryCsv(t.sql, historyFiltersSchema.parse(input))) {
    parts.push(chunk.bytes);
    rows += chunk.rows;
  }
  return { text: Buffer.concat(parts).toString("utf8"), rows };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedHistory(t.sql, { transactions: 5_000, seed: 7 });
  // A payee whose name and email try to run formulas in the auditor's spreadsheet.
  await t.db.insert(payoutMethods).values({ name: "jp_bank_jpy", currency: "JPY", label: "JPY Bank Transfer" }).onConflictDoNothing();
  const [maker] = await t.db.insert(users).values({ email: "maker@inject.test", name: "Maker", passwordHash: "!", roles: ["operator"] }).returning();
  const batchId = randomUUID();
  await t.db.insert(batches).values({ id: batchId, methodName: "jp_bank_jpy", currency: "JPY", description: 'Refunds, "March"', createdBy: maker!.id, status: "completed" });
  await t.db.insert(transactions).values([
    { batchId, position: 0, firstName: "=HYPERLINK(\"http://evil.test\",\"click\")", lastName: "x", email: "+cmd@inject.test", amount: "1000", externalId: "@SUM(1+1)", providerStatus: "failed", failureReason: "-1+1\nsecond line" },
    { batchId, position: 1, firstName: "Zoë", lastName: "O'Brien, Jr.", email: "zoe@inject.test", amount: "12345678901234.5", providerStatus: "settled" },
  ]);
});
afterAll(async () => t.drop());

describe("history export", () => {
  it("exports every row the filters select, in the screen's order, across all pages", async () => {
    const input = { method: "ph_bank_maya_php", status: "settled" };
    const { text, rows } = await exportText(input);
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data;
    const [header, ...records] = parsed;
    expect(header?.slice(0, 8)).toEqual(["Date (UTC)", "Batch ID", "Batch", "Payee name", "Email", "Method", "Currency", "Amount"]);
    expect(records).toHaveLength(rows);
    expect(rows).toBeGreaterThan(50); // more than one page: the export is not the page
    const firstPage = await queryTransactions(systemContext(t.db, "test"), { filters: historyFiltersSchema.parse(input) });
    expect(records.slice(0, 50).map((record) => record.at(-1))).toEqual(firstPage.rows.map((row) => row.id));
    expect(records.every((record) => record[5] === "ph_bank_maya_php" && record[8] === "settled")).toBe(true);
  });

  it("ignores the page cursor: an export from page 3 still holds page 1", async () => {
    const page = await queryTransactions(systemContext(t.db, "test"), { filters: historyFiltersSchema.parse({}) });
    const all = await exportText({});
    const fromLaterPage = await exportText({ cursor: page.nextCursor! });
    expect(fromLaterPage.rows).toBe(all.rows);
  });

  it("quotes per RFC 4180, neutralises formulas and keeps amounts as exact decimal strings", async () => {
    const { text } = await exportText({ q: "inject.test" });
    const records = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data.slice(1);
    const byEmail = new Map(records.map((record) => [record[4], record]));
    const evil = byEmail.get("'+cmd@inject.test")!;
    expect(evil[3]).toBe("'=HYPERLINK(\"http://evil.test\",\"click\") x");
    expect(evil[2]).toBe('Refunds, "March"');
    expect(evil[7]).toBe("1000");
    expect(evil[9]).toBe("'-1+1\nsecond line");
    expect(evil[15]).toBe("'@SUM(1+1)");
    const zoe = byEmail.get("zoe@inject.test")!;
    expect(zoe[3]).toBe("Zoë O'Brien, Jr.");
    expect(zoe[7]).toBe("12345678901234.5"); // beyond a float's exact range, still exact
    expect(text).toContain('"Zoë O\'Brien, Jr."');
  });

  it("exports the batch view with its own columns", async () => {
    const { text, rows } = await exportText({ view: "batches", q: "inject.test" });
    const [header, record] = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data;
    expect(rows).toBe(1);
    expect(header?.slice(0, 6)).toEqual(["Date (UTC)", "Batch ID", "Batch", "Method", "Currency", "Total"]);
    expect(record?.[3]).toBe("jp_bank_jpy");
  });
});

describe("seeded history", () => {
  it("is consistent: batch totals, counts and failures match their transactions", async () => {
    const mismatches = await t.sql`
      select b.id from batches b join transactions t on t.batch_id = b.id
      where b.description <> 'Refunds, "March"'
      group by b.id
      having b.total_amount <> sum(t.amount) or b.transaction_count <> count(*) or b.failed_count <> count(*) filter (where t.provider_status = 'failed')`;
    expect(mismatches).toHaveLength(0);
    const [counts] = await t.sql<{ total: number; failed: number; methods: number }[]>`
      select count(*)::int as total, count(*) filter (where provider_status = 'failed')::int as failed, count(distinct method_name)::int as methods from transactions`;
    expect(counts!.total).toBe(5_002);
    expect(counts!.failed).toBeGreaterThan(0);
    expect(counts!.methods).toBeGreaterThan(3);
  });
});
