import type { Metadata } from "next";
import Link from "next/link";
import { WebhookEndpointDetail } from "@/components/admin/webhook-endpoint-detail";
import { WebhookEndpointForm } from "@/components/admin/webhook-endpoint-form";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/auth/request-context";
import { getEndpointWithAttempts, listEndpoints } from "@/lib/outgoing-webhooks/manage-endpoints";
import { isUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ endpoint?: string | string[] }> }) {
  const ctx = await pageContext("admin.manage");
  const { endpoint: selected } = await searchParams;
  const [endpoints, detail] = await Promise.all([listEndpoints(ctx), isUuid(selected) ? getEndpointWithAttempts(ctx, { endpointId: selected }) : null]);
  return (
    <>
      <PageHeader title="Webhooks" description="Endpoints that receive batch and transaction events, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature). Failed deliveries are retried for up to 3 days." />
      <div className="space-y-6">
        <WebhookEndpointForm />
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Webhook endpoints</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">URL</th>
                <th scope="col" className="px-4 py-2">Events</th>
                <th scope="col" className="px-4 py-2">State</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {endpoints.length === 0 ? (
                <tr>
                  <td colSpan={3} className="px-4 py-6 text-center text-slate-500">No endpoints yet.</td>
                </tr>
              ) : null}
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id} data-testid="webhook-endpoint-row">
                  <td className="px-4 py-2">
                    <Link href={`/admin/webhooks?endpoint=${endpoint.id}`} aria-current={detail?.endpoint.id === endpoint.id ? "page" : undefined} className="font-medium text-brand-700 hover:underline">
                      {endpoint.url}
                    </Link>
                    {endpoint.description ? <p className="text-xs text-slate-500">{endpoint.description}</p> : null}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{endpoint.events.join(", ")}</td>
                  <td className="px-4 py-2">{endpoint.enabled ? (endpoint.failingSince ? "Enabled, failing" : "Enabled") : `Disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {detail ? <WebhookEndpointDetail view={detail} /> : null}
    </>
  );
}
