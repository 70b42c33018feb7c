import { cookies } from "next/headers";
import { SecondFactorGate } from "@/components/account/second-factor-gate";
import { StepUpProvider } from "@/components/auth/step-up-provider";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { QueryProvider } from "@/components/layout/query-provider";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { StatusAnnouncer } from "@/components/layout/status-announcer";
import { UserMenu } from "@/components/layout/user-menu";
import { Logo } from "@/components/ui/logo";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { countApprovalQueue } from "@/lib/approvals/count-approval-queue";
import { NAV_ITEMS, ROLE_LABELS, can } from "@/lib/auth/roles";
import { getSecondFactorStatus } from "@/lib/auth/second-factor";
import { signedInPageContext } from "@/lib/auth/request-context";
import { chosenTimeZone, TIME_ZONE_COOKIE } from "@/lib/format/instant";
import { countMyUnread } from "@/lib/notifications/user-notifications";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { user, ctx } = await signedInPageContext();
  const unread = await countMyUnread(ctx);
  // Approvers and admins (everyone, once an admin says so) set up a second factor before anything else.
  const secondFactor = await getSecondFactorStatus(ctx, user);
  const waiting = can(user.roles, "approvals.decide") ? await countApprovalQueue(ctx, { approverId: user.id }) : 0;
  const items = NAV_ITEMS.filter((item) => can(user.roles, item.permission)).map((item) => (item.href === "/approvals" ? { ...item, badge: waiting } : item));
  const zone = chosenTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return (
    <TimeZoneProvider zone={zone}>
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <aside className="flex flex-col gap-4 border-b border-slate-200 bg-white px-4 py-4 lg:sticky lg:top-0 lg:h-screen lg:border-b-0 lg:border-r lg:py-6">
        <div className="flex items-center justify-between px-2">
          <Logo className="text-slate-900" />
          <NotificationBell initialUnread={unread} />
        </div>
        <div className="lg:mt-4 lg:flex-1">
          <SidebarNav items={items} />
        </div>
        <UserMenu name={user.name} email={user.email} roles={user.roles.map((role) => ROLE_LABELS[role]).join(", ")} />
      </aside>
      <main className="min-w-0 px-4 py-6 sm:px-8 lg:py-10">
        <div className="mx-auto max-w-7xl">
          <QueryProvider>
            <StepUpProvider methods={{ totp: secondFactor.totp, passkey: secondFactor.passkeys > 0 }}>{secondFactor.required && !secondFactor.enrolled ? <SecondFactorGate /> : children}</StepUpProvider>
          </QueryProvider>
        </div>
      </main>
      <StatusAnnouncer />
    </div>
    </TimeZoneProvider>
  );
}
