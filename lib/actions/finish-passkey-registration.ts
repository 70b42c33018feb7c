"use server";

import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { defineAction } from "@/lib/actions/define-action";
import { configuredRelyingParty } from "@/lib/auth/passkey-config";
import { finishPasskeyRegistrationSchema } from "@/lib/auth/passkey-schemas";
import { finishPasskeyRegistration } from "@/lib/auth/passkeys";

/** "Add a passkey", second half: the browser's answer to the registration challenge. No revalidation: recovery codes issued with a first factor stay on screen. */
export const finishPasskeyRegistrationAction = defineAction(
  { name: "user.passkey_add", schema: finishPasskeyRegistrationSchema, permission: "batches.view" },
  (ctx, input) => finishPasskeyRegistration(ctx, { rp: configuredRelyingParty(), name: input.name, response: input.response as RegistrationResponseJSON }),
);
