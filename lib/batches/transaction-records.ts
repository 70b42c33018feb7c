import { sql } from "drizzle-orm";
import type { CheckedTransaction } from "./check-transaction";

/**
 * Checked rows as one JSON parameter that Postgres expands with jsonb_to_recordset: a
 * 10,000-row batch is stored in a few statements instead of 10,000 (bulk insert and update).
 */
export function transactionRecordset(rows: Array<{ position: number; row: CheckedTransaction }>) {
  const records = rows.map(({ position, row }) => ({
    position,
    first_name: row.firstName,
    last_name: row.lastName,
    email: row.email,
    amount: row.amount,
    raw_amount: row.rawAmount,
    external_id: row.externalId,
    params: row.params,
    errors: row.errors,
  }));
  return sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(
    position int, first_name text, last_name text, email text, amount text, raw_amount text, external_id text, params jsonb, errors jsonb
  )`;
}
