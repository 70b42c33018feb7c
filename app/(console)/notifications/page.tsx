import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/auth/request-context";
import { getMyPreferences, listMyNotifications } from "@/lib/notifications/user-notifications";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  const ctx = await pageContext("batches.view");
  const [items, preferences] = await Promise.all([listMyNotifications(ctx), getMyPreferences(ctx)]);
  return (
    <>
      <PageHeader title="Notifications" description="What needs you, and what happened to your batches. New ones appear here and on the bell as they happen." />
      <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
        {items.length === 0 ? (
          <EmptyState title="Nothing yet" description="You will be told here when a batch waits for your approval, when yours is approved or rejected, and when one needs attention." />
        ) : (
          <NotificationList items={items.map((item) => ({ id: item.id, title: item.title, body: item.body, link: item.link, read: item.readAt !== null, createdAt: item.createdAt.toISOString() }))} />
        )}
        <PreferencesForm initial={preferences} />
      </div>
    </>
  );
}
