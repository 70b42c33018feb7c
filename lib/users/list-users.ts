import { asc, desc } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { users } from "../db/schema";

export type UserListItem = Awaited<ReturnType<typeof listUsers>>[number];

/** Every user for the admin page (active first, then by name); never the password hash. */
export async function listUsers(ctx: ServiceContext) {
  return ctx.db
    .select({ id: users.id, email: users.email, name: users.name, roles: users.roles, active: users.active, createdAt: users.createdAt })
    .from(users)
    .orderBy(desc(users.active), asc(users.name), asc(users.email));
}
