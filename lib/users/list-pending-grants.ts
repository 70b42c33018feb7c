import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ServiceContext } from "../context";
import { roleGrants, users } from "../db/schema";

export type PendingGrant = Awaited<ReturnType<typeof listPendingGrants>>[number];

/** Role grants waiting for a second admin, oldest first, for /admin/users. */
export async function listPendingGrants(ctx: ServiceContext) {
  const requester = alias(users, "requester");
  return ctx.db
    .select({
      id: roleGrants.id,
      kind: roleGrants.kind,
      roles: roleGrants.roles,
      requestedAt: roleGrants.requestedAt,
      requestedBy: roleGrants.requestedBy,
      requesterName: requester.name,
      userEmail: users.email,
      userName: users.name,
      currentRoles: users.roles,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(requester, eq(requester.id, roleGrants.requestedBy))
    .where(eq(roleGrants.status, "pending"))
    .orderBy(asc(roleGrants.requestedAt));
}
