"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { regenerateRecoveryCodes } from "@/lib/auth/totp-setup";

/** "New recovery codes": the old ones stop working. Needs a fresh step-up. */
export const regenerateRecoveryCodesAction = defineAction(
  { name: "user.recovery_codes_regenerate", schema: z.object({}), permission: "batches.view", stepUp: true, revalidate: () => ["/account/security"] },
  (ctx) => regenerateRecoveryCodes(ctx),
);
