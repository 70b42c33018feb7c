import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { QueryProvider } from "@/components/layout/query-provider";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { StatusAnnouncer } from "@/components/layout/status-announcer";
import { TimeZoneSelect } from "@/components/layout/time-zone-select";
import { Logo } from "@/components/ui/logo";
import { TIME_ZONE_COOKIE, TimeZoneProvider } from "@/components/ui/time-zone";
import { countApprovalQueue } from "@/lib/approvals/count-approval-queue";
import { NAV_ITEMS, ROLE_LABELS, can } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { isTimeZone } from "@/lib/format/instant";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const waiting = can(user.roles, "approvals.decide") ? await countApprovalQueue({ db: getDb() }, { approverId: user.id }) : 0;
  const items = NAV_ITEMS.filter((item) => can(user.roles, item.permission)).map((item) => (item.href === "/approvals" ? { ...item, badge: waiting } : item));
  const chosenZone = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? null;
  const zone = chosenZone && isTimeZone(decodeURIComponent(chosenZone)) ? decodeURIComponent(chosenZone) : null;
  const initials = user.name
    .split(" ")
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <TimeZoneProvider zone={zone}>
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <aside className="flex flex-col gap-4 border-b border-slate-200 bg-white px-4 py-4 lg:sticky lg:top-0 lg:h-screen lg:border-b-0 lg:border-r lg:py-6">
        <div className="px-2">
          <Logo className="text-slate-900" />
        </div>
        <div className="lg:mt-4 lg:flex-1">
          <SidebarNav items={items} />
        </div>
        <div className="flex items-start gap-3 rounded-xl border border-slate-200 p-3" data-testid="current-user">
          <span className="grid size-9 shrink-0 place-items-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700" aria-hidden="true">
            {initials}
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-slate-900" title={user.email}>
              {user.name}
            </p>
            <p className="truncate text-xs text-slate-500">{user.roles.map((role) => ROLE_LABELS[role]).join(", ")}</p>
            <TimeZoneSelect />
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main className="min-w-0 px-4 py-6 sm:px-8 lg:py-10">
        <div className="mx-auto max-w-7xl">
          <QueryProvider>{children}</QueryProvider>
        </div>
      </main>
      <StatusAnnouncer />
    </div>
    </TimeZoneProvider>
  );
}
