// Client-safe: the sign-in form reads what next-auth passes back from authorize().

/**
 * The message next-auth hands the sign-in form when the password was right and a second factor
 * is needed: `second-factor-required:totp,passkey` (the methods the person has), followed by
 * `;passkey-options=<base64url JSON>` when the form asked to use a passkey (the browser's
 * options, with a sign-in challenge bound to the person).
 */
export const SECOND_FACTOR_REQUIRED = "second-factor-required";
const OPTIONS_MARK = ";passkey-options=";

export function secondFactorRequiredMessage(methods: { totp: boolean; passkey: boolean }, passkeyOptions?: unknown): string {
  const list = [methods.totp ? "totp" : null, methods.passkey ? "passkey" : null].filter(Boolean).join(",");
  const options = passkeyOptions === undefined ? "" : `${OPTIONS_MARK}${base64UrlEncode(JSON.stringify(passkeyOptions))}`;
  return `${SECOND_FACTOR_REQUIRED}:${list}${options}`;
}

export function parseSecondFactorRequired(error: string | null | undefined): { totp: boolean; passkey: boolean; passkeyOptions: unknown } | null {
  if (!error?.startsWith(`${SECOND_FACTOR_REQUIRED}:`)) return null;
  const [head = "", encoded] = error.slice(SECOND_FACTOR_REQUIRED.length + 1).split(OPTIONS_MARK);
  const methods = head.split(",");
  let passkeyOptions: unknown = null;
  if (encoded) {
    try {
      passkeyOptions = JSON.parse(base64UrlDecode(encoded));
    } catch {
      passkeyOptions = null;
    }
  }
  return { totp: methods.includes("totp"), passkey: methods.includes("passkey"), passkeyOptions };
}

function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlDecode(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
