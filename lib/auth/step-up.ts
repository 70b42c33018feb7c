import "server-only";
import { createContext, type ServiceContext } from "../context";
import { getDb } from "../db";
import { deny, enforce } from "../policy/decision";
import { lastStepUpAt, STEP_UP_MAX_AGE_MS } from "./second-factor";
import { currentSessionClaims } from "./step-up-session";

export const STEP_UP_MESSAGE = "Confirm it's you: enter a code from your authenticator app (asked again after 5 minutes for changes like this)";

/** Whether the session proved a second factor within the last 5 minutes. */
export function isRecent(at: Date | null, now: Date): boolean {
  return at !== null && now.getTime() - at.getTime() <= STEP_UP_MAX_AGE_MS;
}

/**
 * Step-up: the person acting must have proved a second factor (at sign-in, or in the step-up
 * dialog) in this session within the last 5 minutes. Refuses with reason `step_up_required`
 * (the dialog's cue to ask for a code and retry) otherwise.
 */
export async function requireRecentStepUp(ctx: ServiceContext): Promise<void> {
  if (ctx.actor.kind !== "user") return enforce(deny("step_up_required", "Only a person can confirm this with a second factor"));
  const claims = await currentSessionClaims();
  const at = claims && claims.userId === ctx.actor.id ? await lastStepUpAt(ctx, { sessionId: claims.sessionId, userId: ctx.actor.id }) : null;
  if (!isRecent(at, ctx.now())) enforce(deny("step_up_required", STEP_UP_MESSAGE));
}

/** The same check for code not yet on ServiceContext (an action that has only the signed-in user). */
export async function requireRecentStepUpFor(user: { id: string; email: string; roles: ServiceContext["actor"]["roles"] }): Promise<void> {
  await requireRecentStepUp(createContext(getDb(), { kind: "user", id: user.id, label: user.email, roles: user.roles }));
}
