import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { runMigrations } from "../../lib/db/migrate";
import { freePort } from "./free-port";

export const TEMPLATE_DATABASE = "payout_desk_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** One throwaway PostgreSQL cluster per test run, with a migrated template each test file copies. */
export default async function setup(project: TestProject) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "payout-desk-test-"));
  await fs.chmod(root, 0o755); // the postgres system user must reach its data dir
  const port = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, "pg"), port, database: TEMPLATE_DATABASE, ephemeral: true });
  await runMigrations(pg.url);
  // A template must have no open connections when it is copied.
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin`update pg_database set datistemplate = true where datname = ${TEMPLATE_DATABASE}`;
  await admin.end();
  project.provide("pgAdminUrl", pg.adminUrl);
  return async () => {
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  };
}
