"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { Button } from "@/components/ui/button";
import { ActionFeedback, type ActionMessage } from "@/components/ui/use-action";
import { decideRoleGrantAction } from "@/lib/actions/decide-role-grant";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";

export type PendingGrantView = { id: string; userEmail: string; userName: string; currentRoles: Role[]; roles: Role[]; requesterName: string; mayConfirm: boolean; why: string | null };

/** Role requests waiting for a second admin (separation of duties): confirm (another admin) or cancel. */
export function PendingGrants({ grants }: { grants: PendingGrantView[] }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessage | null>(null);

  const decide = (grantId: string, decision: "confirm" | "cancel") =>
    startTransition(async () => {
      setMessage(null);
      const result = await withStepUp(() => decideRoleGrantAction({ grantId, decision }));
      setMessage(result.ok ? { tone: "success", text: result.data.status === "applied" ? "Confirmed: the roles apply now." : "Cancelled." } : { tone: "error", text: result.message });
      if (result.ok) router.refresh();
    });

  return (
    <section aria-labelledby="pending-grants" className="mb-6 rounded-xl border border-amber-200 bg-amber-50/60 p-5" data-testid="pending-grants">
      <h2 id="pending-grants" className="text-base font-semibold text-slate-900">
        Waiting for a second admin
      </h2>
      <p className="mt-1 text-sm text-slate-600">Approver and admin roles apply once an admin other than the one who asked confirms them.</p>
      <ul className="mt-4 divide-y divide-amber-100">
        {grants.map((grant) => (
          <li key={grant.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="pending-grant" data-email={grant.userEmail}>
            <div className="text-sm">
              <p className="font-medium text-slate-900">
                {grant.userName} <span className="font-normal text-slate-500">{grant.userEmail}</span>
              </p>
              <p className="text-slate-600">
                {grant.roles.map((role) => ROLE_LABELS[role]).join(", ")}, asked by {grant.requesterName}
                {grant.why ? <span className="text-slate-500"> · {grant.why}</span> : null}
              </p>
            </div>
            <div className="flex gap-2">
              {grant.mayConfirm ? (
                <Button onClick={() => decide(grant.id, "confirm")} disabled={pending} aria-label={`Confirm roles for ${grant.userEmail}`}>
                  Confirm
                </Button>
              ) : null}
              <Button variant="secondary" onClick={() => decide(grant.id, "cancel")} disabled={pending} aria-label={`Cancel role request for ${grant.userEmail}`}>
                Cancel
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <ActionFeedback message={message} />
    </section>
  );
}
