"use client";

import { browserSupportsWebAuthn, WebAuthnError } from "@simplewebauthn/browser";
import { useSyncExternalStore } from "react";

// Browser-side passkey helpers shared by the sign-in form, the step-up dialog and the account page
// (no server actions here: the sign-in page must not load the console's actions).

/** What the browser said when the person cancelled or the authenticator refused, in words. */
export function passkeyBrowserError(error: unknown): string {
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return "This device already holds one of your passkeys.";
  if (error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")) return "The passkey request was cancelled or timed out. Try again.";
  return "Your browser could not use a passkey here. Try again, or use your authenticator app.";
}

const noSubscribe = () => () => {};

/** Whether this browser offers passkeys (false on the server and in browsers without WebAuthn). */
export function usePasskeySupport(): boolean {
  return useSyncExternalStore(noSubscribe, browserSupportsWebAuthn, () => false);
}
