import type { Metadata } from "next";
import Link from "next/link";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { ManageUserDialog } from "@/components/admin/manage-user-dialog";
import { PendingGrants } from "@/components/admin/pending-grants";
import { SecondFactorRequirement } from "@/components/admin/second-factor-requirement";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { pageContext } from "@/lib/auth/request-context";
import { secondFactorRequiredForAll } from "@/lib/auth/second-factor";
import { mayConfirmRoleGrant } from "@/lib/policy/users";
import { listPendingGrants } from "@/lib/users/list-pending-grants";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users" };

const HEAD = "px-4 py-3 text-left font-medium";

export default async function UsersPage() {
  const ctx = await pageContext("admin.manage");
  const [users, grants, everyoneNeedsSecondFactor] = await Promise.all([listUsers(ctx), listPendingGrants(ctx), secondFactorRequiredForAll(ctx)]);
  const grantViews = grants.map((grant) => {
    const decision = mayConfirmRoleGrant(ctx.actor, { requestedBy: grant.requestedBy, status: "pending" });
    return { ...grant, mayConfirm: decision.allowed, why: decision.allowed ? null : decision.message };
  });
  return (
    <>
      <PageHeader
        title="Users"
        description={
          <>
            <Link href="/admin" className="text-brand-700 hover:underline">Admin</Link> · Who can sign in and what each person may do. Every change is in the audit log.
          </>
        }
      />
      {grantViews.length > 0 ? <PendingGrants grants={grantViews} /> : null}
      <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
        <div className="h-fit overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full min-w-[640px] text-sm" data-testid="users-table">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className={HEAD}>Person</th>
                <th scope="col" className={HEAD}>Roles</th>
                <th scope="col" className={HEAD}>Status</th>
                <th scope="col" className={HEAD}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id} data-testid="user-row" data-email={user.email} className={user.active ? "" : "bg-slate-50/70"}>
                  <td className="px-4 py-3">
                    <p className={`font-medium ${user.active ? "text-slate-900" : "text-slate-500"}`}>
                      {user.name}
                      {user.id === ctx.actor.id ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
                    </p>
                    <p className="text-slate-500">{user.email}</p>
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap gap-1">
                      {user.roles.map((role) => (
                        <span key={role} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-200">
                          {ROLE_LABELS[role]}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td className="px-4 py-3" data-testid="user-status">
                    {user.active ? (
                      <span className="inline-flex items-center gap-1.5 text-emerald-700"><span className="size-1.5 rounded-full bg-emerald-500" aria-hidden="true" />Active</span>
                    ) : (
                      <span className="inline-flex items-center gap-1.5 text-slate-500"><span className="size-1.5 rounded-full bg-slate-400" aria-hidden="true" />Deactivated</span>
                    )}
                  </td>
                  <td className="px-4 py-3 text-right">
                    <ManageUserDialog user={{ id: user.id, email: user.email, name: user.name, roles: user.roles, active: user.active }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section aria-labelledby="add-user" className="h-fit rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="add-user" className="text-base font-semibold text-slate-900">Add user</h2>
          <p className="mt-1 mb-4 text-sm text-slate-500">A person may hold several roles. Nobody can approve a batch they made, whatever their roles.</p>
          <CreateUserForm />
        </section>
        <section aria-labelledby="sign-in-policy" className="h-fit rounded-xl border border-slate-200 bg-white p-5 shadow-sm xl:col-start-2">
          <h2 id="sign-in-policy" className="text-base font-semibold text-slate-900">Two-step sign-in</h2>
          <SecondFactorRequirement required={everyoneNeedsSecondFactor} />
        </section>
      </div>
    </>
  );
}
