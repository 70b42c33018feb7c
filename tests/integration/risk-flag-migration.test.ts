import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it, inject } from "vitest";
import { systemContext } from "../../lib/context";
import { createDb, type DbHandle } from "../../lib/db";
import { MIGRATIONS_FOLDER } from "../../lib/db/migrate";
import { listBatchFlags } from "../../lib/risk/list-batch-flags";

// Migrations 0023–0024 move a flag's sentence out of the table (it is written when read). A flag
// stored before them must still say what it said: it keeps its sentence in details.text.

const adminUrl = inject("pgAdminUrl");
const name = `migrate_${randomBytes(6).toString("hex")}`;
const url = adminUrl.replace(/\/postgres$/, `/${name}`);
let folder: string;
let handle: DbHandle;

/** Applies the committed migrations up to and including `lastTag` (all of them when absent). */
async function migrateTo(lastTag?: string) {
  let from = MIGRATIONS_FOLDER;
  if (lastTag) {
    const journal = JSON.parse(await fs.readFile(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
    const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
    await fs.cp(MIGRATIONS_FOLDER, folder, { recursive: true });
    await fs.writeFile(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
    from = folder;
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await migrate(drizzle(sql), { migrationsFolder: from });
  await sql.end();
}

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
});
afterAll(async () => {
  await handle?.sql.end();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  await fs.rm(folder, { recursive: true, force: true });
});

it("a flag stored with its sentence before migrations 0023–0024 still says it afterwards", { timeout: 60_000 }, async () => {
  await migrateTo("0022_risk_flags_one_key_check");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [user] = await sql`insert into users (email, name, password_hash, roles) values ('maker@test.example', 'Maker', 'x', '{operator}') returning id`;
  await sql`insert into payout_methods (name, currency, country, label, raw_params, fields, banks) values ('ph_bank_maya_php', 'PHP', 'PH', 'MAYA', '{}', '[]', '[]')`;
  const [batch] = await sql`insert into batches (method_name, currency, description, created_by, status) values ('ph_bank_maya_php', 'PHP', 'Before', ${user!.id}, 'pending_approval') returning id`;
  const [row] = await sql`insert into transactions (batch_id, position, first_name, last_name, email, amount) values (${batch!.id}, 0, 'Ana', 'Cruz', 'ana@example.org', 300) returning id`;
  await sql`insert into risk_flags (batch_id, transaction_id, code, severity, message, amount) values (${batch!.id}, ${row!.id}, 'first_payout', 'medium', 'Row 1: first payout to ana@example.org on this method (as written then)', 300)`;
  await sql.end();

  await migrateTo();
  handle = createDb(url, { max: 1 });
  const flags = await listBatchFlags(systemContext(handle.db, "test"), { batchId: batch!.id as string });
  expect(flags.listed).toEqual([expect.objectContaining({ code: "first_payout", position: 0, message: "Row 1: first payout to ana@example.org on this method (as written then)" })]);
});
