import type { ProviderHealth } from "@/lib/provider-sync/provider-health";

/** /admin: what Hello Clever sent that the console could not fully place (unknown statuses, unmatched rows, refused webhooks). */
export function ProviderHealthPanel({ health }: { health: ProviderHealth }) {
  const unknownPayouts = health.unknownPayoutStatuses.reduce((sum, row) => sum + row.batches, 0);
  const unknownTransactions = health.unknownTransactionStatuses.reduce((sum, row) => sum + row.transactions, 0);
  const refused = health.refusedDeliveries.reduce((sum, row) => sum + row.count, 0);
  return (
    <section className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="provider-health-heading" data-testid="provider-health">
      <h2 id="provider-health-heading" className="text-base font-semibold text-slate-900">
        Provider health
      </h2>
      <dl className="mt-3 grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-slate-500">Batches with an unknown Hello Clever status</dt>
          <dd className="mt-1 text-lg font-medium text-slate-900" data-testid="unknown-payout-statuses">{unknownPayouts}</dd>
          {health.unknownPayoutStatuses.map((row) => (
            <dd key={row.status} className="text-xs text-slate-600">
              Unknown status: {row.status} × {row.batches}
            </dd>
          ))}
        </div>
        <div>
          <dt className="text-slate-500">Transactions with an unknown status</dt>
          <dd className="mt-1 text-lg font-medium text-slate-900" data-testid="unknown-transaction-statuses">{unknownTransactions}</dd>
          {health.unknownTransactionStatuses.map((row) => (
            <dd key={row.status} className="text-xs text-slate-600">
              Unknown status: {row.status} × {row.transactions}
            </dd>
          ))}
        </div>
        <div>
          <dt className="text-slate-500">Provider transactions matching no row</dt>
          <dd className="mt-1 text-lg font-medium text-slate-900">{health.unmatchedTransactions}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Webhooks refused, last 24 h</dt>
          <dd className="mt-1 text-lg font-medium text-slate-900">{refused}</dd>
          {health.refusedDeliveries.map((row) => (
            <dd key={row.httpStatus} className="text-xs text-slate-600">
              HTTP {row.httpStatus} × {row.count}
            </dd>
          ))}
        </div>
      </dl>
    </section>
  );
}
