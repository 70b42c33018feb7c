import { sql } from "drizzle-orm";
import { transactions } from "../db/schema";
import type { CheckedTransaction } from "./check-transaction";

/** A stored row's payee and payment, as submit re-checks them and the payload hash covers them. */
export const payeeRowColumns = {
  position: transactions.position,
  firstName: transactions.firstName,
  lastName: transactions.lastName,
  email: transactions.email,
  amount: transactions.amount,
  externalId: transactions.externalId,
  params: transactions.params,
};

type Positioned = Array<{ position: number; row: CheckedTransaction }>;

/**
 * Checked rows as one JSON parameter that Postgres expands with jsonb_to_recordset: a
 * 10,000-row batch is stored in a few statements instead of 10,000 (bulk update).
 */
export function transactionRecordset(rows: Positioned) {
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

/**
 * The same rows as one array per column, zipped by `unnest` (bulk insert): Postgres reads
 * plain text arrays instead of building and taking apart a JSON document per row.
 */
export function transactionColumnsSql(rows: Positioned) {
  // sql.param: one array parameter (a bare array would be spread into a list of parameters).
  const column = <T>(pick: (row: CheckedTransaction) => T) => sql.param(rows.map(({ row }) => pick(row)));
  return sql`unnest(
    ${sql.param(rows.map(({ position }) => position))}::int[],
    ${column((row) => row.firstName)}::text[],
    ${column((row) => row.lastName)}::text[],
    ${column((row) => row.email)}::text[],
    ${column((row) => row.amount)}::text[],
    ${column((row) => row.rawAmount)}::text[],
    ${column((row) => row.externalId)}::text[],
    ${column((row) => JSON.stringify(row.params))}::jsonb[],
    ${column((row) => (row.errors === null ? null : JSON.stringify(row.errors)))}::jsonb[]
  ) as r(position, first_name, last_name, email, amount, raw_amount, external_id, params, errors)`;
}
