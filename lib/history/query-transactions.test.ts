import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { systemContext } from "../context";
import { approvals, batches, payoutMethods, transactions, users, type BatchStatus } from "../db/schema";
import { queryBatches } from "./query-batches";
import { queryTransactions, type TransactionHistoryRow } from "./query-transactions";
import { historyFiltersSchema, type HistoryFilters } from "./schemas";

let t: TestDatabase;
let maker: string;
let otherMaker: string;
let approver: string;

const filters = (input: Record<string, string> = {}): HistoryFilters => historyFiltersSchema.parse(input);

async function user(email: string, roles: ("operator" | "approver")[]): Promise<string> {
  const [row] = await t.db.insert(users).values({ email, name: email.split("@")[0]!, passwordHash: "!", roles }).returning({ id: users.id });
  return row!.id;
}

type TxInput = { first?: string; last?: string; email?: string; amount?: string; status?: string | null; failure?: string; externalId?: string };

async function batch(input: { method?: string; currency?: string; status?: BatchStatus; maker?: string; at: string; description?: string; txs: TxInput[]; approvedBy?: string[] }): Promise<string> {
  const id = randomUUID();
  await t.db.insert(batches).values({
    id,
    methodName: input.method ?? "ph_bank_maya_php",
    currency: input.currency ?? "PHP",
    description: input.description ?? "Payouts",
    status: input.status ?? "completed",
    createdBy: input.maker ?? maker,
    createdAt: new Date(input.at),
  });
  if (input.txs.length > 0) {
    // One insert, one created_at for every row: exactly what a real batch save produces.
    await t.db.insert(transactions).values(
      input.txs.map((tx, position) => ({
        batchId: id,
        position,
        firstName: tx.first ?? "Maria",
        lastName: tx.last ?? "Santos",
        email: tx.email ?? `payee${position}@example.com`,
        amount: tx.amount ?? "100.00",
        providerStatus: tx.status === undefined ? "settled" : tx.status,
        failureReason: tx.failure ?? null,
        externalId: tx.externalId ?? null,
        createdAt: new Date(input.at),
      })),
    );
  }
  for (const approverId of input.approvedBy ?? []) await t.db.insert(approvals).values({ batchId: id, approverId, batchVersion: 1 });
  return id;
}

async function allPages(input: HistoryFilters, limit: number): Promise<TransactionHistoryRow[]> {
  const rows: TransactionHistoryRow[] = [];
  let cursor = input.cursor;
  for (let guard = 0; guard < 100; guard++) {
    const page = await queryTransactions(systemContext(t.db, "test"), { filters: { ...input, cursor }, limit });
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(payoutMethods).values([
    { name: "ph_bank_maya_php", currency: "PHP", label: "PHP Bank Maya" },
    { name: "ca_interac_cad", currency: "CAD", label: "Interac CAD" },
  ]);
  maker = await user("maker@example.com", ["operator"]);
  otherMaker = await user("other.maker@example.com", ["operator"]);
  approver = await user("approver@example.com", ["approver"]);
});
afterAll(async () => t.drop());

