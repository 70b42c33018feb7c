"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markNotificationsReadAction } from "@/lib/actions/mark-notifications-read";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";

export type NotificationItem = { id: string; title: string; body: string; link: string | null; read: boolean; createdAt: string };

/** The person's notifications, unread first marked; each can be marked read, or all at once. */
export function NotificationList({ items }: { items: NotificationItem[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const mark = (input: { ids: string[] } | { all: true }) =>
    startTransition(async () => {
      const result = await markNotificationsReadAction(input);
      if (!result.ok) setError(result.message);
      else router.refresh();
    });
  const unread = items.filter((item) => !item.read).length;
  return (
    <section aria-labelledby="notifications-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 id="notifications-heading" className="text-base font-semibold text-slate-900">
          {unread === 0 ? "All read" : `${unread} unread`}
        </h2>
        <Button variant="secondary" disabled={pending || unread === 0} onClick={() => mark({ all: true })}>
          Mark all read
        </Button>
      </div>
      {error ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100" data-testid="notification-list">
        {items.map((item) => (
          <li key={item.id} className={`flex flex-wrap items-start gap-3 px-4 py-3 ${item.read ? "" : "bg-brand-50/40"}`} data-read={item.read}>
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-slate-900">
                {item.read ? null : <span className="sr-only">Unread: </span>}
                {item.link ? (
                  <Link href={item.link} className="hover:underline">
                    {item.title}
                  </Link>
                ) : (
                  item.title
                )}
              </p>
              <p className="mt-0.5 text-sm text-slate-600">{item.body}</p>
              <p className="mt-1 text-xs text-slate-500">
                <RelativeTime iso={item.createdAt} />
              </p>
            </div>
            {item.read ? null : (
              <Button variant="ghost" disabled={pending} onClick={() => mark({ ids: [item.id] })} aria-label={`Mark "${item.title}" read`}>
                Mark read
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
