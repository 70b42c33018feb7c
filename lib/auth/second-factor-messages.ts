// Client-safe: the sign-in form reads what next-auth passes back from authorize().

/**
 * The message next-auth hands the sign-in form when the password was right and a second factor
 * is needed: `second-factor-required:totp,passkey` (the methods the person has).
 */
export const SECOND_FACTOR_REQUIRED = "second-factor-required";

export function secondFactorRequiredMessage(methods: { totp: boolean; passkey: boolean }): string {
  return `${SECOND_FACTOR_REQUIRED}:${[methods.totp ? "totp" : null, methods.passkey ? "passkey" : null].filter(Boolean).join(",")}`;
}

export function parseSecondFactorRequired(error: string | null | undefined): { totp: boolean; passkey: boolean } | null {
  if (!error?.startsWith(`${SECOND_FACTOR_REQUIRED}:`)) return null;
  const methods = error.slice(SECOND_FACTOR_REQUIRED.length + 1).split(",");
  return { totp: methods.includes("totp"), passkey: methods.includes("passkey") };
}
