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

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of `ms` in `zone`, as if that reading were UTC (ms). */
function wallClockMs(ms: number, zone: string): number {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    wallClocks.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A datetime-local value ("2030-01-31T17:00") read as wall-clock time in `zone`, as a UTC
 * instant (ISO). Blank is unset (undefined); text that is not such a value comes back as it is,
 * for the schema to name. A time skipped by a clock change moves forward, as clocks do.
 */
export function wallTimeToUtc(local: string, zone: string): string | undefined {
  if (local.trim() === "") return undefined;
  const match = WALL_TIME.exec(local.trim());
  if (!match || !isTimeZone(zone)) return local;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at the guess, then at the answer (they differ only across a clock change).
  const first = wall - (wallClockMs(wall, zone) - wall);
  const second = wall - (wallClockMs(first, zone) - first);
  // Neither reads back as the wall time inside a clock change's gap: take the later (forward).
  return new Date(wallClockMs(second, zone) === wall ? second : Math.max(first, second)).toISOString();
}

/** The datetime-local value ("2030-01-31T17:00") that shows a UTC instant in `zone`. */
export function utcToWallTime(iso: string | null | undefined, zone: string): string {
  if (!iso) return "";
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return "";
  return new Date(wallClockMs(ms, isTimeZone(zone) ? zone : "UTC")).toISOString().slice(0, 16);
}
