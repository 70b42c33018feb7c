import { and, eq, gt, inArray } from "drizzle-orm";
import type { Role } from "../auth/roles";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { roleGrants } from "../db/schema";

/** Roles whose grant needs a second admin (when there is one): they can move money or make people who can. */
export const PRIVILEGED_ROLES: readonly Role[] = ["approver", "admin"];

/** Hours during which a new or promoted user may not approve the batches of whoever created or promoted them. */
export const GRANT_COOLING_OFF_HOURS = 24;

/** Whether going from `before` to `after` adds approver or admin. */
export function addsPrivilege(before: readonly Role[], after: readonly Role[]): boolean {
  return after.some((role) => PRIVILEGED_ROLES.includes(role) && !before.includes(role));
}

/**
 * Who created or promoted this user within the last 24 hours (requesters and confirmers of the
 * applied grants). Seeded users and users made by a script have no grants: nobody to exclude.
 */
export async function recentGrantersOf(ctx: ServiceContext, input: { userId: string; now: Date }): Promise<{ adminId: string; at: Date }[]> {
  const since = new Date(input.now.getTime() - GRANT_COOLING_OFF_HOURS * 3600_000);
  const rows = await ctx.db
    .select({ requestedBy: roleGrants.requestedBy, decidedBy: roleGrants.decidedBy, decidedAt: roleGrants.decidedAt })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, input.userId), eq(roleGrants.status, "applied"), gt(roleGrants.decidedAt, since)));
  return rows.flatMap((row) => [row.requestedBy, row.decidedBy].filter((id): id is string => !!id).map((adminId) => ({ adminId, at: row.decidedAt! })));
}

/** Cancels a user's pending grants (a newer request replaces them). */
export async function cancelPendingGrantsOf(tx: Db, userIds: string[], decidedBy: string, now: Date): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .update(roleGrants)
    .set({ status: "cancelled", decidedBy, decidedAt: now })
    .where(and(inArray(roleGrants.userId, userIds), eq(roleGrants.status, "pending")));
}
