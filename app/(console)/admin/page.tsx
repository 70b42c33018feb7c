import type { Metadata } from "next";
import Link from "next/link";
import { ProviderHealthPanel } from "@/components/admin/provider-health";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/auth/request-context";
import { getProviderHealth } from "@/lib/provider-sync/provider-health";
import { getProviderCheckSummary } from "@/lib/provider-check/run-provider-check";
import { ProviderCheckPanel } from "./_components/provider-check-panel";

export const metadata: Metadata = { title: "Admin" };

const SECTIONS = [
  { href: "/admin/users", title: "Users", description: "Add people, change their roles, reset a password, deactivate someone who left." },
  { href: "/admin/methods", title: "Methods", description: "The Hello Clever payout methods catalogue: sync it and see which methods batches can use." },
  { href: "/admin/thresholds", title: "Approval thresholds", description: "Per currency, the batch total above which two different approvers must agree." },
  { href: "/admin/api-keys", title: "API keys", description: "Keys for systems that create and read batches through the machine API (/api/v1). Keys never approve." },
  { href: "/admin/webhooks", title: "Webhooks", description: "Endpoints that receive signed batch and transaction events, with every delivery attempt." },
  { href: "/admin/outbox", title: "Outbox", description: "Mail the console sent, as the local mail catcher received it (embedded defaults)." },
];

export default async function AdminPage() {
  const ctx = await pageContext("admin.manage");
  const [summary, health] = await Promise.all([getProviderCheckSummary(ctx), getProviderHealth(ctx)]);
  const view = {
    last: summary.last ? { ...summary.last, ranAt: summary.last.ranAt.toISOString() } : null,
    lastHeldAt: summary.lastHeldAt?.toISOString() ?? null,
  };
  return (
    <>
      <PageHeader title="Admin" description="Settings that change who can do what. Every change is written to the audit log." />
      <div className="grid gap-4 md:grid-cols-3">
        {SECTIONS.map((section) => (
          <Link key={section.href} href={section.href} className="group rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow">
            <h2 className="flex items-center justify-between text-base font-semibold text-slate-900">
              {section.title}
              <span aria-hidden="true" className="text-slate-500 transition group-hover:translate-x-0.5 group-hover:text-brand-600">→</span>
            </h2>
            <p className="mt-1.5 text-sm text-slate-500">{section.description}</p>
          </Link>
        ))}
      </div>
      <ProviderCheckPanel summary={view} />
      <ProviderHealthPanel health={health} />
    </>
  );
}
