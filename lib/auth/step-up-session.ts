import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";

// Whichever name the session cookie has here (`__Secure-` when the console is served over https).
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** What the session token says about this sign-in: the user and the session's own random id (`sid`). */
export async function currentSessionClaims(): Promise<{ userId: string; sessionId: string } | null> {
  const jar = await cookies();
  for (const cookieName of COOKIE_NAMES) {
    if (!jar.getAll().some((cookie) => cookie.name.startsWith(cookieName))) continue;
    const token = await getToken({ req: { cookies: jar, headers: {} } as never, secret: process.env.NEXTAUTH_SECRET, cookieName, secureCookie: cookieName.startsWith("__Secure-") });
    const sessionId = (token as { sid?: unknown } | null)?.sid;
    if (token?.sub && typeof sessionId === "string") return { userId: token.sub, sessionId };
  }
  return null;
}
