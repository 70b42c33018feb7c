import { drizzle, type PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { PgDatabase } from "drizzle-orm/pg-core";
import postgres from "postgres";
import * as schema from "./schema";

/** A Drizzle handle: the pool or a transaction. Lib functions take one of these. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;
export type Sql = postgres.Sql;

export type DbHandle = { db: Db; sql: Sql };

/** Opens a postgres.js pool with Drizzle on top. `numeric` stays a string (money is never a float). */
export function createDb(url: string, options: { max?: number } = {}): DbHandle {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, connection: { application_name: "payout-desk" } });
  return { db: drizzle(sql, { schema }), sql };
}
