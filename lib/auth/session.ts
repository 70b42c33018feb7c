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
import { sessionExpired, type SessionClaims } from "./session-policy";

export type CurrentUser = { id: string; email: string; name: string; roles: Role[] };

/**
 * The signed-in user as the database sees them now, checked on every request: a deactivated or
 * demoted user loses access at their next request whatever their token says, and a token issued
 * before the user's session version moved on (sign-out, password reset, role change,
 * deactivation) or more than 12 hours after its sign-in is no session at all.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const claims = await getSessionClaims();
  return claims ? currentUserFor(claims) : null;
}

/** The claims of this request's session token, unchecked (for re-checking later, as a stream does). */
export async function getSessionClaims(): Promise<SessionClaims | null> {
  const session = (await getServerSession(authOptions)) as { user?: { id?: string }; sv?: number; authAt?: number } | null;
  const id = session?.user?.id;
  return id ? { sub: id, sv: session.sv, authAt: session.authAt } : null;
}

/** The user a session's claims still stand for, or null (unknown, inactive, revoked, expired). */
export async function currentUserFor(claims: SessionClaims, nowMs = Date.now()): Promise<CurrentUser | null> {
  if (!claims.sub || typeof claims.sv !== "number" || sessionExpired(claims, nowMs)) return null;
  const [user] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, roles: users.roles, active: users.active, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, claims.sub));
  if (!user || !user.active || user.sessionVersion !== claims.sv) return null;
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
