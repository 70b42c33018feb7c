import Ajv2020 from "ajv/dist/2020";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../../lib/api-keys/manage-api-keys";
import { createContext, type ServiceContext } from "../../lib/context";
import { auditLog, batches } from "../../lib/db/schema";
import { cancelBatchHandler, createBatchHandler, getBatchHandler, listBatchesHandler, listMethodsHandler, type ApiDeps } from "../../lib/machine-api/handlers";
import { openApiDocument } from "../../lib/machine-api/openapi";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertUser, mayaRow } from "../helpers/batch-fixtures";
import { ensureMaya } from "../helpers/pending-batch";

// The machine API end to end on real PostgreSQL, every answer checked against /api/v1/openapi.json.
let t: TestDatabase;
let deps: ApiDeps;
let adminCtx: ServiceContext;
let operatorKey: { key: string; apiKeyId: string };
let auditorKey: { key: string; apiKeyId: string };

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };
const doc = openApiDocument() as unknown as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Contract: the status is documented for the operation and the body matches its schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, checked against the schema below
async function contract(method: string, template: string, response: Response): Promise<any> {
  const body = await response.json();
  const documented = doc.paths[template]?.[method]?.responses[String(response.status)];
  expect(documented, `${method.toUpperCase()} ${template} ${response.status} is documented`).toBeDefined();
  const key = `${method} ${template} ${response.status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ ...documented!.content!["application/json"]!.schema, components: doc.components });
    validators.set(key, validate);
  }
  expect(validate(body), `${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return body;
}

const call = (path: string, init: { key?: string; method?: string; body?: string; idempotencyKey?: string; contentType?: string } = {}) =>
  new Request(`http://console.test${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.idempotencyKey ? { "idempotency-key": init.idempotencyKey } : {}),
      ...(init.body !== undefined ? { "content-type": init.contentType ?? "application/json" } : {}),
    },
    body: init.body,
  });

const rows = (n: number) => Array.from({ length: n }, (_, i) => mayaRow(i + 1));

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureMaya(t.db);
  deps = { db: t.db, rateLimitPerMinute: 1000, approvalExpiryDays: 7 };
  const admin = await insertUser(t.db, ["admin"], "Admin");
  adminCtx = createContext(t.db, { kind: "user", id: admin.id, label: admin.label, roles: ["admin"] });
  operatorKey = await createApiKey(adminCtx, { name: "Payroll system", role: "operator" });
  auditorKey = await createApiKey(adminCtx, { name: "Books", role: "auditor" });
});
afterAll(async () => t?.drop());

describe("machine API", () => {
  it("lists methods with their fields", async () => {
    const body = await contract("get", "/api/v1/methods", await listMethodsHandler(call("/api/v1/methods", { key: auditorKey.key }), deps));
    const maya = body.data.find((m: { name: string }) => m.name === "ph_bank_maya_php");
    expect(maya.fields.map((f: { key: string }) => f.key)).toEqual(["account_number", "account_name", "bank_code"]);
  });

  it("creates a 1,000-row batch straight to pending approval; the same Idempotency-Key and body get the same batch", async () => {
    const payload = JSON.stringify({ method: "ph_bank_maya_php", description: "Payroll via API", submit: true, transactions: rows(1000) });
    const first = await createBatchHandler(call("/api/v1/batches", { key: operatorKey.key, method: "POST", body: payload, idempotencyKey: "payroll-2026-03" }), deps);
    expect(first.status).toBe(201);
    const created = await contract("post", "/api/v1/batches", first);
    expect(created.data).toMatchObject({ status: "pending_approval", transaction_count: 1000 });
    const again = await createBatchHandler(call("/api/v1/batches", { key: operatorKey.key, method: "POST", body: payload, idempotencyKey: "payroll-2026-03" }), deps);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await contract("post", "/api/v1/batches", again)).data.id).toBe(created.data.id);
    expect(await t.db.$count(batches, eq(batches.description, "Payroll via API"))).toBe(1);
    // Keys never approve; the batch's maker is the key (maker-checker).
    const [stored] = await t.db.select().from(batches).where(eq(batches.id, created.data.id));
    expect(stored!.createdBy).toBe(operatorKey.apiKeyId);

    const other = await createBatchHandler(call("/api/v1/batches", { key: operatorKey.key, method: "POST", body: payload.replace("Payroll via API", "Another payroll"), idempotencyKey: "payroll-2026-03" }), deps);
    expect(other.status).toBe(422);
    expect((await contract("post", "/api/v1/batches", other)).error.code).toBe("idempotency_key_reused");
  });

  it("refuses invalid rows in one documented shape naming the row and field, creating nothing", async () => {
    const bad = rows(3);
    bad[2] = { ...bad[2]!, amount: "12,50" };
    const response = await createBatchHandler(call("/api/v1/batches", { key: operatorKey.key, method: "POST", body: JSON.stringify({ method: "ph_bank_maya_php", description: "Bad rows batch", transactions: bad }), idempotencyKey: "bad-1" }), deps);
    expect(response.status).toBe(422);
    const body = await contract("post", "/api/v1/batches", response);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details).toContainEqual(expect.objectContaining({ row: 3, field: "amount" }));
    expect(await t.db.$count(batches, eq(batches.description, "Bad rows batch"))).toBe(0);
  });

  it("refuses a missing or revoked key (401), a reader creating (403), and a POST without Idempotency-Key (400)", async () => {
    await contract("get", "/api/v1/methods", await listMethodsHandler(call("/api/v1/methods"), deps));
    const forbidden = await createBatchHandler(call("/api/v1/batches", { key: auditorKey.key, method: "POST", body: "{}", idempotencyKey: "x" }), deps);
    expect(forbidden.status).toBe(403);
    await contract("post", "/api/v1/batches", forbidden);
    const noKey = await createBatchHandler(call("/api/v1/batches", { key: operatorKey.key, method: "POST", body: "{}" }), deps);
    expect(noKey.status).toBe(400);
    await contract("post", "/api/v1/batches", noKey);
    const spare = await createApiKey(adminCtx, { name: "Spare", role: "auditor" });
    await revokeApiKey(adminCtx, { apiKeyId: spare.apiKeyId });
    expect((await listMethodsHandler(call("/api/v1/methods", { key: spare.key }), deps)).status).toBe(401);
    expect((await listMethodsHandler(call("/api/v1/methods", { key: `${spare.key.slice(0, -1)}x` }), deps)).status).toBe(401);
  });

  it("creates a draft from CSV, reads it back with masked account numbers, and cancels it", async () => {
    const csv = ["first_name,last_name,email,amount,external_id,account_number,account_name,bank_code", "Ana,Reyes,ana@example.org,300.00,r-1,000123456789,Ana Reyes,601"].join("\n");
    const created = await createBatchHandler(call(`/api/v1/batches?method=ph_bank_maya_php&description=${encodeURIComponent("CSV draft batch")}`, { key: operatorKey.key, method: "POST", body: csv, contentType: "text/csv", idempotencyKey: "csv-1" }), deps);
    expect(created.status).toBe(201);
    const { data } = await contract("post", "/api/v1/batches", created);
    expect(data.status).toBe("draft");
    const read = await contract("get", "/api/v1/batches/{batchId}", await getBatchHandler(call(`/api/v1/batches/${data.id}`, { key: auditorKey.key }), deps, data.id));
    expect(read.data.transactions[0]).toMatchObject({ first_name: "Ana", amount: "300.00", params: { account_number: "****6789" } });
    const cancelled = await cancelBatchHandler(call(`/api/v1/batches/${data.id}/cancel`, { key: operatorKey.key, method: "POST", body: "", idempotencyKey: "cancel-1" }), deps, data.id);
    expect((await contract("post", "/api/v1/batches/{batchId}/cancel", cancelled)).data.status).toBe("cancelled");
    const missing = await getBatchHandler(call(`/api/v1/batches/00000000-0000-4000-8000-000000000000`, { key: auditorKey.key }), deps, "00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    await contract("get", "/api/v1/batches/{batchId}", missing);
  });

  it("lists batches with the history filters and a keyset cursor", async () => {
    const first = await contract("get", "/api/v1/batches", await listBatchesHandler(call("/api/v1/batches?limit=1", { key: auditorKey.key }), deps));
    expect(first.data).toHaveLength(1);
    expect(first.next_cursor).toBeTruthy();
    const second = await contract("get", "/api/v1/batches", await listBatchesHandler(call(`/api/v1/batches?limit=1&cursor=${first.next_cursor}`, { key: auditorKey.key }), deps));
    expect(second.data[0].id).not.toBe(first.data[0].id);
    const pending = await contract("get", "/api/v1/batches", await listBatchesHandler(call("/api/v1/batches?status=pending_approval", { key: auditorKey.key }), deps));
    expect(pending.data.every((b: { status: string }) => b.status === "pending_approval")).toBe(true);
    const bad = await listBatchesHandler(call("/api/v1/batches?status=nope", { key: auditorKey.key }), deps);
    expect(bad.status).toBe(422);
    expect((await contract("get", "/api/v1/batches", bad)).error.details[0].field).toBe("status");
  });

  it("rate-limits each key (429 with Retry-After) and audits every call with the key as the actor", async () => {
    const limited = { ...deps, rateLimitPerMinute: 2 };
    const key = await createApiKey(adminCtx, { name: "Chatty", role: "auditor" });
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 3; i += 1) {
      last = await listMethodsHandler(call("/api/v1/methods", { key: key.key }), limited);
      statuses.push(last.status);
    }
    // A minute boundary may fall between the calls; the third is refused unless it did.
    if (statuses[2] === 429) {
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      await contract("get", "/api/v1/methods", last!);
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "api.request"), eq(auditLog.actorId, key.apiKeyId)));
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited[0]!.details).toMatchObject({ method: "GET", path: "/api/v1/methods", status: 200 });
    const [{ n }] = (await t.db.execute(sql`select count(*)::int as n from api_keys where last_used_at is not null and id = ${key.apiKeyId}`)) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });
});
