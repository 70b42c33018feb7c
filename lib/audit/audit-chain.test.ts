import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { chainContent, GENESIS_HASH, verifyAuditExport } from "./audit-chain";
import { exportAuditCsv } from "./export-audit";
import { recordAudit, systemActor } from "./record-audit";

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
let t: TestDatabase;

async function exportText(filters = {}): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of exportAuditCsv(t.sql, filters)) text += decoder.decode(chunk.bytes, { stream: true });
  return text;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await recordAudit(t.db, { actor: systemActor("test"), action: "batch.approve", before: { status: "pending_approval" }, after: { status: "approved", note: "ünïcode ✓" } });
  await recordAudit(t.db, { actor: systemActor("test"), action: "payee.change", details: { formula: "=1+1" }, entityType: "payee", entityId: "-leading-dash" });
  await Promise.all(Array.from({ length: 8 }, (_, i) => recordAudit(t.db, { actor: systemActor("test"), action: `test.concurrent`, details: { i } })));
});
afterAll(async () => t.drop());

describe("audit chain", () => {
  it("links every row to the previous one under the head, in the inserting transaction", async () => {
    const rows = await t.sql<{ chain_seq: string; prev_hash: string; row_hash: string }[]>`select chain_seq, prev_hash, row_hash from audit_log order by chain_seq`;
    expect(rows.map((row) => Number(row.chain_seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.row_hash);
    const [head] = await t.sql`select seq::int as seq, hash from audit_chain_head`;
    expect(head).toEqual({ seq: rows.length, hash: rows.at(-1)!.row_hash });
  });

  it("refuses a head moved by hand", async () => {
    await expect(t.sql`update audit_chain_head set seq = seq + 5`).rejects.toThrow(/forward by one/);
    await expect(t.sql`delete from audit_chain_head`).rejects.toThrow(/cannot be deleted/);
  });

  it("verifies an exported trail, ending with the chain head", async () => {
    const csv = await exportText();
    expect(csv.trimEnd().split("\r\n").at(-1)).toMatch(/^Chain head,10,[0-9a-f]{64},complete$/);
    const verdict = await verifyAuditExport(csv, sha);
    expect(verdict).toMatchObject({ ok: true, rows: 10, complete: true });
  });

  it("catches a one-byte edit and names the row", async () => {
    const csv = await exportText();
    const edited = csv.replace("approved", "approvee");
    expect(edited).not.toBe(csv);
    const verdict = await verifyAuditExport(edited, sha);
    expect(verdict).toMatchObject({ ok: false });
    if (verdict.ok) return;
    expect(verdict.problem).toMatch(/was edited/);
    expect(verdict.line).toBe(csv.split("\r\n").findIndex((line) => line.includes("approved")) + 1);
  });

  it("catches a dropped row, a dropped head, and a swapped sequence", async () => {
    const lines = (await exportText()).split("\r\n");
    const dropped = [...lines.slice(0, 4), ...lines.slice(5)].join("\r\n");
    expect(await verifyAuditExport(dropped, sha)).toMatchObject({ ok: false, problem: expect.stringMatching(/missing|dropped/) });
    // The newest entry by chain sequence (concurrent inserts may order ids and sequences differently).
    const headSeq = lines.find((line) => line.startsWith("Chain head"))!.split(",")[1];
    const newest = lines.findIndex((line) => new RegExp(`,${headSeq},[0-9a-f]{64},[0-9a-f]{64}$`).test(line));
    expect(newest).toBeGreaterThan(0);
    const newestDropped = lines.filter((_, index) => index !== newest).join("\r\n");
    expect(await verifyAuditExport(newestDropped, sha)).toMatchObject({ ok: false, problem: expect.stringMatching(/chain head/) });
    const noTrailer = lines.filter((line) => !line.startsWith("Chain head")).join("\r\n");
    expect(await verifyAuditExport(noTrailer, sha)).toMatchObject({ ok: false, problem: expect.stringMatching(/chain head line/) });
    const reordered = (await exportText()).replace(/,(\d+),([0-9a-f]{64}),([0-9a-f]{64})\r\n/, (_m, seq: string, prev: string, hash: string) => `,${Number(seq) === 1 ? 2 : 1},${prev},${hash}\r\n`);
    expect(await verifyAuditExport(reordered, sha)).toMatchObject({ ok: false });
  });

  it("verifies a filtered export's rows, saying it proves only those", async () => {
    const verdict = await verifyAuditExport(await exportText({ action: "test." }), sha);
    expect(verdict).toMatchObject({ ok: true, rows: 8, complete: false });
  });

  it("hashes cells as the database does", () => {
    expect(chainContent("p", ["ab", "", "✓"])).toBe("p\n2:ab;0:;3:✓;");
  });
});
