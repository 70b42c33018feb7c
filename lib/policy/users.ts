import { allow, deny, type Decision } from "./decision";
import { hasPermission } from "./permissions";
import type { PolicyActor } from "./policy-actor";

// Client-safe: the users page asks these for its buttons; the lib verbs ask again under the lock.

/** What the grant rules read of a pending role grant. */
export type RoleGrantForPolicy = { requestedBy: string; status: string };

/** Separation of admin duties: a grant of approver or admin is confirmed by an admin other than the one who asked. */
export function mayConfirmRoleGrant(actor: PolicyActor, grant: RoleGrantForPolicy): Decision {
  const permission = hasPermission(actor, "admin.manage");
  if (!permission.allowed) return permission;
  if (grant.requestedBy === actor.id) return deny("maker_checker", "You asked for this role change, so another admin must confirm it (separation of duties)");
  if (grant.status !== "pending") return deny("wrong_state", "This role request was already decided");
  return allow();
}
