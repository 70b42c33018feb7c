import { DomainError } from "../errors";

export type Cursor = { at: string; id: string };

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
// A uuid (transactions, batches) or a bigint (audit entries).
const ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,19})$/i;

/**
 * Opaque keyset position: the last row's (created_at, id). The time keeps Postgres's
 * microseconds (a JS Date would round them to milliseconds and skip or repeat rows).
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString("base64url");
}

/** Reads a cursor from a URL; a damaged one is refused, never guessed at. */
export function decodeCursor(text: string): Cursor {
  const [at = "", id = ""] = Buffer.from(text, "base64url").toString("utf8").split("|");
  if (!AT.test(at) || !ID.test(id)) throw new DomainError("invalid", "The page link is damaged or out of date; start again from the first page");
  return { at, id };
}
