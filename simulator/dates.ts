/** The provider's timestamp shape: `2023-04-01T00:00:00.000+0000`. */
export function formatProviderTime(time: number | Date): string {
  return new Date(time).toISOString().replace("Z", "+0000");
}

const ISO_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const SHORT_DATE = /^(\d{2})\/(\d{2})\/(\d{2})$/;

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | null {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  // Date.UTC rolls 31/02 over to March; a real calendar date must survive the round trip.
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return same ? ms : null;
}

/** `YYYY-MM-DDTHH:mm:ss`, read as UTC; null when the text is not exactly that. */
export function parseIsoSeconds(text: string): number | null {
  const match = ISO_SECONDS.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return utc(y!, mo!, d!, h!, mi!, s!);
}

/**
 * A list-payouts bound: `DD/MM/YY` or `YYYY-MM-DDThh:mm:ss`, UTC. A bare date as the upper
 * bound means the end of that day, so `from=01/04/23&to=01/04/23` covers the whole day.
 */
export function parseListDate(text: string, bound: "from" | "to"): number | null {
  const short = SHORT_DATE.exec(text);
  if (short) {
    const [, d, mo, y] = short.map(Number) as number[];
    const start = utc(2000 + y!, mo!, d!);
    if (start === null) return null;
    return bound === "from" ? start : start + 24 * 60 * 60 * 1000 - 1;
  }
  return parseIsoSeconds(text);
}

/** The same instant one calendar year later (29 February → 1 March). */
export function addOneYear(ms: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.getTime();
}
