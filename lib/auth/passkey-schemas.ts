import type { AuthenticationExtensionsClientOutputs } from "@simplewebauthn/server";
import { z } from "zod";
import { hasControlCharacters } from "../security/text";

// Client-safe: the passkey forms and their actions share these. The browser's answers are parsed
// for shape and size here; @simplewebauthn/server checks their content.

const b64url = (field: string, max: number) =>
  z
    .string(`${field}: missing from the browser's answer`)
    .max(max, `${field}: too long`)
    .regex(/^[A-Za-z0-9_-]*$/, `${field}: not base64url`);

const transports = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(8).optional();
const common = {
  id: b64url("Passkey id", 1024).min(1, "Passkey id: missing from the browser's answer"),
  rawId: b64url("Passkey raw id", 1024),
  type: z.literal("public-key", "Passkey type: must be public-key"),
  clientExtensionResults: z
    .custom<AuthenticationExtensionsClientOutputs>((value) => typeof value === "object" && value !== null && !Array.isArray(value), "Extension results: must be an object")
    .default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

export const registrationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url("Client data", 8192),
    attestationObject: b64url("Attestation", 65536),
    authenticatorData: b64url("Authenticator data", 65536).optional(),
    transports,
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url("Public key", 8192).optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url("Client data", 8192),
    authenticatorData: b64url("Authenticator data", 65536),
    signature: b64url("Signature", 8192),
    userHandle: b64url("User handle", 1024).optional(),
  }),
});

export const passkeyNameSchema = z
  .string("Name: text")
  .trim()
  .max(60, "Name: at most 60 characters")
  .refine((value) => !hasControlCharacters(value), "Name: no control characters")
  .optional();

export const finishPasskeyRegistrationSchema = z.object({ name: passkeyNameSchema, response: registrationResponseSchema });
export const verifyPasskeyStepUpSchema = z.object({ response: authenticationResponseSchema });
export const removePasskeySchema = z.object({ passkeyId: b64url("Passkey", 1024).min(1, "Passkey: which one to remove") });
