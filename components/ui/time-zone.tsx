"use client";

import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { exactInstant, formatInstant, type InstantStyle } from "@/lib/format/instant";

const TimeZoneContext = createContext<string | null>(null);

/** The zone chosen on the user menu (read from the cookie by the server layout), or null for the browser's. */
export function TimeZoneProvider({ zone, children }: { zone: string | null; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/**
 * The viewer's zone: the chosen one, else the browser's. The server (and hydration) use the
 * chosen one or UTC, so both first renders agree; the browser's zone follows right after.
 */
export function useTimeZone(): { zone: string; chosen: boolean } {
  const chosen = useContext(TimeZoneContext);
  const zone = useSyncExternalStore(noSubscribe, () => chosen ?? browserZone(), () => chosen ?? "UTC");
  return { zone, chosen: chosen !== null };
}

/** An instant in the viewer's zone, the zone named; exact to the second and in UTC on hover. */
export function Instant({ at, style }: { at: Date | string | null | undefined; style?: InstantStyle }) {
  const { zone } = useTimeZone();
  if (at === null || at === undefined) return <>—</>;
  const iso = typeof at === "string" ? at : at.toISOString();
  return (
    <time dateTime={iso} title={exactInstant(iso, zone)} className="whitespace-nowrap">
      {formatInstant(iso, { timeZone: zone, style })}
    </time>
  );
}
