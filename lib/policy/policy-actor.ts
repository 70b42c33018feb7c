import type { Role } from "../auth/roles";

/** What the policy reads of whoever acts (a ServiceContext's actor, or the viewer on a page). */
export type PolicyActor = { kind: "user" | "api_key" | "system"; id: string; roles: readonly Role[] };
