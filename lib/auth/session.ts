import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "../db";
import { users } from "../db/schema";
import { DomainError } from "../errors";
import { authOptions } from "./options";
import { can, type Permission, type Role } from "./roles";

export type CurrentUser = { id: string; email: string; name: string; roles: Role[] };

/**
 * The signed-in user as the database sees them now: a deactivated or demoted user loses
 * access at their next request, whatever their token says.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const [user] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, roles: users.roles, active: users.active })
    .from(users)
    .where(eq(users.id, id));
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, roles: user.roles };
}

/** The current user if they hold the permission; otherwise a DomainError (401 or 403). */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in to continue");
  if (!can(user.roles, permission)) throw new DomainError("forbidden", "You do not have permission to do that");
  return user;
}

/** The request id the server put on this request (for audit rows and logs). */
export async function currentRequestId(): Promise<string | null> {
  return (await headers()).get("x-request-id");
}

/** For pages: the current user with the permission, else the sign-in page (signed out) or a 403 page. */
export async function requirePagePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.roles, permission)) forbidden();
  return user;
}
