import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type DbHandle } from "../../lib/db";

const TEMPLATE_DATABASE = "payout_desk_template";

export type TestDatabase = DbHandle & { url: string; drop: () => Promise<void> };

/** A fresh, migrated database for one test file (a copy of the run's template: milliseconds). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const handle = createDb(url, { max: 5 });
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.sql.end();
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
