"use server";

import { defineAction } from "@/lib/actions/define-action";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordStepUp, verifySecondFactorCode } from "@/lib/auth/second-factor";
import { currentSessionClaims } from "@/lib/auth/step-up-session";
import { secondFactorCodeSchema } from "@/lib/auth/step-up-schemas";
import { totpEncryptionKey } from "@/lib/auth/totp-key";
import { DomainError } from "@/lib/errors";

/** The step-up dialog's "Confirm": a code (or recovery code) proves the second factor for 5 minutes. Any signed-in person. */
export const verifyStepUpAction = defineAction(
  { name: "user.step_up", schema: secondFactorCodeSchema, permission: "batches.view" },
  async (ctx, input) => {
    const claims = await currentSessionClaims();
    if (!claims || claims.userId !== ctx.actor.id) throw new DomainError("unauthenticated", "Sign in again to continue");
    const method = await verifySecondFactorCode(ctx.db, { userId: ctx.actor.id, code: input.code, key: totpEncryptionKey(), now: ctx.now() });
    await recordStepUp(ctx.db, { sessionId: claims.sessionId, userId: ctx.actor.id, method, now: ctx.now() });
    await recordAudit(ctx.db, { actor: { kind: "user", id: ctx.actor.id, label: ctx.actor.label }, action: "user.step_up", entityType: "user", entityId: ctx.actor.id, details: { method }, requestId: ctx.requestId });
    return { method };
  },
);
