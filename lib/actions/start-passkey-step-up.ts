"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { configuredRelyingParty } from "@/lib/auth/passkey-config";
import { startPasskeyAuthentication } from "@/lib/auth/passkeys";

/** The step-up dialog's "Use a passkey", first half: options with a step-up challenge bound to the person. */
export const startPasskeyStepUpAction = defineAction(
  { name: "user.passkey_step_up_start", schema: z.object({}), permission: "batches.view" },
  (ctx) => startPasskeyAuthentication(ctx, { purpose: "step_up", rp: configuredRelyingParty() }),
);
