import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { seedMakerAndMethod } from "../../tests/helpers/provider-batch";
import { systemContext } from "../context";
import { approvals, batches, transactions, users, type BatchStatus } from "../db/schema";
import { compareAmounts } from "../money";
import { BATCH_SORTS, listBatches, listBatchesQuerySchema, type BatchListRow } from "./list-batches";

let database: TestDatabase;
const STATUSES: BatchStatus[] = ["draft", "pending_approval", "processing", "completed"];

beforeAll(async () => {
  database = await createTestDatabase();
  const { makerId } = await seedMakerAndMethod(database.db);
  const base = Date.UTC(2030, 0, 1);
  const rows = await database.db
    .insert(batches)
    .values(
      Array.from({ length: 23 }, (_, i) => ({
        status: STATUSES[i % STATUSES.length]!,
        methodName: "ph_bank_maya_php",
        currency: "PHP",
        description: `Batch ${i}`,
        createdBy: makerId,
        // Ties on purpose: keyset order must fall back to the id.
        totalAmount: `${200 + (i % 5) * 100.5}`,
        transactionCount: i % 3,
        approvalsNeeded: 2,
        updatedAt: new Date(base + (i % 7) * 1000 + 0.25),
      })),
    )
    .returning({ id: batches.id });
  const [approver] = await database.db.insert(users).values({ email: "approver@test.local", name: "Ann Approver", passwordHash: "x", roles: ["approver"] }).returning();
  await database.db.insert(approvals).values({ batchId: rows[0]!.id, approverId: approver!.id, batchVersion: 1 });
});
afterAll(async () => database?.drop());

async function everyPage(input: Record<string, string>): Promise<BatchListRow[]> {
  const all: BatchListRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listBatches(systemContext(database.db, "test"), listBatchesQuerySchema.parse({ ...input, limit: "4", cursor }));
    all.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const VALUE: Record<(typeof BATCH_SORTS)[number], (row: BatchListRow) => string | number> = {
  updated: (row) => row.updatedAt,
  total: (row) => row.totalAmount,
  transactions: (row) => row.transactionCount,
};

describe("listBatches", () => {
  for (const sort of BATCH_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages through every batch exactly once, sorted by ${sort} ${dir}`, async () => {
        const rows = await everyPage({ sort, dir });
        expect(rows).toHaveLength(23);
        expect(new Set(rows.map((row) => row.id)).size).toBe(23);
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [VALUE[sort](rows[i - 1]!), VALUE[sort](rows[i]!)];
          const order = sort === "total" ? compareAmounts(String(a), String(b)) : a < b ? -1 : a > b ? 1 : 0;
          expect(dir === "asc" ? order <= 0 : order >= 0).toBe(true);
        }
      });
    }
  }

  it("filters by status", async () => {
    const rows = await everyPage({ status: "processing,completed" });
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(["processing", "completed"]));
  });

  it("shows the maker, the method label and the approvals of the current version", async () => {
    const rows = await everyPage({});
    const approved = rows.find((row) => row.approvals === 1);
    expect(approved).toMatchObject({ makerName: "Mia Maker", methodLabel: "PHP Bank Maya" });
    expect(rows.filter((row) => row.approvals === 1)).toHaveLength(1);
    // Submitted batches show what was fixed at submission; drafts what they WILL need at their total.
    expect(rows.filter((row) => row.status !== "draft").every((row) => row.approvalsNeeded === 2)).toBe(true);
    expect(rows.filter((row) => row.status === "draft").every((row) => row.approvalsNeeded === 1)).toBe(true);
  });

  it("finds batches by a payee's name, email or account number, and sums what a completed batch paid", async () => {
    const { makerId } = await seedMakerAndMethod(database.db);
    const maker = { id: makerId };
    const [batch] = await database.db
      .insert(batches)
      .values({ status: "completed", methodName: "ph_bank_maya_php", currency: "PHP", description: "Searchable", createdBy: maker!.id, totalAmount: "700.00", transactionCount: 2, failedCount: 1 })
      .returning({ id: batches.id });
    await database.db.insert(transactions).values([
      { batchId: batch!.id, position: 0, firstName: "Rosa", lastName: "Lim", email: "rosa@example.org", amount: "300.00", params: { account_number: "555000111" }, providerStatus: "settled" },
      { batchId: batch!.id, position: 1, firstName: "Ben", lastName: "Tan", email: "ben@example.org", amount: "400.00", params: { account_number: "555000222" }, providerStatus: "failed" },
    ]);
    for (const q of ["rosa lim", "BEN@EXAMPLE", "555000222", "555-000-111"]) {
      const page = await listBatches(systemContext(database.db, "test"), listBatchesQuerySchema.parse({ q }));
      expect(page.rows.map((row) => row.id)).toEqual([batch!.id]);
    }
    const [row] = (await listBatches(systemContext(database.db, "test"), listBatchesQuerySchema.parse({ q: "rosa" }))).rows;
    expect(row).toMatchObject({ paidCount: 1, paidAmount: "300.00", failedCount: 1 });
    expect((await listBatches(systemContext(database.db, "test"), listBatchesQuerySchema.parse({ q: "nobody-like-this" }))).rows).toEqual([]);
  });

  it("names the field of a bad query", () => {
    const parsed = listBatchesQuerySchema.safeParse({ status: "teleported", sort: "colour" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message).join("; ")).toMatch(/status: unknown batch status.*sort: one of/);
  });

  it("reads a cursor it did not issue as the first page", async () => {
    const page = await listBatches(systemContext(database.db, "test"), listBatchesQuerySchema.parse({ cursor: "garbage", limit: "4" }));
    expect(page.rows).toHaveLength(4);
  });
});
