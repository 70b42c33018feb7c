import { and, arrayContains, eq } from "drizzle-orm";
import type { Db } from "../db";
import { users, type User } from "../db/schema";
import { DomainError } from "../errors";

/**
 * Locks the user about to change, and every active admin with them, so two admins demoting or
 * deactivating each other at once cannot both succeed and leave nobody able to manage users.
 * Returns the user, whether they are the only active admin, and every active admin's id.
 */
export async function lockUserForChange(tx: Db, userId: string): Promise<{ user: User; lastActiveAdmin: boolean; activeAdminIds: string[] }> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), arrayContains(users.roles, ["admin"])))
    .orderBy(users.id) // one lock order for everyone: no deadlock between two such changes
    .for("update");
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new DomainError("not_found", "That user does not exist");
  return { user, lastActiveAdmin: admins.length === 1 && admins[0]?.id === userId, activeAdminIds: admins.map((admin) => admin.id) };
}
