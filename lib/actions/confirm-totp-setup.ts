"use server";

import { defineAction } from "@/lib/actions/define-action";
import { recordStepUp } from "@/lib/auth/second-factor";
import { currentSessionClaims } from "@/lib/auth/step-up-session";
import { secondFactorCodeSchema } from "@/lib/auth/step-up-schemas";
import { totpEncryptionKey } from "@/lib/auth/totp-key";
import { confirmTotpSetup } from "@/lib/auth/totp-setup";

/** "Turn on": the first code confirms the app; the recovery codes are returned once. The code counts as a step-up. */
export const confirmTotpSetupAction = defineAction(
  // No revalidate: a re-render would swap the set-up (and the recovery codes it shows once) for the page; "I have saved them" refreshes.
  { name: "user.totp_enable", schema: secondFactorCodeSchema, permission: "batches.view" },
  async (ctx, input) => {
    const result = await confirmTotpSetup(ctx, { code: input.code, key: totpEncryptionKey() });
    const claims = await currentSessionClaims();
    if (claims && claims.userId === ctx.actor.id) await recordStepUp(ctx.db, { sessionId: claims.sessionId, userId: ctx.actor.id, method: "totp", now: ctx.now() });
    return result;
  },
);
