import type { Sql } from "./db";

export type Health = { status: "ok" | "degraded"; db: "ok" | string; version: string };

/** Is the database answering? Bounded, so a hung database reports instead of hanging the probe. */
export async function checkHealth(sql: Sql, version: string, timeoutMs = 2000): Promise<Health> {
  try {
    await Promise.race([
      sql`select 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: "ok", db: "ok", version };
  } catch (error) {
    return { status: "degraded", db: `unreachable: ${error instanceof Error ? error.message : String(error)}`, version };
  }
}
