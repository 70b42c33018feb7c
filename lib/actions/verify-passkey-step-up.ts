"use server";

import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { defineAction } from "@/lib/actions/define-action";
import { recordAudit } from "@/lib/audit/record-audit";
import { configuredRelyingParty } from "@/lib/auth/passkey-config";
import { verifyPasskeyStepUpSchema } from "@/lib/auth/passkey-schemas";
import { verifyPasskeyAuthentication } from "@/lib/auth/passkeys";
import { recordStepUp } from "@/lib/auth/second-factor";
import { currentSessionClaims } from "@/lib/auth/step-up-session";
import { DomainError } from "@/lib/errors";

/** The step-up dialog's "Use a passkey", second half: a passkey's answer proves the second factor for 5 minutes. */
export const verifyPasskeyStepUpAction = defineAction(
  { name: "user.step_up_passkey", schema: verifyPasskeyStepUpSchema, permission: "batches.view" },
  async (ctx, input) => {
    const claims = await currentSessionClaims();
    if (!claims || claims.userId !== ctx.actor.id) throw new DomainError("unauthenticated", "Sign in again to continue");
    await verifyPasskeyAuthentication(ctx, { purpose: "step_up", rp: configuredRelyingParty(), response: input.response as AuthenticationResponseJSON });
    await recordStepUp(ctx.db, { sessionId: claims.sessionId, userId: ctx.actor.id, method: "passkey", now: ctx.now() });
    await recordAudit(ctx.db, { actor: { kind: "user", id: ctx.actor.id, label: ctx.actor.label }, action: "user.step_up", entityType: "user", entityId: ctx.actor.id, details: { method: "passkey" }, requestId: ctx.requestId });
    return { method: "passkey" as const };
  },
);
