"use client";

import { useSyncExternalStore } from "react";
import { exactInstant, formatInstant } from "@/lib/format/instant";
import { useTimeZone } from "./time-zone";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

function describe(iso: string, now: number, zone: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), "day");
  return formatInstant(iso, { timeZone: zone });
}

// One clock for every RelativeTime on the page, ticking while any is mounted.
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * "3 minutes ago", kept current; exact to the second in the viewer's zone (and UTC) on hover.
 * The server (and hydration) print the instant itself, so both first renders agree.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const current = useSyncExternalStore(subscribe, () => now, () => null);
  const { zone } = useTimeZone();
  return (
    <time dateTime={iso} title={exactInstant(iso, zone)} className="whitespace-nowrap">
      {current === null ? formatInstant(iso, { timeZone: zone }) : describe(iso, current, zone)}
    </time>
  );
}
