// Client-safe. The one date formatter: every timestamp, on the server and in the browser.

export type InstantStyle = "minutes" | "seconds";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: InstantStyle): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      ...(style === "seconds" ? { second: "2-digit" } : {}),
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    });
    formatters.set(key, format);
  }
  return format;
}

/**
 * The cookie holding the zone chosen on the user menu; absent = the browser's own zone. Here,
 * not beside the (client) provider: a server component importing a constant from a "use client"
 * module gets a client reference, not the string.
 */
export const TIME_ZONE_COOKIE = "payout-desk-tz";

/** The zone a TIME_ZONE_COOKIE value names, or null (absent, or not a zone this runtime knows). */
export function chosenTimeZone(cookieValue: string | undefined): string | null {
  if (!cookieValue) return null;
  let zone: string;
  try {
    zone = decodeURIComponent(cookieValue);
  } catch {
    return null;
  }
  return isTimeZone(zone) ? zone : null;
}

/** Whether `zone` is an IANA zone this runtime knows ("Asia/Manila", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * "31 Jan 2030, 09:00 UTC" or "31 Jan 2030, 17:00 GMT+8": an instant in a named zone (UTC by
 * default), the zone always written out. Null reads "—".
 */
export function formatInstant(at: Date | string | null | undefined, options: { timeZone?: string; style?: InstantStyle } = {}): string {
  if (at === null || at === undefined) return "—";
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return "—";
  const zone = options.timeZone && isTimeZone(options.timeZone) ? options.timeZone : "UTC";
  return formatter(zone, options.style ?? "minutes").format(date);
}

/** The hover text: exact to the second in the viewer's zone, and in UTC. */
export function exactInstant(at: Date | string, timeZone: string): string {
  const local = formatInstant(at, { timeZone, style: "seconds" });
  const utc = formatInstant(at, { timeZone: "UTC", style: "seconds" });
  return local === utc ? utc : `${local} (${utc})`;
}
