import { ResendButton, WebhookEndpointControls } from "@/components/admin/webhook-endpoint-controls";
import { RelativeTime } from "@/components/ui/relative-time";
import type { getEndpointWithAttempts } from "@/lib/outgoing-webhooks/manage-endpoints";

type View = NonNullable<Awaited<ReturnType<typeof getEndpointWithAttempts>>>;

/** One endpoint: its deliveries with every attempt (status, latency, body) and "Resend"; its secrets and controls. */
export function WebhookEndpointDetail({ view }: { view: View }) {
  const { endpoint, secrets, deliveries } = view;
  return (
    <>
      <section aria-labelledby="endpoint-heading" className="mt-8 space-y-4" data-testid="webhook-endpoint-detail">
      <h2 id="endpoint-heading" className="text-lg font-semibold text-slate-900 break-all">{endpoint.url}</h2>
      <p className="text-sm text-slate-500">{`${endpoint.enabled ? "Enabled" : `Disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}`} · events: ${endpoint.events.join(", ")}`}</p>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <section aria-labelledby="deliveries-heading" className="space-y-3">
          <h3 id="deliveries-heading" className="text-base font-semibold text-slate-900">
            Deliveries
          </h3>
          {deliveries.length === 0 ? <p className="text-sm text-slate-500">Nothing sent yet.</p> : null}
          {deliveries.map((delivery) => (
            <article key={delivery.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="webhook-delivery">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm">
                  <span className="font-mono text-xs font-semibold">{delivery.eventType}</span> · <span className="font-mono text-xs">{delivery.messageId}</span> · <strong data-testid="delivery-status">{delivery.status}</strong> after {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
                  {delivery.status === "pending" && delivery.nextAttemptAt ? (
                    <>
                      {" "}· next <RelativeTime iso={delivery.nextAttemptAt.toISOString()} />
                    </>
                  ) : null}
                </p>
                <ResendButton deliveryId={delivery.id} label={`${delivery.eventType} ${delivery.messageId}`} />
              </div>
              <table className="mt-3 min-w-full text-xs">
                <caption className="sr-only">Attempts of {delivery.messageId}</caption>
                <thead className="text-left text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 pr-3">When</th>
                    <th scope="col" className="py-1 pr-3">Status</th>
                    <th scope="col" className="py-1 pr-3">Latency</th>
                    <th scope="col" className="py-1">Response</th>
                  </tr>
                </thead>
                <tbody>
                  {delivery.attemptsList.map((attempt) => (
                    <tr key={attempt.id} className="border-t border-slate-100 align-top">
                      <td className="py-1 pr-3"><RelativeTime iso={attempt.at.toISOString()} />{attempt.manual ? " (resend)" : ""}</td>
                      <td className="py-1 pr-3">{attempt.responseStatus ?? "no answer"}</td>
                      <td className="py-1 pr-3">{attempt.latencyMs} ms</td>
                      <td className="py-1 font-mono break-all">{attempt.error ?? attempt.responseBody ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          ))}
        </section>
        <aside className="space-y-4">
          <section aria-labelledby="secrets-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h3 id="secrets-heading" className="text-base font-semibold text-slate-900">
              Signing secrets
            </h3>
            <ul className="mt-2 space-y-1 text-sm">
              {secrets.map((secret) => (
                <li key={secret.createdAt} className={secret.active ? "" : "text-slate-400"}>
                  <span className="font-mono text-xs">{secret.hint}</span> {secret.expiresAt ? `valid until ${secret.expiresAt.replace("T", " ").slice(0, 16)} UTC` : "current"}
                </li>
              ))}
            </ul>
            <div className="mt-4">
              <WebhookEndpointControls endpointId={endpoint.id} enabled={endpoint.enabled} />
            </div>
          </section>
        </aside>
      </div>
      </section>
    </>
  );
}
