// Session lifetimes and the cookie's security, shared by next-auth's options, the proxy (which
// slides the idle expiry) and the session check. Edge-safe: no database, no Node-only imports.

/** Signed out after this long without a request (the proxy re-issues the cookie while in use). */
export const IDLE_SECONDS = 60 * 60;
/** Signed out this long after signing in, however active. */
export const ABSOLUTE_SECONDS = 12 * 60 * 60;
/** The proxy re-issues the session cookie (a fresh idle expiry) at most this often. */
export const REFRESH_AFTER_SECONDS = 5 * 60;

/** The console's public URL is https: cookies are Secure, HSTS is sent. */
export function publicUrlIsHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  const url = env.NEXTAUTH_URL || env.PUBLIC_BASE_URL || "";
  return url.startsWith("https://");
}

export function sessionCookieName(env: NodeJS.ProcessEnv = process.env): string {
  return publicUrlIsHttps(env) ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** What a session token carries besides next-auth's own claims. */
export type SessionClaims = { sub?: string; sv?: number; authAt?: number };

/** Whether a token is past its absolute lifetime (or was issued before lifetimes were recorded). */
export function sessionExpired(claims: SessionClaims, nowMs = Date.now()): boolean {
  if (typeof claims.authAt !== "number") return true;
  return nowMs / 1000 - claims.authAt > ABSOLUTE_SECONDS;
}
