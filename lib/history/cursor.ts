import { DomainError } from "../errors";

export type Cursor = { at: string; id: string };

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
// A uuid (batches), a bigint (audit entries), or a batch uuid and a row position (transactions).
const ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::\d{1,5})?|\d{1,19})$/i;
const MAX_BIGINT = 9223372036854775807n;

/**
 * Whether a timestamp's text names a real instant PostgreSQL will read (`2026-02-30` or hour 25
 * is refused here, not by a failing query). Accepts ISO (`T`, `Z`) and Postgres's own
 * `2026-01-31 10:00:00.123456+00` output.
 */
export function isRealTimestamp(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/**
 * Opaque keyset position: the last row's (created_at, id). The time keeps Postgres's
 * microseconds (a JS Date would round them to milliseconds and skip or repeat rows).
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString("base64url");
}

/** Reads a cursor from a URL; a damaged or forged one is refused (a 4xx), never guessed at or sent to SQL. */
export function decodeCursor(text: string): Cursor {
  const [at = "", id = "", ...rest] = Buffer.from(text, "base64url").toString("utf8").split("|");
  const idOk = ID.test(id) && (id.includes("-") || BigInt(id) <= MAX_BIGINT);
  if (rest.length > 0 || !AT.test(at) || !isRealTimestamp(at) || !idOk) {
    throw new DomainError("invalid", "The page link is damaged or out of date; start again from the first page");
  }
  return { at, id };
}
