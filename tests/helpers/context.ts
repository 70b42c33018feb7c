import type { Role } from "../../lib/auth/roles";
import { createContext, type ServiceContext } from "../../lib/context";
import type { Db } from "../../lib/db";

/** The ServiceContext of a signed-in person (as requestContext builds it), for lib verb tests. */
export function userContext(db: Db, user: { id: string; label: string; roles: readonly Role[] }, now?: () => Date): ServiceContext {
  return createContext(db, { kind: "user", id: user.id, label: user.label, roles: user.roles }, { now });
}
