"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { subscribeLive } from "@/components/live/live-events";
import { IntentLink } from "@/components/ui/intent-link";

/**
 * The bell: unread count, refreshed live when the console's event stream (/api/live) says a
 * notification arrived for this person, and whenever the page changes (reading marks them).
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  const pathname = usePathname();
  useEffect(() => {
    let cancelled = false;
    const refresh = () =>
      fetch("/api/notifications/unread", { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<{ unread: number }>) : null))
        .then((body) => {
          if (body && !cancelled) setUnread(body.unread);
        })
        .catch(() => undefined);
    const unsubscribes = [subscribeLive("notification", refresh), subscribeLive("ready", refresh)];
    const onFocus = () => void refresh();
    window.addEventListener("focus", onFocus);
    return () => {
      cancelled = true;
      unsubscribes.forEach((unsubscribe) => unsubscribe());
      window.removeEventListener("focus", onFocus);
    };
  }, [pathname]);
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <IntentLink href="/notifications" aria-label={label} title={label} className="relative inline-flex size-9 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900" data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-5">
        <path strokeLinecap="round" strokeLinejoin="round" d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0" />
      </svg>
      {unread > 0 ? (
        <span data-testid="notification-count" className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </IntentLink>
  );
}