describe("history of transactions", () => {
  let failedBatch: string;
  beforeAll(async () => {
    await batch({ at: "2026-01-10T09:00:00Z", txs: [{ first: "Ana", last: "Cruz", email: "ana.cruz@example.com", amount: "250.00" }], approvedBy: [approver] });
    failedBatch = await batch({
      at: "2026-02-15T12:00:00Z",
      method: "ca_interac_cad",
      currency: "CAD",
      maker: otherMaker,
      description: "Contractor invoices",
      txs: [
        { first: "Liam", last: "Tremblay", email: "liam@example.ca", amount: "1999.99", status: "failed", failure: "Beneficiary account does not exist", externalId: "INV-2026-000777" },
        { first: "Emma", last: "Roy", email: "emma.roy@example.ca", amount: "15.00" },
      ],
      approvedBy: [approver],
    });
    await batch({ at: "2026-03-01T00:00:00Z", status: "pending_approval", txs: [{ first: "Wei", last: "Tan", email: "wei.tan@example.com", amount: "5000.00", status: null }] });
  });

  it("joins each transaction to its batch, method, maker, approvers and statuses", async () => {
    const { rows } = await queryTransactions(systemContext(t.db, "test"), { filters: filters({ q: "liam@example.ca" }) });
    expect(rows).toEqual([
      expect.objectContaining({
        createdAt: "2026-02-15T12:00:00.000000Z",
        batchId: failedBatch,
        batchDescription: "Contractor invoices",
        payeeName: "Liam Tremblay",
        methodName: "ca_interac_cad",
        currency: "CAD",
        amount: "1999.99",
        status: "failed",
        failureReason: "Beneficiary account does not exist",
        batchStatus: "completed",
        maker: "other.maker@example.com",
        approvers: "approver@example.com",
        externalId: "INV-2026-000777",
      }),
    ]);
  });

  it.each([
    ["date range (whole days, UTC)", { from: "2026-02-15", to: "2026-02-15" }, ["liam@example.ca", "emma.roy@example.ca"]],
    ["transaction status", { status: "failed" }, ["liam@example.ca"]],
    ["batch status", { batchStatus: "pending_approval" }, ["wei.tan@example.com"]],
    ["method", { method: "ca_interac_cad" }, ["liam@example.ca", "emma.roy@example.ca"]],
    ["currency", { currency: "cad" }, ["liam@example.ca", "emma.roy@example.ca"]],
    ["amount range (decimal strings, inclusive)", { minAmount: "250", maxAmount: "1999.99" }, ["liam@example.ca", "ana.cruz@example.com"]],
    ["free text over the payee name", { q: "ana cruz" }, ["ana.cruz@example.com"]],
    ["free text over external ids", { q: "inv-2026-000777" }, ["liam@example.ca"]],
    ["free text with LIKE wildcards taken literally", { q: "a_c" }, []], // unescaped, _ would match "Ana Cruz"
  ])("filters by %s", async (_name, input, emails) => {
    const { rows } = await queryTransactions(systemContext(t.db, "test"), { filters: filters(input as Record<string, string>) });
    // Which rows, not their order: rows of one batch share a timestamp and then go by random id.
    expect(rows.map((row) => row.email).sort()).toEqual([...emails].sort());
  });

  it("filters by maker, and combines filters with AND", async () => {
    const byMaker = await queryTransactions(systemContext(t.db, "test"), { filters: filters({ maker: otherMaker }) });
    expect(byMaker.rows.map((row) => row.email).sort()).toEqual(["emma.roy@example.ca", "liam@example.ca"]);
    const pair = await queryTransactions(systemContext(t.db, "test"), { filters: filters({ maker: otherMaker, status: "settled" }) });
    expect(pair.rows.map((row) => row.email)).toEqual(["emma.roy@example.ca"]);
  });

  it("keeps the method, currency and maker copies in step with the batch (trigger)", async () => {
    const id = await batch({ at: "2025-06-01T00:00:00Z", txs: [{ email: "copied@example.com" }] });
    await t.db.update(batches).set({ methodName: "ca_interac_cad", currency: "CAD", createdBy: otherMaker }).where(eq(batches.id, id));
    const [row] = await t.db.select().from(transactions).where(eq(transactions.batchId, id));
    expect(row).toMatchObject({ methodName: "ca_interac_cad", currency: "CAD", makerId: otherMaker });
  });

  it("refuses a damaged page cursor instead of guessing", async () => {
    await expect(queryTransactions(systemContext(t.db, "test"), { filters: filters({ cursor: "not-a-cursor" }) })).rejects.toThrow(/page link is damaged/);
  });
});

describe("keyset pagination", () => {
  it("walks a batch whose 130 rows share one timestamp without skipping or repeating a row", async () => {
    const at = "2024-05-05T05:05:05.123Z";
    const id = await batch({ at, description: "Same instant", txs: Array.from({ length: 130 }, (_, i) => ({ email: `same${i}@tie.test` })) });
    const rows = await allPages(filters({ q: "@tie.test" }), 50);
    expect(rows).toHaveLength(130);
    expect(new Set(rows.map((row) => row.id)).size).toBe(130);
    expect(rows.every((row) => row.batchId === id && row.createdAt === "2024-05-05T05:05:05.123000Z")).toBe(true);
    // A batch's rows stay in their batch order (issue 16), across pages.
    expect(rows.map((row) => row.position)).toEqual(Array.from({ length: 130 }, (_, i) => i));
    expect(rows.map((row) => row.email)).toEqual(Array.from({ length: 130 }, (_, i) => `same${i}@tie.test`));
  });

  it("stays stable when rows are inserted between two pages", async () => {
    await batch({ at: "2024-04-04T04:04:04Z", txs: Array.from({ length: 60 }, (_, i) => ({ email: `stable${i}@moving.test` })) });
    const first = await queryTransactions(systemContext(t.db, "test"), { filters: filters({ q: "@moving.test" }), limit: 25 });
    // New payouts arrive (newer, and one at the very same instant) while the auditor reads page 1.
    await batch({ at: new Date().toISOString(), txs: [{ email: "late@moving.test" }] });
    await batch({ at: "2024-04-04T04:04:04Z", txs: [{ email: "tie@moving.test" }] });
    const rest = await allPages(filters({ q: "@moving.test", cursor: first.nextCursor! }), 25);
    const seen = [...first.rows, ...rest].map((row) => row.email);
    expect(new Set(seen).size).toBe(seen.length); // nothing twice
    for (let i = 0; i < 60; i++) expect(seen).toContain(`stable${i}@moving.test`); // nothing skipped
    expect(seen).not.toContain("late@moving.test"); // newer rows belong before page 1
  });

  it("keeps Postgres's microseconds in the cursor (a millisecond cursor would skip or repeat rows)", async () => {
    const id = await batch({ at: "2022-02-02T02:02:02Z", txs: [{ email: "micro1@micro.test" }, { email: "micro2@micro.test" }] });
    await t.sql`update transactions set created_at = created_at + (position * interval '1 microsecond') where batch_id = ${id}`;
    const rows = await allPages(filters({ q: "@micro.test" }), 1);
    expect(rows.map((row) => [row.email, row.createdAt])).toEqual([
      ["micro2@micro.test", "2022-02-02T02:02:02.000001Z"],
      ["micro1@micro.test", "2022-02-02T02:02:02.000000Z"],
    ]);
  });

  it("says there is no next page on the last one", async () => {
    const page = await queryTransactions(systemContext(t.db, "test"), { filters: filters({ q: "ana.cruz" }), limit: 50 });
    expect(page.nextCursor).toBeNull();
  });
});

