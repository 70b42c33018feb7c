"use server";

import { defineAction } from "@/lib/actions/define-action";
import { removePasskeySchema } from "@/lib/auth/passkey-schemas";
import { removePasskey } from "@/lib/auth/passkeys";

/** "Remove" on one of the person's passkeys. Needs a fresh step-up, like every second-factor change. */
export const removePasskeyAction = defineAction(
  { name: "user.passkey_remove", schema: removePasskeySchema, permission: "batches.view", stepUp: true, revalidate: () => ["/account/security"] },
  (ctx, input) => removePasskey(ctx, input),
);
