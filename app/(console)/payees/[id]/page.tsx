import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactActions } from "@/components/payees/contact-actions";
import { PayeeDecision } from "@/components/payees/payee-decision";
import { PayeeForm } from "@/components/payees/payee-form";
import { PayeeStatusBadge } from "@/components/payees/payee-status-badge";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { pageContext } from "@/lib/auth/request-context";
import { formatAmount } from "@/lib/money";
import { getPayee } from "@/lib/payees/get-payee";
import { changedParams, maskParams } from "@/lib/payees/mask";
import { payeeForPolicyView } from "@/lib/payees/payee-policy-view";
import { mayDecidePayee, proposerOf } from "@/lib/policy/payees";
import { isUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Payee" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (date: Date) => `${dateTime.format(date)} UTC`;

function Details({ params, reveal, highlight = [] }: { params: Record<string, string>; reveal: boolean; highlight?: string[] }) {
  const shown = maskParams(params, reveal);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {Object.entries(shown).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-slate-500">{key}</dt>
          <dd className={`font-mono text-xs ${highlight.includes(key) ? "font-semibold text-amber-800" : "text-slate-800"}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function PayeePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("payees.view");
  const { actor } = ctx;
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const payee = await getPayee(ctx, { payeeId: id });
  if (!payee) notFound();
  const reveal = can(actor.roles, "payees.view_account");
  const policySubject = payeeForPolicyView(payee);
  const mayDecide = mayDecidePayee(actor, policySubject).allowed;
  // Approvers keep the decision's place on the page after it refreshes, so its outcome stays shown.
  const mayApprovePayees = can(actor.roles, "approvals.decide");
  const waitingOn = proposerOf(policySubject);
  const mayPropose = can(actor.roles, "payees.edit");
  const fields = payee.methodFields.map((f) => ({ key: f.key, label: f.label, required: f.required }));

  return (
    <>
      <PageHeader
        title={payee.name}
        description={`${payee.email} · ${payee.methodLabel}`}
        actions={
          payee.status === "active" && mayPropose ? (
            <Link href={`/batches/new?method=${encodeURIComponent(payee.methodName)}&payee=${payee.id}`} className={buttonClasses("primary")}>
              Pay again
            </Link>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="details-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <h2 id="details-heading" className="text-base font-semibold text-slate-900">
                Account details
              </h2>
              <PayeeStatusBadge status={payee.status} pendingChange={payee.pending !== null} />
            </div>
            <Details params={payee.params} reveal={reveal} />
            <p className="mt-3 text-xs text-slate-500">
              Added by {payee.makerName ?? "unknown"}
              {payee.approvedAt ? `; approved by ${payee.approvedByName ?? "unknown"} on ${when(payee.approvedAt)}` : ""}
              {payee.detailsChangedAt ? `; account details last changed ${when(payee.detailsChangedAt)}` : ""}.
              {reveal ? "" : " Account numbers show their last 4 characters only."}
            </p>
            {payee.status === "pending_approval" ? (
              <div className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="payee-waiting">
                <p className="font-medium">This payee waits for approval by someone other than {payee.makerName ?? "its maker"}.</p>
                {waitingOn === actor.id ? <p className="mt-1">You added it, so someone else must approve it.</p> : null}
              </div>
            ) : null}
            {payee.pending ? (
              <div className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="payee-change">
                <p className="font-medium">
                  Change proposed by {payee.pendingByName ?? "unknown"}
                  {payee.pendingAt ? ` on ${when(payee.pendingAt)}` : ""}: not in effect until someone else approves it.
                </p>
                <div className="mt-3 grid gap-4 sm:grid-cols-2">
                  <div>
                    <p className="mb-1 text-xs font-medium uppercase tracking-wide">Now</p>
                    <Details params={payee.params} reveal={reveal} />
                  </div>
                  <div>
                    <p className="mb-1 text-xs font-medium uppercase tracking-wide">Proposed</p>
                    <Details params={payee.pending.params} reveal={reveal} highlight={changedParams(payee.params, payee.pending.params)} />
                  </div>
                </div>
                {waitingOn === actor.id ? <p className="mt-2">You proposed it, so someone else must approve it.</p> : null}
              </div>
            ) : null}
            {mayApprovePayees ? <PayeeDecision payeeId={payee.id} what={mayDecide ? (payee.status === "pending_approval" ? "payee" : "change") : null} /> : null}
          </section>

          <section aria-labelledby="payouts-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
            <h2 id="payouts-heading" className="border-b border-slate-200 px-5 py-4 text-base font-semibold text-slate-900">
              Payouts to {payee.name}
            </h2>
            {payee.payouts.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-500">No payouts yet.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-4 py-3">When</th>
                      <th scope="col" className="px-4 py-3">Batch</th>
                      <th scope="col" className="px-4 py-3 text-right">Amount</th>
                      <th scope="col" className="px-4 py-3">Batch status</th>
                      <th scope="col" className="px-4 py-3">Outcome</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {payee.payouts.map((payout) => (
                      <tr key={payout.transactionId} data-testid="payee-payout">
                        <td className="whitespace-nowrap px-4 py-3 text-slate-600">{when(payout.createdAt)}</td>
                        <td className="px-4 py-3">
                          <Link href={`/batches/${payout.batchId}`} className="text-brand-700 hover:text-brand-800">
                            {payout.description}
                          </Link>
                        </td>
                        <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">{payout.amount ? formatAmount(payout.amount, payout.currency) : "—"}</td>
                        <td className="px-4 py-3 text-slate-600">{payout.batchStatus.replaceAll("_", " ")}</td>
                        <td className="px-4 py-3 text-slate-600">
                          {payout.providerStatus ?? "not sent"}
                          {payout.failureReason ? `: ${payout.failureReason}` : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>

        <div className="space-y-6">
          <section aria-labelledby="contact-heading" className="rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm" data-testid="payee-contact">
            <h2 id="contact-heading" className="mb-2 text-base font-semibold text-slate-900">
              Hello Clever contact
            </h2>
            {payee.contact ? (
              <p>
                Contact {payee.contact.providerId ? <code className="text-xs">{payee.contact.providerId}</code> : null} exists for {payee.email}
                {payee.contact.kycStatus ? `; KYC: ${payee.contact.kycStatus}` : "; KYC: not submitted"}.
              </p>
            ) : (
              <p className="text-slate-600">No Hello Clever contact is recorded for {payee.email}.</p>
            )}
            <p className="mt-2 text-xs text-slate-500">
              {payee.requireKyc
                ? `${payee.methodLabel} needs a contact with an approved KYC for every payee before a batch can be submitted for approval.`
                : payee.requireContact
                  ? `${payee.methodLabel} needs a contact for every payee before a batch can be submitted for approval.`
                  : `${payee.methodLabel} needs no contact.`}
              {payee.requireKyc ? " KYC is submitted in Hello Clever's own flow; its status is read here." : ""}
            </p>
            <ContactActions payeeId={payee.id} canCreate={mayPropose} hasContact={payee.contact !== null} />
          </section>
          {mayPropose ? (
            <section aria-labelledby="change-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <h2 id="change-heading" className="mb-3 text-base font-semibold text-slate-900">
                Change details
              </h2>
              <PayeeForm mode="change" payeeId={payee.id} method={{ name: payee.methodName, label: payee.methodLabel, fields }} initial={{ name: payee.pending?.name ?? payee.name, params: payee.pending?.params ?? payee.params }} />
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}
