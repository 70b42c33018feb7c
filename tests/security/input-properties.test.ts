import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { setApprovalThresholdSchema, approveBatchSchema, batchIdSchema, rejectBatchSchema } from "../../lib/approvals/schemas";
import { queryAudit } from "../../lib/audit/query-audit";
import { auditFiltersSchema } from "../../lib/audit/schemas";
import { safeCallback } from "../../lib/auth/safe-callback";
import { signInSchema } from "../../lib/auth/schemas";
import { listBatches, listBatchesQuerySchema } from "../../lib/batches/list-batches";
import { cancelBatchSchema, saveDraftSchema, submitForApprovalSchema } from "../../lib/batches/schemas";
import { DomainError } from "../../lib/errors";
import { decodeCursor, encodeCursor } from "../../lib/history/cursor";
import { queryBatches } from "../../lib/history/query-batches";
import { queryTransactions } from "../../lib/history/query-transactions";
import { historyFiltersSchema, parseFilterParams } from "../../lib/history/schemas";
import { errorResponse } from "../../lib/http";
import { changeUserRolesSchema, createUserSchema, resetUserPasswordSchema, setUserActiveSchema } from "../../lib/users/schemas";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// Issue 13, "bad input is a 4xx, never a 500", as properties: every zod schema the app reads
// input with, and every query-string parser, over generated input (NUL and control characters,
// huge numbers, forged cursors, impossible dates, deep nesting), never throws; and every query a
// parsed filter runs, against real PostgreSQL, either answers or refuses with a DomainError (a 4xx).

const SCHEMAS: Record<string, ZodType> = {
  signInSchema: signInSchema as unknown as ZodType,
  createUserSchema,
  changeUserRolesSchema,
  setUserActiveSchema,
  resetUserPasswordSchema,
  approveBatchSchema,
  rejectBatchSchema,
  batchIdSchema,
  setApprovalThresholdSchema,
  saveDraftSchema,
  submitForApprovalSchema,
  cancelBatchSchema,
  historyFiltersSchema,
  auditFiltersSchema,
  listBatchesQuerySchema,
};

const nasty = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "\t",
  "\n",
  "\r\n",
  "\u007f",
  "\u0085",
  "x",
  "99999999999999999999999",
  "-1",
  "1e999",
  "NaN",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "00000000-0000-4000-8000-000000000000",
  "/\\127.0.0.1:9999/x",
  "%00",
  "'; drop table users; --",
  "",
  " ",
);
const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.constant("a".repeat(10_000)));
const cursorText = fc.oneof(
  text,
  text.map((s) => Buffer.from(s).toString("base64url")),
  fc.tuple(text, text).map(([at, id]) => Buffer.from(`${at}|${id}`).toString("base64url")),
  fc.tuple(fc.constantFrom("2026-02-30T10:00:00.000000Z", "2026-01-31T24:00:00.000000Z", "9999-12-31T23:59:59.999999Z", "2026-01-31T10:00:00.000000Z"), fc.constantFrom("99999999999999999999", "1", "00000000-0000-4000-8000-000000000000", "x")).map(([at, id]) => Buffer.from(`${at}|${id}`).toString("base64url")),
  fc.tuple(text, text).map(([value, id]) => Buffer.from(JSON.stringify([value, id])).toString("base64url")),
);

const HISTORY_KEYS = ["view", "from", "to", "status", "batchStatus", "method", "currency", "minAmount", "maxAmount", "maker", "q", "cursor", "page"];
const AUDIT_KEYS = ["actor", "action", "batch", "from", "to", "cursor", "page"];
const BATCH_KEYS = ["status", "sort", "dir", "cursor", "limit"];
const queryParams = (keys: string[]) =>
  fc.dictionary(fc.constantFrom(...keys), fc.oneof(text, cursorText, fc.constantFrom("transactions", "batches", "pending", "failed", "draft", "updated", "total", "transactions", "asc", "desc", "PHP", "1000.50", "2026-01-01")), { maxKeys: 6 });

function deep(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

describe("every zod schema reads any input without throwing", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.oneof(text, fc.array(text), fc.anything()))), (input) => {
          expect(() => schema.safeParse(input)).not.toThrow();
        }),
        { numRuns: 300 },
      );
      expect(() => schema.safeParse(deep(20_000))).not.toThrow();
    });
  }
});

describe("query-string parsers", () => {
  it("filters: a bad value is a named field error, and no accepted text holds a control character", () => {
    for (const [schema, keys] of [
      [historyFiltersSchema, HISTORY_KEYS],
      [auditFiltersSchema, AUDIT_KEYS],
    ] as const) {
      fc.assert(
        fc.property(queryParams(keys), (params) => {
          const parsed = parseFilterParams(schema, params);
          if (!parsed.ok) {
            expect(Object.keys(parsed.fieldErrors).length).toBeGreaterThan(0);
            return;
          }
          for (const value of Object.values(parsed.filters)) if (typeof value === "string") expect(value).not.toMatch(/[\u0000-\u001f\u007f]/);
        }),
        { numRuns: 1000 },
      );
    }
  });

  it("cursor: anything but a cursor we wrote is a DomainError, and ours read back exactly", () => {
    fc.assert(
      fc.property(cursorText, (value) => {
        try {
          const cursor = decodeCursor(value);
          expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
      { numRuns: 2000 },
    );
    expect(() => decodeCursor(Buffer.from("2026-02-30T10:00:00.000000Z|00000000-0000-4000-8000-000000000000").toString("base64url"))).toThrow(DomainError);
    expect(() => decodeCursor(Buffer.from("2026-01-30T10:00:00.000000Z|99999999999999999999").toString("base64url"))).toThrow(DomainError);
  });

  it("callbackUrl: always a path on this site", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.webUrl()), (value) => {
        expect(new URL(safeCallback(value, "http://localhost:3000"), "http://localhost:3000").origin).toBe("http://localhost:3000");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("what a parsed filter runs, on real PostgreSQL, never fails with a 500", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.drop());

  async function statusOf(run: () => Promise<unknown>): Promise<number> {
    try {
      await run();
      return 200;
    } catch (error) {
      return errorResponse(error).status;
    }
  }

  it("history, audit and the batch list", async () => {
    await fc.assert(
      fc.asyncProperty(queryParams(HISTORY_KEYS), queryParams(AUDIT_KEYS), queryParams(BATCH_KEYS), async (history, audit, list) => {
        const h = parseFilterParams(historyFiltersSchema, history);
        if (h.ok) {
          expect(await statusOf(() => queryTransactions(t.db, h.filters))).toBeLessThan(500);
          expect(await statusOf(() => queryBatches(t.db, h.filters))).toBeLessThan(500);
        }
        const a = parseFilterParams(auditFiltersSchema, audit);
        if (a.ok) expect(await statusOf(() => queryAudit(t.db, a.filters))).toBeLessThan(500);
        const l = listBatchesQuerySchema.safeParse(list);
        if (l.success) expect(await statusOf(() => listBatches(t.db, l.data))).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it("the database's own refusals of bad input (NUL, a bad date) are 4xx with a message", async () => {
    const status = await statusOf(() => t.sql`select ${"a\u0000b"}::text`);
    expect(status).toBe(422);
    expect(await statusOf(() => t.sql`select ${"2026-02-30"}::date`)).toBe(422);
  });
});
