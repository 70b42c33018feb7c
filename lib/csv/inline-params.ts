import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

const dialect = new PgDialect();

/**
 * A string as a Postgres literal. Always the E'' form with quotes and backslashes doubled, so
 * the result reads the same whatever standard_conforming_strings says (the way node-postgres's
 * escapeLiteral does it); the connection is UTF-8 (postgres.js sets client_encoding), where no
 * multibyte character holds a quote or backslash byte. NUL can't be in Postgres text at all.
 */
export function sqlLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("A filter value holds a NUL character, which Postgres text cannot hold");
  return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/**
 * A Drizzle query as one SQL text with its parameters written in as literals. COPY takes no
 * bind parameters, so this is how a parameterised query becomes the body of a COPY: the query is
 * still written with `sql` placeholders (user input never touches the SQL text itself) and each
 * value goes through sqlLiteral, the one escaping rule. Only strings are accepted: every filter
 * is text after its zod schema, and a value of any other type is a programming error here.
 */
export function inlineParams(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  // The queries' own text holds no `$` (they are ours, literals included); the placeholders are
  // replaced in one pass, so a `$1` inside an inlined value is never read as a placeholder.
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (typeof value !== "string") throw new Error(`Parameter $${n} is ${typeof value}, not a string: it cannot be inlined`);
    return sqlLiteral(value);
  });
}
