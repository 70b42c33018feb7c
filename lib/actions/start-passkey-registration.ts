"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { configuredRelyingParty } from "@/lib/auth/passkey-config";
import { startPasskeyRegistration } from "@/lib/auth/passkeys";
import { getSecondFactorStatus } from "@/lib/auth/second-factor";
import { requireRecentStepUp } from "@/lib/auth/step-up";

/**
 * "Add a passkey", first half: the browser's options with a registration challenge. Someone who
 * already has a second factor proves it again first (step-up), so a stolen session cannot add
 * its own passkey; someone setting up their first factor does not need to.
 */
export const startPasskeyRegistrationAction = defineAction(
  { name: "user.passkey_register_start", schema: z.object({}), permission: "batches.view" },
  async (ctx) => {
    const status = await getSecondFactorStatus(ctx, { id: ctx.actor.id, roles: ctx.actor.roles });
    if (status.enrolled) await requireRecentStepUp(ctx);
    return startPasskeyRegistration(ctx, { rp: configuredRelyingParty() });
  },
);
