import { allow, deny, type Decision } from "./decision";
import { hasPermission } from "./permissions";
import type { PolicyActor } from "./policy-actor";

// Client-safe: the payee pages ask these for their buttons, the verbs again under the row lock.

/** What the payee rules read of a payee. */
export type PayeeForPolicy = { status: string; createdBy: string; pendingBy?: string | null; hasPendingChange: boolean };

/** Add a payee (`null`) or propose a change to its details: makers (operators, admins), people only. */
export function mayProposePayee(actor: PolicyActor, payee: PayeeForPolicy | null): Decision {
  if (actor.kind === "api_key" && payee !== null) return deny("no_permission", "API keys cannot change a payee's account details");
  return hasPermission(actor, "payees.edit");
}

/** Who proposed what is waiting on this payee (its first approval, or a change). */
export function proposerOf(payee: PayeeForPolicy): string | null {
  if (payee.status === "pending_approval") return payee.createdBy;
  if (payee.hasPendingChange) return payee.pendingBy ?? null;
  return null;
}

/** Approve or reject a new payee or a change: approvers/admins, people only, never its proposer (maker-checker). */
export function mayDecidePayee(actor: PolicyActor, payee: PayeeForPolicy): Decision {
  if (actor.kind !== "user") return deny("no_permission", "Only a person can approve payee details");
  const permission = hasPermission(actor, "approvals.decide");
  if (!permission.allowed) return permission;
  const proposer = proposerOf(payee);
  if (!proposer) return deny("wrong_state", "Nothing on this payee is waiting for approval");
  if (proposer === actor.id) return deny("maker_checker", "You proposed these payee details, so someone else must approve them (maker-checker)");
  return allow();
}
