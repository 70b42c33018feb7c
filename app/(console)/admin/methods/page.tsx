import type { Metadata } from "next";
import { formatInstant } from "@/lib/format/instant";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/auth/request-context";
import { listMethods } from "@/lib/methods/list-methods";
import { formatAmount } from "@/lib/money";
import { SyncMethodsButton } from "./_components/sync-methods-button";

export const metadata: Metadata = { title: "Payout methods" };

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 hours ago", from the largest unit that fits. */
function age(at: Date, now: Date): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [["day", 86_400], ["hour", 3_600], ["minute", 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return "just now";
}

export default async function AdminMethodsPage() {
  const methods = await listMethods(await pageContext("admin.manage"));
  const now = new Date();
  const newest = methods.reduce<Date | null>((latest, method) => (!latest || method.syncedAt > latest ? method.syncedAt : latest), null);
  const storedAge = newest ? age(newest, now) : null;
  const unusable = methods.filter((method) => !method.usability.usable).length;
  return (
    <>
      <PageHeader
        title="Payout methods"
        description={
          newest
            ? `${methods.length} methods from Hello Clever, ${unusable > 0 ? `${unusable} unusable, ` : ""}last synced ${storedAge} (${formatInstant(newest)}).`
            : "The catalogue of Hello Clever payout methods, their fields, banks and limits."
        }
        actions={<SyncMethodsButton storedAge={storedAge} />}
      />
      {methods.length === 0 ? (
        <EmptyState title="No methods yet" description="The catalogue is fetched from Hello Clever on first start. Sync it now to fetch it." />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50">
              <tr className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-4 py-3">Method</th>
                <th scope="col" className="px-4 py-3">Fields</th>
                <th scope="col" className="px-4 py-3 text-right">Banks</th>
                <th scope="col" className="px-4 py-3">Limits</th>
                <th scope="col" className="px-4 py-3">Flags</th>
                <th scope="col" className="px-4 py-3">Synced</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {methods.map((method) => {
                const flags = [
                  method.requireContact && "Contact required",
                  method.requireKyc && "KYC required",
                  method.isRefundable && "Refundable",
                  method.isCancellable && "Cancellable",
                ].filter(Boolean);
                return (
                  <tr key={method.name} className={method.usability.usable ? "align-top" : "bg-red-50/40 align-top"}>
                    <td className="px-4 py-3">
                      <p className="font-medium text-slate-900">
                        {method.label} <span className="font-normal text-slate-500">· {method.currency}</span>
                      </p>
                      <p className="text-xs text-slate-500">
                        {method.name}
                        {method.country ? ` · ${method.country}` : ""}
                      </p>
                      {method.usability.usable ? null : (
                        <p className="mt-1.5 max-w-sm text-xs font-medium text-red-700">Unusable: {method.usability.reason}</p>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      {method.fields ? (
                        <ul className="flex max-w-md flex-wrap gap-1.5">
                          {method.fields.map((field) => (
                            <li key={field.key} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700" title={field.key}>
                              {field.label}
                              {field.required ? "" : <span className="text-slate-600"> (optional)</span>}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="text-xs text-slate-500">—</span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums text-slate-700">{method.banks.length}</td>
                    <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">
                      {method.minAmount !== null && method.maxAmount !== null
                        ? `${formatAmount(method.minAmount, method.currency)} – ${formatAmount(method.maxAmount, method.currency)}`
                        : "—"}
                    </td>
                    <td className="px-4 py-3 text-xs text-slate-600">{flags.length > 0 ? flags.join(", ") : "—"}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600" title={formatInstant(method.syncedAt)}>
                      {age(method.syncedAt, now)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
