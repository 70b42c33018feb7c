import type PgBoss from "pg-boss";
import type { Sql } from "../db";

/**
 * Lets pg-boss run a statement on the app's postgres.js pool (prepared, one round trip) instead
 * of its own node-postgres pool: used on the webhook receiver's hot path, where the enqueue is
 * one of only three statements per delivery.
 */
export function pgBossExecutor(sql: Sql): PgBoss.Db {
  return {
    async executeSql(text, values) {
      // node-postgres sends undefined as NULL and objects as JSON text; on a pool Drizzle has
      // wrapped, postgres.js passes json values through as text, so send the text itself.
      const params = values.map((value) => (value === undefined ? null : value !== null && typeof value === "object" && !(value instanceof Date) ? JSON.stringify(value) : value));
      return { rows: await sql.unsafe(text, params as never[], { prepare: true }) };
    },
  };
}
