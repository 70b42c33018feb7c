import type { Metadata } from "next";
import Link from "next/link";
import { PayeeForm } from "@/components/payees/payee-form";
import { PayeeStatusBadge } from "@/components/payees/payee-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/auth/roles";
import { pageContext } from "@/lib/auth/request-context";
import { listMethods } from "@/lib/methods/list-methods";
import { maskParams } from "@/lib/payees/mask";
import { searchPayees } from "@/lib/payees/search-payees";
import { searchPayeesSchema } from "@/lib/payees/schemas";

export const metadata: Metadata = { title: "Payees" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PayeesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageContext("payees.view");
  const raw = await searchParams;
  const parsed = searchPayeesSchema.safeParse({ q: typeof raw.q === "string" ? raw.q : undefined });
  const q = parsed.success ? parsed.data.q : undefined;
  const rows = await searchPayees(ctx, { q, limit: 200 });
  const reveal = can(ctx.actor.roles, "payees.view_account");
  const mayAdd = can(ctx.actor.roles, "payees.edit");
  const methods = mayAdd ? (await listMethods(ctx)).filter((m) => m.fields && !m.parseError) : [];

  return (
    <>
      <PageHeader
        title="Payees"
        description="One payee per person or business per method. A new payee, or a change of its account details, takes effect only once someone other than its maker approves it."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <form method="get" action="/payees" className="flex items-end gap-2" role="search">
            <TextField label="Search payees" name="q" placeholder="Name, email or account number" defaultValue={q} className="flex-1" error={parsed.success ? undefined : parsed.error.issues[0]?.message} />
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </form>
          {rows.length === 0 ? (
            <EmptyState title={q ? "No payee matches" : "No payees yet"} description="Payees are added by hand here, or from a batch when it is submitted for approval." />
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-3">Name</th>
                    <th scope="col" className="px-4 py-3">Email</th>
                    <th scope="col" className="px-4 py-3">Method</th>
                    <th scope="col" className="px-4 py-3">Account</th>
                    <th scope="col" className="px-4 py-3">Status</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((payee) => (
                    <tr key={payee.id} data-testid="payee-row">
                      <td className="px-4 py-3 font-medium">
                        <Link href={`/payees/${payee.id}`} className="text-brand-700 hover:text-brand-800">
                          {payee.name}
                        </Link>
                      </td>
                      <td className="px-4 py-3 text-slate-600">{payee.email}</td>
                      <td className="px-4 py-3 text-slate-600">{payee.methodName}</td>
                      <td className="px-4 py-3 font-mono text-xs text-slate-700">{maskParams(payee.params, reveal).account_number ?? ""}</td>
                      <td className="px-4 py-3">
                        <PayeeStatusBadge status={payee.status} pendingChange={payee.pending !== null} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {mayAdd ? (
          <section aria-labelledby="add-payee" className="h-fit rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="add-payee" className="mb-3 text-base font-semibold text-slate-900">
              Add payee
            </h2>
            <PayeeForm mode="create" methods={methods.map((m) => ({ name: m.name, label: m.label, fields: (m.fields ?? []).map((f) => ({ key: f.key, label: f.label, required: f.required })) }))} />
          </section>
        ) : null}
      </div>
    </>
  );
}