describe("history of batches", () => {
  it("lists batches with totals and filters on transaction-level criteria", async () => {
    const id = await batch({ at: "2023-03-03T03:03:03Z", description: "Quarterly refunds", txs: [{ email: "bx@refund.test", status: "failed", failure: "Compliance block" }] });
    const page = await queryBatches(systemContext(t.db, "test"), { filters: filters({ view: "batches", q: "bx@refund.test", status: "failed" }) });
    expect(page.rows.map((row) => row.id)).toEqual([id]);
    expect(page.rows[0]).toMatchObject({ description: "Quarterly refunds", maker: "maker@example.com", createdAt: "2023-03-03T03:03:03.000000Z" });
  });
});

describe("never-sent drafts, account numbers, payout ids and the summary", () => {
  let draftBatch: string;
  let sentBatch: string;
  beforeAll(async () => {
    draftBatch = await batch({ at: "2027-05-01T00:00:00Z", status: "draft", txs: [{ email: "draft.payee@example.com", status: null }] });
    await batch({ at: "2027-05-01T00:00:00Z", status: "cancelled", txs: [{ email: "cancelled.draft@example.com", status: null }] });
    sentBatch = await batch({ at: "2027-05-02T00:00:00Z", txs: [{ email: "acct.payee@example.com", amount: "120.50" }, { email: "second@example.com", amount: "79.50" }] });
    await t.db.update(transactions).set({ params: { account_number: "9988776655" } }).where(eq(transactions.email, "acct.payee@example.com"));
    await t.db.update(batches).set({ providerUuid: "PAYOUT-UUID-4242" }).where(eq(batches.id, sentBatch));
  });

  it("leaves out drafts and cancelled drafts unless asked to include them", async () => {
    const period = { from: "2027-05-01", to: "2027-05-02" };
    expect((await queryTransactions(systemContext(t.db, "test"), { filters: filters(period) })).rows.map((row) => row.email).sort()).toEqual(["acct.payee@example.com", "second@example.com"]);
    const withDrafts = await queryTransactions(systemContext(t.db, "test"), { filters: filters({ ...period, drafts: "1" }) });
    expect(withDrafts.rows.map((row) => row.email).sort()).toEqual(["acct.payee@example.com", "cancelled.draft@example.com", "draft.payee@example.com", "second@example.com"]);
    expect((await queryBatches(systemContext(t.db, "test"), { filters: filters({ ...period, view: "batches" }) })).rows.map((row) => row.id)).toEqual([sentBatch]);
    expect((await queryBatches(systemContext(t.db, "test"), { filters: filters({ ...period, view: "batches", drafts: "1" }) })).rows.map((row) => row.id)).toContain(draftBatch);
  });

  it("finds a payee by account number and a batch's rows by Hello Clever's payout id", async () => {
    expect((await queryTransactions(systemContext(t.db, "test"), { filters: filters({ q: "99887 76655" }) })).rows.map((row) => row.email)).toEqual(["acct.payee@example.com"]);
    expect((await queryTransactions(systemContext(t.db, "test"), { filters: filters({ q: "PAYOUT-UUID-4242" }) })).rows.map((row) => row.email).sort()).toEqual(["acct.payee@example.com", "second@example.com"]);
  });

  it("counts the matching rows and sums them per currency", async () => {
    const { summarizeTransactions } = await import("./summarize-transactions");
    expect(await summarizeTransactions(systemContext(t.db, "test"), { filters: filters({ from: "2027-05-01", to: "2027-05-02" }) })).toEqual({ rows: 2, byCurrency: [{ currency: "PHP", rows: 2, total: "200.00" }] });
  });
});
