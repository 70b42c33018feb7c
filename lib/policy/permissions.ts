import { PERMISSIONS, type Permission, type Role } from "../auth/roles";
import { allow, deny, type Decision } from "./decision";

/** The permission table (lib/auth/roles.ts) as a decision, for anyone with roles. */
export function hasPermission(actor: { roles: readonly Role[] }, permission: Permission): Decision {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return actor.roles.some((role) => allowed.includes(role)) ? allow() : deny("no_permission", "You do not have permission to do that");
}
