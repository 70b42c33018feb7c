import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { systemContext } from "../context";
import { exportAuditCsv } from "./export-audit";
import { queryAudit } from "./query-audit";
import { recordAudit, systemActor } from "./record-audit";
import { auditFiltersSchema } from "./schemas";

let t: TestDatabase;
const batchId = randomUUID();
const filters = (input: Record<string, string> = {}) => auditFiltersSchema.parse(input);

beforeAll(async () => {
  t = await createTestDatabase();
  const ana = { kind: "user" as const, id: randomUUID(), label: "ana@example.com" };
  await recordAudit(t.db, { actor: ana, action: "batch.create", batchId, after: { status: "draft" } });
  await recordAudit(t.db, { actor: ana, action: "batch.submit", batchId, before: { status: "draft" }, after: { status: "pending_approval" } });
  await recordAudit(t.db, { actor: { kind: "user", id: randomUUID(), label: "bo@example.com" }, action: "batch.approve", batchId, details: { note: "=cmd" } });
  await recordAudit(t.db, { actor: systemActor("reconcile"), action: "batch.reconcile", batchId: randomUUID(), before: { status: "processing" }, after: { status: "completed" } });
  await recordAudit(t.db, { actor: ana, action: "user.create", entityType: "user", entityId: randomUUID() });
  // Same instant for many entries (one transaction's now()): the page order still totals by id.
  await t.sql`insert into audit_log (at, actor_label, action) select '2025-01-01T00:00:00Z', 'job:bulk', 'bulk.write' from generate_series(1, 120)`;
});
afterAll(async () => t.drop());

describe("audit trail query", () => {
  it.each([
    ["actor (part of the email or job name)", { actor: "ana@" }, ["user.create", "batch.submit", "batch.create"]],
    ["action prefix", { action: "batch." }, ["batch.reconcile", "batch.approve", "batch.submit", "batch.create"]],
    ["exact action", { action: "batch.approve" }, ["batch.approve"]],
    ["system actor", { actor: "job:reconcile" }, ["batch.reconcile"]],
    ["batch", { batch: batchId }, ["batch.approve", "batch.submit", "batch.create"]],
    ["short batch id, as the console shows it", { get batch() { return batchId.slice(0, 8); } }, ["batch.approve", "batch.submit", "batch.create"]],
    ["date range", { from: "2025-01-01", to: "2025-01-01" }, Array(50).fill("bulk.write")],
  ])("filters by %s, newest first", async (_name, input, actions) => {
    const page = await queryAudit(systemContext(t.db, "test"), { filters: filters(input as Record<string, string>) });
    expect(page.rows.map((row) => row.action)).toEqual(actions);
  });

  it("pages through entries that share a timestamp without gaps or repeats", async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryAudit(systemContext(t.db, "test"), { filters: filters({ action: "bulk.", ...(cursor ? { cursor } : {}) }), limit: 50 });
      ids.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
  });

  it("exports the filtered entries as CSV with before, after and details as JSON", async () => {
    const parts: Uint8Array[] = [];
    for await (const chunk of exportAuditCsv(t.sql, filters({ batch: batchId }))) parts.push(chunk.bytes);
    const text = Buffer.concat(parts).toString("utf8");
    const [header, ...lines] = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data;
    expect(header?.slice(0, 3)).toEqual(["Time (UTC)", "Actor", "Action"]);
    // The last line is the audit chain's head (issue 17), not an entry.
    expect(lines.at(-1)?.[0]).toBe("Chain head");
    const records = lines.slice(0, -1);
    expect(records.map((record) => record[2])).toEqual(["batch.approve", "batch.submit", "batch.create"]);
    // jsonb's own text (Postgres writes the file): the JSON values, spacing aside.
    expect(JSON.parse(records[1]![6]!)).toEqual({ status: "draft" });
    expect(JSON.parse(records[1]![7]!)).toEqual({ status: "pending_approval" });
    expect(JSON.parse(records[0]![8]!)).toEqual({ note: "=cmd" });
  });
});
