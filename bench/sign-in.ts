import { totpCodeAt } from "../lib/auth/totp";
import { DEMO_PASSWORD, demoTotpSecret } from "../lib/users/demo-users";

export type SessionCookie = { name: string; value: string };

function cookiesOf(response: Response): SessionCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

const header = (cookies: SessionCookie[]) => cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

/**
 * Signs a demo user in through next-auth's credentials endpoint (csrf token, then the callback),
 * as the login form does, and returns the cookies to send: a `Cookie` header for fetch, or
 * cookies for a Playwright context.
 */
export async function signIn(appUrl: string, email: string): Promise<{ cookies: SessionCookie[]; cookieHeader: string }> {
  const secret = demoTotpSecret(email); // the demo approvers and admin have a second factor
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = cookiesOf(csrf);
  const callback = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(csrfCookies) },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: appUrl, json: "true", ...(secret ? { code: totpCodeAt(secret, new Date()) } : {}) }),
  });
  const session = cookiesOf(callback).filter((cookie) => cookie.name.includes("session-token") && cookie.value !== "");
  if (session.length === 0) throw new Error(`Signing in as ${email} failed (${callback.status})`);
  const cookies = [...csrfCookies, ...session];
  return { cookies, cookieHeader: header(cookies) };
}
