import type { Metadata } from "next";
import { ThresholdForm } from "@/components/approvals/threshold-form";
import { RiskPolicyForm } from "@/components/payees/risk-policy-form";
import { getRiskPolicy } from "@/lib/risk/set-risk-policy";
import { PageHeader } from "@/components/ui/page-header";
import { listApprovalThresholds } from "@/lib/approvals/list-approval-thresholds";
import { DEFAULT_APPROVAL_THRESHOLD } from "@/lib/approvals/schemas";
import { pageContext } from "@/lib/auth/request-context";
import { Instant } from "@/components/ui/time-zone";
import { formatAmount } from "@/lib/money";

export const metadata: Metadata = { title: "Approval thresholds" };


export default async function ThresholdsPage() {
  const ctx = await pageContext("admin.manage");
  const rows = await listApprovalThresholds(ctx);
  const riskPolicy = await getRiskPolicy(ctx);
  return (
    <>
      <PageHeader
        title="Approval thresholds"
        description={`A batch whose total is above its currency's threshold needs two approvals from two different people. Currencies without a setting use ${Number(DEFAULT_APPROVAL_THRESHOLD).toLocaleString("en-US")}.`}
      />
      <div className="space-y-6">
        <RiskPolicyForm secondApprovalOnHighFlag={riskPolicy.secondApprovalOnHighFlag} />
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Currency</th>
                <th scope="col" className="px-4 py-3 text-right">Two approvals above</th>
                <th scope="col" className="px-4 py-3">Last changed</th>
                <th scope="col" className="px-4 py-3">Change</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.currency} data-testid={`threshold-${row.currency}`}>
                  <td className="px-4 py-3 font-medium text-slate-900">{row.currency}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                    {formatAmount(row.amount, row.currency)}
                    {row.isDefault ? <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">default</span> : null}
                  </td>
                  <td className="px-4 py-3 text-slate-500">{row.updatedAt ? <><Instant at={row.updatedAt} /> by {row.updatedBy ?? "unknown"}</> : "Never"}</td>
                  <td className="px-4 py-2">
                    <ThresholdForm currency={row.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-base font-semibold text-slate-900">Another currency</h2>
          <p className="mt-1 text-sm text-slate-500">For a currency no method pays out in yet.</p>
          <div className="mt-4">
            <ThresholdForm />
          </div>
        </div>
      </div>
    </>
  );
}
