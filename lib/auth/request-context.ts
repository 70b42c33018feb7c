import "server-only";
import { redirect } from "next/navigation";
import { createContext, type ServiceContext } from "../context";
import { getDb } from "../db";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import type { Permission } from "./roles";
import { currentRequestId, getCurrentUser, requirePagePermission, type CurrentUser } from "./session";

/**
 * The ServiceContext of the signed-in person making this request, who must hold `permission`
 * (401 signed out, 403 without it). Actions and route handlers build it once per request.
 */
export async function requestContext(permission: Permission): Promise<ServiceContext> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in to continue");
  const actor = { kind: "user" as const, id: user.id, label: user.email, roles: user.roles };
  enforce(hasPermission(actor, permission));
  return createContext(getDb(), actor, { requestId: await currentRequestId() });
}

/** The same for a page: signed out goes to /login, without `permission` a 403 page. */
export async function pageContext(permission: Permission): Promise<ServiceContext> {
  const user = await requirePagePermission(permission);
  return createContext(getDb(), { kind: "user", id: user.id, label: user.email, roles: user.roles }, { requestId: await currentRequestId() });
}

/** For the console's layout: any signed-in person (signed out goes to /login), with their context. */
export async function signedInPageContext(): Promise<{ user: CurrentUser; ctx: ServiceContext }> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return { user, ctx: createContext(getDb(), { kind: "user", id: user.id, label: user.email, roles: user.roles }, { requestId: await currentRequestId() }) };
}
