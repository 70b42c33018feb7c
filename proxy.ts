import { encode, getToken, type JWT } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { IDLE_SECONDS, publicUrlIsHttps, REFRESH_AFTER_SECONDS, sessionCookieName, sessionExpired, type SessionClaims } from "./lib/auth/session-policy";
import { refuseActionBody } from "./lib/security/action-body";
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from "./lib/security/headers";

// Reachable signed out: the sign-in page, next-auth itself, the health probe and the webhook
// receiver (which authenticates each delivery by its per-batch secret).
// The machine API (/api/v1) authenticates each call by its API key; its OpenAPI document and
// reference page are public.
const PUBLIC_PATHS = [/^\/login$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/api\/webhooks\//, /^\/api\/v1\//];

/**
 * Runs before every page, action and route handler: sends signed-out (or expired) people to sign
 * in, slides the session's idle expiry while it is in use, and puts the security headers and a
 * per-request CSP nonce on the answer. Roles and revocation are checked by every page, action
 * and handler itself (lib/auth/session.ts), against the database.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = createNonce();
  const https = publicUrlIsHttps();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });

  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return withHeaders(request, nonce, csp);
  // Answers for a signed-in person (JSON, streams, exports) are never kept by a cache.
  const api = pathname.startsWith("/api/");

  // A server action body over the limit or absurdly nested: a 4xx with a message, not Next's 500.
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = await checkActionBody(request);
    if (refusal) return secure(NextResponse.json({ error: refusal.error, message: refusal.message }, { status: refusal.status }), csp);
  }

  const secret = process.env.NEXTAUTH_SECRET;
  const token = (await getToken({ req: request, secret, secureCookie: https })) as (JWT & SessionClaims) | null;
  if (token && !sessionExpired(token)) {
    const response = withHeaders(request, nonce, csp);
    if (api) response.headers.set("cache-control", "no-store, no-transform");
    await slideIdleExpiry(response, token, secret, https);
    return response;
  }
  if (api || request.headers.has("next-action")) {
    return secure(NextResponse.json({ error: "unauthenticated", message: "Sign in to continue" }, { status: 401 }), csp);
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return secure(NextResponse.redirect(login), csp);
}

async function checkActionBody(request: NextRequest) {
  const length = Number(request.headers.get("content-length"));
  const declared = Number.isFinite(length) && length > 0 ? length : null;
  const early = refuseActionBody(declared, null);
  if (early) return early;
  // Multipart bodies (file uploads, forms) are left to Next; JSON-ish text is checked.
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/")) return null;
  try {
    return refuseActionBody(declared, await request.clone().text());
  } catch {
    return null;
  }
}

function withHeaders(request: NextRequest, nonce: string, csp: string): NextResponse {
  // Next reads the nonce from the request's CSP header and puts it on its own scripts and styles.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  return secure(NextResponse.next({ request: { headers } }), csp);
}

function secure(response: NextResponse, csp: string): NextResponse {
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders())) response.headers.set(name, value);
  return response;
}

/** A session in use gets a fresh idle expiry (at most every few minutes); its absolute limit stays. */
async function slideIdleExpiry(response: NextResponse, token: JWT & SessionClaims, secret: string | undefined, https: boolean): Promise<void> {
  const issuedAt = typeof token.iat === "number" ? token.iat : 0;
  if (!secret || Date.now() / 1000 - issuedAt < REFRESH_AFTER_SECONDS) return;
  const claims: JWT = { ...token };
  for (const key of ["iat", "exp", "jti"]) delete claims[key];
  const value = await encode({ token: claims, secret, maxAge: IDLE_SECONDS });
  response.cookies.set(sessionCookieName(), value, { httpOnly: true, sameSite: "lax", path: "/", secure: https, maxAge: IDLE_SECONDS });
}

export const config = {
  // Static files from public/ and the app icon are served to anyone.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|icon-192.png|icon-512.png|manifest.webmanifest|robots.txt).*)"],
};
