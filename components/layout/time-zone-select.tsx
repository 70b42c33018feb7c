"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useSyncExternalStore } from "react";
import { useTimeZone } from "@/components/ui/time-zone";
import { TIME_ZONE_COOKIE } from "@/lib/format/instant";

const BROWSER = "";
const noSubscribe = () => () => {};

/** The user menu's time zone choice: the browser's zone, or one named zone; kept in a cookie for a year. */
export function TimeZoneSelect() {
  const router = useRouter();
  const id = useId();
  const { zone, chosen } = useTimeZone();
  // The zone list is the browser's own (it may differ from the server's): filled in after hydration.
  const mounted = useSyncExternalStore(noSubscribe, () => true, () => false);
  const zones = useMemo(() => {
    const all = mounted && typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const list = all.includes("UTC") ? all : ["UTC", ...all];
    return chosen && !list.includes(zone) ? [zone, ...list] : list;
  }, [mounted, chosen, zone]);
  return (
    <div className="mt-2">
      {/* The zone in effect is in the label, not the option: the narrow select would cut it off. */}
      <label htmlFor={id} className="block text-xs text-slate-600">
        Time zone{chosen ? null : <span className="text-slate-500"> · {zone}</span>}
      </label>
      {/* Disabled until hydrated: a choice made before then would reach no handler and be lost. */}
      <select
        id={id}
        disabled={!mounted}
        value={chosen ? zone : BROWSER}
        onChange={(event) => {
          const value = event.target.value;
          document.cookie = value
            ? `${TIME_ZONE_COOKIE}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`
            : `${TIME_ZONE_COOKIE}=; path=/; max-age=0; samesite=lax`;
          router.refresh();
        }}
        className="mt-0.5 w-full rounded-md border-0 bg-white py-1 pr-7 pl-2 text-xs text-slate-900 ring-1 ring-slate-300"
      >
        <option value={BROWSER}>Browser</option>
        {zones.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
