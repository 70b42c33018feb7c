import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { auditLog } from "../db/schema";
import { recordAudit, systemActor } from "./record-audit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe("audit log", () => {
  it("records who did what with before and after", async () => {
    await recordAudit(t.db, { actor: systemActor("reconcile"), action: "batch.reconcile", before: { status: "submitted" }, after: { status: "completed" } });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "batch.reconcile"));
    expect(row).toMatchObject({ actorId: null, actorLabel: "job:reconcile", before: { status: "submitted" }, after: { status: "completed" } });
  });

  it("refuses UPDATE, DELETE and TRUNCATE (append-only at the database)", async () => {
    await recordAudit(t.db, { actor: systemActor("test"), action: "test.write" });
    await expect(t.sql`update audit_log set action = 'tampered'`).rejects.toThrow(/append-only/);
    await expect(t.sql`delete from audit_log`).rejects.toThrow(/append-only/);
    await expect(t.sql`truncate audit_log`).rejects.toThrow(/append-only/);
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, "tampered"));
    expect(rows).toHaveLength(0);
  });

  it("refuses UPDATE and DELETE for a non-superuser role too, which cannot switch the trigger off", async () => {
    // Production connects as an ordinary role with table rights, not as the superuser.
    const role = `app_${Math.random().toString(36).slice(2, 8)}`;
    await t.sql.unsafe(`create role ${role} login password 'app-password'`);
    await t.sql.unsafe(`grant select, insert, update, delete on audit_log to ${role}`);
    const asApp = postgres(t.url.replace("postgres:postgres@", `${role}:app-password@`), { max: 1, onnotice: () => {} });
    try {
      await expect(asApp`update audit_log set action = 'tampered'`).rejects.toThrow(/append-only/);
      await expect(asApp`delete from audit_log`).rejects.toThrow(/append-only/);
      await expect(asApp`set session_replication_role = replica`).rejects.toThrow(/permission denied/);
    } finally {
      await asApp.end();
    }
  });
});
