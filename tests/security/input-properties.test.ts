import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import * as apiKeySchemas from "../../lib/api-keys/schemas";
import * as approvalSchemas from "../../lib/approvals/schemas";
import { queryAudit } from "../../lib/audit/query-audit";
import * as auditSchemas from "../../lib/audit/schemas";
import { auditFiltersSchema } from "../../lib/audit/schemas";
import { safeCallback } from "../../lib/auth/safe-callback";
import * as authSchemas from "../../lib/auth/schemas";
import { listBatches, listBatchesQuerySchema } from "../../lib/batches/list-batches";
import * as batchSchemas from "../../lib/batches/schemas";
import { createContext } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { decodeCursor, encodeCursor } from "../../lib/history/cursor";
import { queryBatches } from "../../lib/history/query-batches";
import { queryTransactions } from "../../lib/history/query-transactions";
import * as historySchemas from "../../lib/history/schemas";
import { historyFiltersSchema, parseFilterParams } from "../../lib/history/schemas";
import { errorResponse } from "../../lib/http";
import * as machineApiSchemas from "../../lib/machine-api/schemas";
import * as methodSchemas from "../../lib/methods/schemas";
import * as notificationSchemas from "../../lib/notifications/schemas";
import * as webhookSchemas from "../../lib/outgoing-webhooks/schemas";
import { findPayeesForEditor } from "../../lib/payees/find-payees-for-editor";
import * as payeeSchemas from "../../lib/payees/schemas";
import { payeePickerQuerySchema } from "../../lib/payees/schemas";
import * as userSchemas from "../../lib/users/schemas";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// Issue 13, "bad input is a 4xx, never a 500", as properties: every zod schema the app reads
// input with, and every query-string parser, over generated input (NUL and control characters,
// huge numbers, forged cursors, impossible dates, deep nesting), never throws; and every query a
// parsed filter runs, against real PostgreSQL, either answers or refuses with a DomainError (a 4xx).

// Every schema exported by a lib/<domain>/schemas.ts (a new one is covered without a change here),
// and the batch list's query schema, which lives beside its query.
/** A zod (or zod/mini, as sign-in uses) schema: both carry `_zod` and `safeParse`. */
const isSchema = (value: unknown): boolean => typeof value === "object" && value !== null && "_zod" in value && typeof (value as { safeParse?: unknown }).safeParse === "function";
const SCHEMA_MODULES = [apiKeySchemas, approvalSchemas, auditSchemas, authSchemas, batchSchemas, historySchemas, machineApiSchemas, methodSchemas, notificationSchemas, webhookSchemas, payeeSchemas, userSchemas];
const SCHEMAS: Record<string, ZodType> = Object.fromEntries([
  ...SCHEMA_MODULES.flatMap((module) => Object.entries(module).filter((entry): entry is [string, ZodType] => isSchema(entry[1]))),
  ["listBatchesQuerySchema", listBatchesQuerySchema],
]);

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
const PAYEE_PICKER_KEYS = ["method", "q"];
const queryParams = (keys: string[]) =>
  fc.dictionary(fc.constantFrom(...keys), fc.oneof(text, cursorText, fc.constantFrom("transactions", "batches", "pending", "failed", "draft", "updated", "total", "transactions", "asc", "desc", "PHP", "1000.50", "2026-01-01")), { maxKeys: 6 });

function deep(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

describe("every zod schema reads any input without throwing", () => {
  it("covers the app's schemas", () => {
    expect(Object.keys(SCHEMAS)).toEqual(expect.arrayContaining(["signInSchema", "saveDraftSchema", "createPayeeSchema", "payeePickerQuerySchema", "createApiKeySchema", "historyFiltersSchema"]));
  });
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

  it("history, audit, the batch list and the payee picker", async () => {
    const ctx = createContext(t.db, { kind: "user", id: "00000000-0000-4000-8000-000000000000", label: "maker@test", roles: ["operator"] });
    await fc.assert(
      fc.asyncProperty(queryParams(HISTORY_KEYS), queryParams(AUDIT_KEYS), queryParams(BATCH_KEYS), queryParams(PAYEE_PICKER_KEYS), async (history, audit, list, picker) => {
        const h = parseFilterParams(historyFiltersSchema, history);
        if (h.ok) {
          expect(await statusOf(() => queryTransactions(ctx, { filters: h.filters }))).toBeLessThan(500);
          expect(await statusOf(() => queryBatches(ctx, { filters: h.filters }))).toBeLessThan(500);
        }
        const a = parseFilterParams(auditFiltersSchema, audit);
        if (a.ok) expect(await statusOf(() => queryAudit(ctx, { filters: a.filters }))).toBeLessThan(500);
        const l = listBatchesQuerySchema.safeParse(list);
        if (l.success) expect(await statusOf(() => listBatches(ctx, l.data))).toBeLessThan(500);
        const p = payeePickerQuerySchema.safeParse(picker);
        if (p.success) expect(await statusOf(() => findPayeesForEditor(ctx, p.data))).toBeLessThan(500);
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
